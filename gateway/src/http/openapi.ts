/*
 * The one OpenAPI 3.1 document of the REST API. Routers register their operations here with the
 * JSON Schemas their requests are validated against (validation.ts), so the document, the
 * validation and the routes cannot drift apart. Served at /openapi.json; /docs renders it.
 */

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One operation of the API. */
export interface OperationSpec {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path, such as `/v1/assets/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** Whether a caller identity is required. */
  readonly authenticated: boolean;
  readonly pathParameters?: Readonly<Record<string, JsonSchema>>;
  readonly queryParameters?: Readonly<Record<string, JsonSchema>>;
  readonly requestBody?: { readonly contentType: string; readonly schema: JsonSchema };
  readonly responses: Readonly<
    Record<
      string,
      { readonly description: string; readonly contentType?: string; readonly schema?: JsonSchema }
    >
  >;
}

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', pattern: '^DEURO_[A-Z_]+$' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    transactionId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { pointer: { type: 'string' }, detail: { type: 'string' } },
      },
    },
  },
};

/** Build the OpenAPI document from the registered operations. */
export function openApiDocument(
  operations: readonly OperationSpec[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    (paths[op.path] ??= {})[op.method] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Deuro gateway',
      version,
      description:
        "REST API of an organization's Deuro gateway. Every call acts under the caller's own Fabric identity.",
    },
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key issued for an enrolled identity',
        },
        mutualTLS: {
          type: 'mutualTLS',
          description:
            "On the gateway's HTTPS port: a client certificate issued by the organization's CA to an enrolled member",
        },
      },
    },
  };
}

function operationObject(op: OperationSpec): Record<string, unknown> {
  const parameters = [
    ...Object.entries(op.pathParameters ?? {}).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      schema,
    })),
    ...Object.entries(op.queryParameters ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: false,
      schema,
    })),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(op.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema === undefined
        ? {}
        : {
            content: { [response.contentType ?? 'application/json']: { schema: response.schema } },
          }),
    };
  }
  responses.default = {
    description: 'An error',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: op.tags,
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(op.requestBody === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { [op.requestBody.contentType]: { schema: op.requestBody.schema } },
          },
        }),
    responses,
    security: op.authenticated ? [{ apiKey: [] }, { mutualTLS: [] }] : [],
  };
}

/** A readable HTML reference of the document, self-contained (no scripts or fonts fetched). */
export function openApiHtml(document: Record<string, unknown>): string {
  const escape = (text: string): string =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const info = document.info as { title: string; version: string; description: string };
  const rows: string[] = [];
  for (const [path, methods] of Object.entries(
    document.paths as Record<
      string,
      Record<string, { summary: string; operationId: string; security: unknown[] }>
    >,
  )) {
    for (const [method, op] of Object.entries(methods)) {
      rows.push(
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(op.summary)}</td><td>${op.security.length > 0 ? 'API key or client certificate' : 'none'}</td></tr>`,
      );
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(info.title)}</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}code{font-size:.95em}</style></head>
<body><h1>${escape(info.title)} <small>${escape(info.version)}</small></h1><p>${escape(info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> with a stable <code>code</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Auth</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}
