/*
 * The options of `exportOnnx`, their defaults and their validation. Unknown options are refused,
 * so a misspelt option never silently exports another model.
 */
import { OnnxError, describeValue } from './onnx-error.js';

/** How a fixed-point model's activations are computed by the exported graph. */
export type OnnxArithmetic = 'as-trained' | 'real';

/** Options of `exportOnnx`. */
export interface OnnxExportOptions {
  /** The graph's name (1 to 200 characters); default `deuro-gpredict-<model>`. */
  readonly name?: string;
  /**
   * Extra metadata_props, such as `task_id` or `configuration_sha256`: keys of 1 to 128
   * characters not starting with `deuro.` (the exporter's own), values up to 65536 characters.
   * Written sorted by key, after the exporter's own, and listed in the doc_string.
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Multiplies the graph's input before anything else, so the model can take raw data: for the
   * digits, whose features are pixel / 16, `1 / 16` makes the input the pixels 0 to 16.
   * Default 1 (the input is the trainer's features). Finite and positive.
   */
  readonly inputScale?: number;
  /**
   * `'as-trained'` (default): a fixed-point model's activations are rounded and saturated to its
   * activation words, as the trainer evaluates it. `'real'`: the real-valued network with the
   * same weights, no rounding between layers. Float32 models are the same either way.
   */
  readonly arithmetic?: OnnxArithmetic;
}

/** Options with their defaults filled in. */
export interface ResolvedOnnxExportOptions {
  readonly name: string | undefined;
  readonly metadata: readonly (readonly [key: string, value: string])[];
  readonly inputScale: number;
  readonly arithmetic: OnnxArithmetic;
}

/** The prefix of the metadata keys the exporter writes itself. */
export const RESERVED_METADATA_PREFIX = 'deuro.';

const KNOWN_OPTIONS = new Set(['name', 'metadata', 'inputScale', 'arithmetic']);
const MAX_NAME_LENGTH = 200;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 65536;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * `options` checked, with defaults.
 * @throws OnnxError `DEURO_ONNX_INVALID_OPTIONS` naming the option (`options.metadata["x"]`).
 */
export function resolveExportOptions(options: OnnxExportOptions): ResolvedOnnxExportOptions {
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw invalid('options must be an object', 'options');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw invalid(`unknown option ${JSON.stringify(key)}`, `options.${key}`);
    }
  }
  return {
    name:
      options.name === undefined
        ? undefined
        : checkText(options.name, MAX_NAME_LENGTH, 'options.name', 1),
    metadata: checkMetadata(options.metadata),
    inputScale: checkInputScale(options.inputScale),
    arithmetic: checkArithmetic(options.arithmetic),
  };
}

function checkInputScale(value: unknown): number {
  if (value === undefined) {
    return 1;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(
      `inputScale must be a finite positive number, got ${describeValue(value)}`,
      'options.inputScale',
    );
  }
  const float = Math.fround(value);
  if (float === 0 || !Number.isFinite(float)) {
    throw invalid(`inputScale ${String(value)} is outside float32's range`, 'options.inputScale');
  }
  return value;
}

function checkArithmetic(value: unknown): OnnxArithmetic {
  if (value === undefined) {
    return 'as-trained';
  }
  if (value !== 'as-trained' && value !== 'real') {
    throw invalid(
      `arithmetic must be as-trained or real, got ${describeValue(value)}`,
      'options.arithmetic',
    );
  }
  return value;
}

function checkMetadata(value: unknown): readonly (readonly [string, string])[] {
  if (value === undefined) {
    return [];
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('metadata must be an object of strings', 'options.metadata');
  }
  const entries = Object.entries(value as Record<string, unknown>).map(([key, entry]) => {
    const field = `options.metadata[${JSON.stringify(key)}]`;
    checkText(key, MAX_KEY_LENGTH, field, 1);
    if (key.startsWith(RESERVED_METADATA_PREFIX)) {
      throw invalid(
        `metadata keys starting with ${RESERVED_METADATA_PREFIX} are the exporter's`,
        field,
      );
    }
    return [key, checkText(entry, MAX_VALUE_LENGTH, field, 0)] as const;
  });
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function checkText(value: unknown, maxLength: number, field: string, minLength: number): string {
  if (typeof value !== 'string') {
    throw invalid(`${field} must be a string`, field);
  }
  if (value.length < minLength || value.length > maxLength) {
    throw invalid(
      `${field} must have ${String(minLength)} to ${String(maxLength)} characters, has ${String(value.length)}`,
      field,
    );
  }
  if (LONE_SURROGATE.test(value)) {
    throw invalid(`${field} is not well-formed Unicode (a lone surrogate)`, field);
  }
  return value;
}

function invalid(detail: string, field: string): OnnxError {
  return new OnnxError('DEURO_ONNX_INVALID_OPTIONS', detail, field);
}
