/*
 * The catalogue of ONNX export error codes and the one error class the exporter and the model
 * reader throw. Every error names the field or byte offset concerned, so a caller (the trainer
 * worker, `deuro model inspect`) can show what to fix without parsing English.
 */
import { CodedError } from '../../errors/coded-error.js';

/**
 * Every code an {@link OnnxError} may carry, with the HTTP status and problem+json title it maps
 * to and what it means.
 */
export const onnxErrorCatalogue = {
  DEURO_ONNX_UNSUPPORTED_MODEL: {
    status: 422,
    title: 'Model cannot be exported to ONNX',
    meaning: 'The weights are of a model kind or encoding the exporter does not know.',
  },
  DEURO_ONNX_INVALID_WEIGHTS: {
    status: 422,
    title: 'Inconsistent model weights',
    meaning:
      'Layer sizes, parameter counts or values do not fit the model (a non-finite float32, a raw word outside its format).',
  },
  DEURO_ONNX_INVALID_OPTIONS: {
    status: 400,
    title: 'Invalid ONNX export options',
    meaning: 'An export option is unknown or out of range; `field` names it.',
  },
  DEURO_ONNX_MALFORMED: {
    status: 422,
    title: 'Malformed ONNX model',
    meaning: 'The bytes are not a protobuf-encoded ONNX ModelProto (truncated or inconsistent).',
  },
} as const satisfies Record<string, { status: number; title: string; meaning: string }>;

/** A stable ONNX error code from {@link onnxErrorCatalogue}. */
export type OnnxErrorCode = keyof typeof onnxErrorCatalogue;

/** An error raised by the ONNX exporter or reader; `field` names the option, input or offset. */
export class OnnxError extends CodedError<OnnxErrorCode> {
  /** The option, weight or byte offset concerned, such as `options.inputScale` or `weights.layers[1].bias`. */
  readonly field: string | undefined;

  /**
   * @param code - A code from {@link onnxErrorCatalogue}.
   * @param detail - What is wrong, naming the field and the offending value.
   * @param field - The option, input or offset concerned.
   * @param cause - The underlying error, if any.
   */
  constructor(code: OnnxErrorCode, detail: string, field?: string, cause?: unknown) {
    super(code, detail, cause);
    this.name = 'OnnxError';
    this.field = field;
  }
}

/**
 * Whether a value is an {@link OnnxError}, optionally with a given code.
 * @param value - Anything caught.
 * @param code - The code to match, if any.
 */
export function isOnnxError(value: unknown, code?: OnnxErrorCode): value is OnnxError {
  return value instanceof OnnxError && (code === undefined || value.code === code);
}

/** A short, safe rendering of an offending value for an error message. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'undefined':
      return String(value);
    default:
      return value === null ? 'null' : typeof value;
  }
}
