/*
 * The CLI's HTTP client of a gateway: bearer API key, JSON in and out, problem+json turned into
 * CliErrors with the gateway's code.
 */
import { CliError, exitCodes } from './cli-error';

/** Where and as whom. */
export interface GatewayClientOptions {
  readonly url: string;
  readonly apiKey: string;
}

/** A client of one gateway. */
export interface GatewayClient {
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** A raw request, for streaming uploads and downloads. */
  request(method: string, path: string, init?: RequestInit): Promise<Response>;
}

/** A client. */
export function newGatewayClient(options: GatewayClientOptions): GatewayClient {
  const request = async (
    method: string,
    path: string,
    init: RequestInit = {},
  ): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${options.url.replace(/\/$/, '')}${path}`, {
        ...init,
        method,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          ...(init.headers as Record<string, string> | undefined),
        },
      });
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
