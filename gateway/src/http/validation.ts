/*
 * Request validation against the operation's JSON Schemas (ajv, draft 2020-12 as in OpenAPI 3.1).
 * A request that fails is answered with DEURO_VALIDATION_FAILED and one entry per problem, naming
 * the field (a JSON pointer) and what is wrong.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import type { RequestHandler } from 'express';

import { ApiError } from '../errors/api-error';
import type { JsonSchema, OperationSpec } from './openapi';

const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false });
// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (instance: Ajv2020) => Ajv2020;
addFormats(ajv);

function objectSchema(
  properties: Readonly<Record<string, JsonSchema>>,
  required: boolean,
): JsonSchema {
  return { type: 'object', properties, ...(required ? { required: Object.keys(properties) } : {}) };
}

function problems(
  errors: ErrorObject[] | null | undefined,
  prefix: string,
): { pointer: string; detail: string }[] {
  return (errors ?? []).map((error) => ({
    pointer: `${prefix}${error.instancePath}`,
    detail: `${error.instancePath === '' ? prefix.replace(/^\//, '') || 'value' : error.instancePath.slice(1)} ${error.message ?? 'is invalid'}`,
  }));
}

/** Middleware that validates path, query and JSON body of an operation. */
export function validateRequest(operation: OperationSpec): RequestHandler {
  const checkPath =
    operation.pathParameters && ajv.compile(objectSchema(operation.pathParameters, true));
  const checkQuery =
    operation.queryParameters && ajv.compile(objectSchema(operation.queryParameters, false));
  const body = operation.requestBody;
  const checkBody = body?.contentType === 'application/json' ? ajv.compile(body.schema) : undefined;
  return (req, _res, next) => {
    const found = [
      ...(checkPath && !checkPath(req.params) ? problems(checkPath.errors, '/path') : []),
      ...(checkQuery && !checkQuery(req.query) ? problems(checkQuery.errors, '/query') : []),
      ...(checkBody && !checkBody(req.body) ? problems(checkBody.errors, '/body') : []),
    ];
    if (found.length > 0) {
      next(
        new ApiError('DEURO_VALIDATION_FAILED', found.map((p) => p.detail).join('; '), {
          errors: found,
        }),
      );
      return;
    }
    next();
  };
}
