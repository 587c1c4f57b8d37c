/*
 * The one error middleware, registered last: every error becomes application/problem+json
 * (RFC 9457) with a stable `code`. Unknown errors are logged with their cause and answered as
 * DEURO_INTERNAL without their message or stack.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';

import { ApiError } from '../errors/api-error';
import { isCodedError } from '../errors/coded-error';
import { errorCatalogue, isApiErrorCode } from '../errors/error-catalogue';
import type { Logger } from './logger';

/** The problem+json body. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly instance: string;
  readonly transactionId?: string;
  readonly errors?: readonly { readonly pointer: string; readonly detail: string }[];
}

const TYPE_BASE = 'https://deuro.dev/problems/';

/** The problem document of an error. */
export function problemOf(error: ApiError, instance: string): ProblemDetails {
  return {
    type: `${TYPE_BASE}${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: errorCatalogue[error.code].title,
    status: error.status,
    code: error.code,
    detail: error.detail,
    instance,
    ...(error.transactionId === undefined ? {} : { transactionId: error.transactionId }),
    ...(error.errors.length === 0 ? {} : { errors: error.errors }),
  };
}

/** Answers an unknown route. */
export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(
    new ApiError(
      'DEURO_ROUTE_NOT_FOUND',
      `${req.method} ${req.path} is not an endpoint of this API (see /docs)`,
    ),
  );
};

/** The problem+json middleware. */
export function problemMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const apiError = toApiError(error);
    if (apiError.status >= 500) {
      logger.error({ err: error, code: apiError.code, path: req.path }, 'request failed');
    } else {
      logger.info({ code: apiError.code, path: req.path }, 'request refused');
    }
    res
      .status(apiError.status)
      .type('application/problem+json')
      .send(JSON.stringify(problemOf(apiError, req.originalUrl)));
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  // Library errors (blob store, wallet, CMS) carry a code of the catalogue.
  if (isCodedError(error) && isApiErrorCode(error.code)) {
    return new ApiError(error.code, error.detail, { cause: error });
  }
  // body-parser and express errors carry a status and a type.
  const status = (error as { status?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  if (status === 413 || type === 'entity.too.large') {
    return new ApiError(
      'DEURO_PAYLOAD_TOO_LARGE',
      'the request body is larger than this endpoint accepts',
      { cause: error },
    );
  }
  if (status === 415) {
    return new ApiError(
      'DEURO_UNSUPPORTED_MEDIA_TYPE',
      'the request content type is not accepted here',
      { cause: error },
    );
  }
  if (status === 400 && type === 'entity.parse.failed') {
    return new ApiError('DEURO_VALIDATION_FAILED', 'the request body is not valid JSON', {
      cause: error,
    });
  }
  return new ApiError('DEURO_INTERNAL', 'the gateway failed to handle the request; see its logs', {
    cause: error,
  });
}
