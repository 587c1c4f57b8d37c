/*
 * The CLI's HTTP client of a gateway: a bearer API key, or mutual TLS with the caller's Fabric
 * certificate and key on the gateway's HTTPS listener; JSON in and out; problem+json turned into
 * CliErrors with the gateway's code.
 */
import { Agent } from 'undici';

import { CliError, exitCodes } from './cli-error';

/** Mutual TLS: the caller's certificate and key, and the CA that issued the gateway's. */
export interface ClientTls {
  readonly certPem: string;
  readonly keyPem: string;
  readonly caPem: string;
}

/** Where and as whom: an API key, client TLS, or both. */
export interface GatewayClientOptions {
  readonly url: string;
  readonly apiKey?: string;
  readonly tls?: ClientTls;
}

/** A client of one gateway. */
export interface GatewayClient {
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** A raw request, for streaming uploads and downloads. */
  request(method: string, path: string, init?: RequestInit): Promise<Response>;
}

/** A client. */
export function newGatewayClient(options: GatewayClientOptions): GatewayClient {
  const dispatcher =
    options.tls === undefined
      ? undefined
      : new Agent({
          connect: { cert: options.tls.certPem, key: options.tls.keyPem, ca: options.tls.caPem },
        });
  const authorization: Record<string, string> =
    options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` };
  const request = async (
    method: string,
    path: string,
    init: RequestInit = {},
  ): Promise<Response> => {
    let response: Response;
    try {
      const url = `${options.url.replace(/\/$/, '')}${path}`;
      const headers = { ...authorization, ...(init.headers as Record<string, string> | undefined) };
      // Node's fetch is undici's: it takes an undici dispatcher, here one with client TLS.
      const dispatch = dispatcher === undefined ? {} : { dispatcher };
      response = await fetch(url, { ...init, method, headers, ...dispatch });
    } catch (error) {
      throw new CliError(
        `cannot reach the gateway at ${options.url}: ${error instanceof Error ? error.message : String(error)}`,
        exitCodes.unavailable,
      );
    }
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as {
        code?: string;
        detail?: string;
      };
      throw new CliError(
        `${problem.code ?? `HTTP ${String(response.status)}`}: ${problem.detail ?? response.statusText}`,
        response.status >= 500 ? exitCodes.unavailable : exitCodes.refused,
        problem.code,
      );
    }
    return response;
  };
  return {
    request,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await request(
        method,
        path,
        body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
      );
      return (await response.json()) as T;
    },
  };
}
