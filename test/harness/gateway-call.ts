/**
 * A JSON call to a gateway's REST API as a CLI user (bearer API key), for tests that check the
 * status and the problem code of an answer.
 */
import type { CliUser } from './deuro-cli';

/** The answer: its status and its JSON body. */
export interface GatewayAnswer<T> {
  readonly status: number;
  readonly json: T;
}

/** Call the gateway; `T` names the JSON shape the test expects back. */

export async function callGateway<T>(
  user: CliUser,
  method: string,
  apiPath: string,
  body?: unknown,
): Promise<GatewayAnswer<T>> {
  const response = await fetch(`${user.gatewayUrl}${apiPath}`, {
    method,
    headers: {
      authorization: `Bearer ${user.apiKey ?? ''}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as T };
}
