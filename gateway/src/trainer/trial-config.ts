/*
 * From a suggested configuration (a flat object of the search space's active parameters) to the
 * trainer's configuration. Parameter names a training search space may use:
 *
 *   model          'softmax' | 'mlp'                 mlp.hidden   hidden units (one layer)
 *   learningRate   number                            momentum     number
 *   batchSize      integer                           epochs       integer
 *   rounding       'nearest' | 'stochastic' | 'float32'
 *   nb, fb         the fixed-point format <NB, FB>
 *
 * Anything else is refused by name (DEURO_TRAINING_INVALID_CONFIG), so a space cannot silently
 * search a parameter the trainer ignores.
 */
import { fixedFormat } from '../gpredict/fixed-point/index';
import { TrainingError, type TrainingConfig } from '../gpredict/training/index';

const KNOWN = new Set([
  'model',
  'mlp.hidden',
  'learningRate',
  'momentum',
  'batchSize',
  'epochs',
  'rounding',
  'nb',
  'fb',
]);

function invalid(field: string, detail: string): TrainingError {
  return new TrainingError('DEURO_TRAINING_INVALID_CONFIG', `${field} ${detail}`, field);
}

function numberOf(
  configuration: Readonly<Record<string, unknown>>,
  key: string,
): number | undefined {
  const value = configuration[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number') {
    throw invalid(key, 'must be a number');
  }
  return value;
}

function oneOf<T extends string>(
  configuration: Readonly<Record<string, unknown>>,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = configuration[key];
  if (value === undefined) {
    return undefined;
  }
  if (!allowed.includes(value as T)) {
    throw invalid(key, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function formatOf(
  configuration: Readonly<Record<string, unknown>>,
): ReturnType<typeof fixedFormat> | undefined {
  const nb = numberOf(configuration, 'nb');
  const fb = numberOf(configuration, 'fb');
  return nb === undefined || fb === undefined ? undefined : fixedFormat(nb, fb);
}

/**
 * The trainer's configuration for trial `trialNumber` of `taskId`.
 * @throws TrainingError `DEURO_TRAINING_INVALID_CONFIG` naming an unknown or mistyped parameter.
 */
export function trainingConfigOf(
  taskId: string,
  trialNumber: number,
  configuration: Readonly<Record<string, unknown>>,
): TrainingConfig {
  const unknown = Object.keys(configuration).find((key) => !KNOWN.has(key));
  if (unknown !== undefined) {
    throw invalid(unknown, `is not a training parameter (known: ${[...KNOWN].join(', ')})`);
  }
  const model = oneOf(configuration, 'model', ['softmax', 'mlp'] as const) ?? 'softmax';
  const rounding = oneOf(configuration, 'rounding', ['nearest', 'stochastic', 'float32'] as const);
  const hidden = numberOf(configuration, 'mlp.hidden');
  const format = formatOf(configuration);
  const optional = {
    learningRate: numberOf(configuration, 'learningRate'),
    momentum: numberOf(configuration, 'momentum'),
    batchSize: numberOf(configuration, 'batchSize'),
    epochs: numberOf(configuration, 'epochs'),
  };
  return {
    model,
    taskId,
    trialId: `trial-${String(trialNumber)}`,
    ...(model === 'mlp' && hidden !== undefined ? { hiddenSizes: [hidden] } : {}),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    ...(rounding === undefined ? {} : { rounding }),
    ...(format === undefined ? {} : { format }),
  };
}
