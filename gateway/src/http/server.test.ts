import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';

import { ApiError } from '../errors/api-error';
import { newLogger } from './logger';
import { newGatewayMetrics } from './metrics';
import { defineRoute } from './route';
import { createServer } from './server';

const logLines: string[] = [];
const logStream = new PassThrough();
logStream.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));

let ready = true;
let peer1Up = true;
const echo = defineRoute(
  {
    method: 'post',
    path: '/v1/echo/{name}',
    operationId: 'echo',
    summary: 'Echo a message',
    tags: ['test'],
    authenticated: true,
    pathParameters: { name: { type: 'string', pattern: '^[a-z]+$' } },
    requestBody: {
      contentType: 'application/json',
      schema: {
        type: 'object',
        required: ['message'],
        properties: { message: { type: 'string', maxLength: 10 } },
        additionalProperties: false,
      },
    },
    responses: { '200': { description: 'The echo' } },
  },
  (req, res, caller) => {
    if ((req.body as { message: string }).message === 'secret') {
      throw new ApiError('DEURO_ACCESS_DENIED', 'you may not say that', { transactionId: 'tx-1' });
    }
    if ((req.body as { message: string }).message === 'boom') {
      throw new Error('private detail that must not leak');
    }
    res.json({
      name: req.params.name,
      message: (req.body as { message: string }).message,
      caller: caller?.label,
    });
  },
);

describe('createServer', () => {
  let server: Server;
  let base = '';

  before(async () => {
    const app = createServer({
      logger: newLogger({ level: 'info', destination: logStream }),
      metrics: newGatewayMetrics(),
      version: '0.1.0',
      checkReady: () =>
        ready
          ? Promise.resolve([
              { name: 'peer0.org1', reachable: true },
              { name: 'peer1.org1', reachable: peer1Up },
            ])
          : Promise.reject(new Error('peer down')),
      authenticate: (req) =>
        Promise.resolve(
          req.headers.authorization === 'Bearer good' ? { label: 'User1@org1' } : undefined,
        ),
      routes: [echo],
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  after(() => {
    server.close();
  });

  const post = (path: string, body: unknown, token = 'good'): Promise<Response> =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  async function problem(
    response: Response,
    status: number,
    code: string,
  ): Promise<Record<string, unknown>> {
    assert.equal(response.status, status);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.code, code);
    assert.equal(body.status, status);
    return body;
  }

  it('serves a valid, authenticated request', async () => {
    const response = await post('/v1/echo/alice', { message: 'hi' });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { name: 'alice', message: 'hi', caller: 'User1@org1' });
  });

  it('answers 401 without a valid API key', async () => {
    await problem(
      await post('/v1/echo/alice', { message: 'hi' }, 'bad'),
      401,
      'DEURO_UNAUTHENTICATED',
    );
  });

  it('validates path and body against the operation, naming each field', async () => {
    const body = await problem(
      await post('/v1/echo/ALICE', { message: 'far too long a message', extra: 1 }),
      400,
      'DEURO_VALIDATION_FAILED',
    );
    const pointers = (body.errors as { pointer: string }[]).map((e) => e.pointer);
    assert.ok(pointers.includes('/path/name'));
    assert.ok(pointers.includes('/body/message'));
    assert.ok(pointers.includes('/body'));
  });

  it('turns malformed JSON, unknown routes and coded errors into problem+json', async () => {
    await problem(await post('/v1/echo/alice', '{"message":'), 400, 'DEURO_VALIDATION_FAILED');
    await problem(await fetch(`${base}/v1/nothing`), 404, 'DEURO_ROUTE_NOT_FOUND');
    const denied = await problem(
      await post('/v1/echo/alice', { message: 'secret' }),
      403,
      'DEURO_ACCESS_DENIED',
    );
    assert.equal(denied.transactionId, 'tx-1');
  });

  it('hides unexpected errors behind DEURO_INTERNAL, and logs them', async () => {
    const body = await problem(
      await post('/v1/echo/alice', { message: 'boom' }),
      500,
      'DEURO_INTERNAL',
    );
    assert.ok(!JSON.stringify(body).includes('private detail'));
    const logged = logLines.find((line) => line.includes('private detail'));
    assert.ok(logged !== undefined);
    assert.ok(!logged.includes('"stack"'), logged);
    assert.ok(!/\bat .+:\d+:\d+/.test(logged), logged);
  });

  it('never logs the authorization header or the body', async () => {
    await post('/v1/echo/alice', { message: 'secret' });
    assert.ok(logLines.length > 0);
    assert.ok(logLines.every((line) => !line.includes('Bearer good')));
  });

  it('reports health, readiness and metrics', async () => {
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const readiness = await fetch(`${base}/readyz`);
    assert.equal(readiness.status, 200);
    assert.deepEqual(await readiness.json(), {
      status: 'ready',
      peers: [
        { name: 'peer0.org1', reachable: true },
        { name: 'peer1.org1', reachable: true },
      ],
    });
    peer1Up = false;
    const degraded = await fetch(`${base}/readyz`);
    assert.equal(degraded.status, 200);
    assert.equal(((await degraded.json()) as { status: string }).status, 'degraded');
    peer1Up = true;
    ready = false;
    await problem(await fetch(`${base}/readyz`), 503, 'DEURO_LEDGER_UNAVAILABLE');
    ready = true;
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(
      metrics,
      /deuro_gateway_http_requests_total\{method="POST",route="\/v1\/echo\/:name",status="200"\} \d+/,
    );
  });

  it('describes every route in one OpenAPI 3.1 document and an HTML reference', async () => {
    const document = (await (await fetch(`${base}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    assert.equal(document.openapi, '3.1.0');
    assert.equal(document.paths['/v1/echo/{name}']?.post?.operationId, 'echo');
    assert.ok(document.paths['/readyz']);
    const html = await (await fetch(`${base}/docs`)).text();
    assert.match(html, /<code>\/v1\/echo\/\{name\}<\/code>/);
  });
});
