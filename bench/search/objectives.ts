/**
 * The benchmark's objectives. Each is a search space in Deuro's JSON grammar and a function of a
 * configuration; those marked `optuna` have the same formulas in
 * scripts/reference/gpredict-optuna-search.py (a test checks that both give the same values).
 * Another objective (a model trainer, say) only has to implement {@link BenchObjective}: Optuna
 * reaches it through the ask/tell bridge (optuna-ask-tell.ts).
 */
import type { Configuration } from '../../gateway/src/gpredict/search/index';

/** An objective the benchmark can search. */
export interface BenchObjective {
  /** Name on the command line and in the table (and in the Optuna script when `optuna`). */
  readonly name: string;
  readonly description: string;
  /** Search-space description in Deuro's JSON grammar. */
  readonly space: unknown;
  readonly direction: 'minimize' | 'maximize';
  /** The known optimum, printed for reference. */
  readonly optimum: number | undefined;
  /**
   * Whether the Optuna reference script implements it too (Optuna then runs it in one Python
   * process); otherwise Optuna runs through the ask/tell bridge and this side evaluates.
   */
  readonly optuna: boolean;
  /** The value of a configuration; null when the trial failed. */
  evaluate(configuration: Configuration): number | null | Promise<number | null>;
}

function numberAt(configuration: Configuration, name: string): number {
  const value = configuration[name];
  if (typeof value !== 'number') {
    throw new Error(`objective: parameter ${name} is missing or not a number`);
  }
  return value;
}

/** Branin-Hoo on [-5, 10] x [0, 15]: three global minima of 0.397887. */
export function branin(configuration: Configuration): number {
  const x1 = numberAt(configuration, 'x1');
  const x2 = numberAt(configuration, 'x2');
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

const HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2];
const HARTMANN_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const HARTMANN_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
];

/** Hartmann-6 on [0, 1]^6: global minimum -3.32237. */
export function hartmann6(configuration: Configuration): number {
  const x = [1, 2, 3, 4, 5, 6].map((index) => numberAt(configuration, `x${String(index)}`));
  let total = 0;
  for (let i = 0; i < 4; i += 1) {
    let inner = 0;
    for (let j = 0; j < 6; j += 1) {
      const a = HARTMANN_A[i]?.[j] ?? 0;
      const p = (HARTMANN_P[i]?.[j] ?? 0) * 1e-4;
      inner += a * ((x[j] ?? 0) - p) ** 2;
    }
    total += (HARTMANN_ALPHA[i] ?? 0) * Math.exp(-inner);
  }
  return -total;
}

/**
 * A conditional space shaped like model selection: a family (svm, forest, mlp), then that
 * family's own parameters, and for the mlp an optimizer with a parameter of its own. Smooth
 * "validation errors" whose best, 0.15, is mlp with sgd, momentum 0.9, learning rate 10^-1.7 and
 * dropout 0.35; svm's best is 0.25 and forest's about 0.218.
 */
export function conditionalModels(configuration: Configuration): number {
  const model = configuration['model'];
  const log10 = (name: string): number => Math.log10(numberAt(configuration, name));
  if (model === 'svm') {
    return 0.25 + 0.05 * (log10('svm.C') - 1.5) ** 2 + 0.08 * (log10('svm.gamma') + 2.2) ** 2;
  }
  if (model === 'forest') {
    const trees = numberAt(configuration, 'forest.trees');
    return (
      0.2 + 0.6 / (1 + trees / 16) + 0.004 * (numberAt(configuration, 'forest.depth') - 12) ** 2
    );
  }
  const dropout = 0.5 * (numberAt(configuration, 'mlp.dropout') - 0.35) ** 2;
  if (configuration['mlp.optimizer'] === 'sgd') {
    return (
      0.15 +
      0.3 * (numberAt(configuration, 'mlp.sgd.momentum') - 0.9) ** 2 +
      0.03 * (log10('mlp.learningRate') + 1.7) ** 2 +
      dropout
    );
  }
  return 0.16 + 0.03 * (log10('mlp.learningRate') + 3) ** 2 + dropout;
}

const BRANIN_SPACE = {
  parameters: {
    x1: { type: 'uniform', low: -5, high: 10 },
    x2: { type: 'uniform', low: 0, high: 15 },
  },
};

const HARTMANN6_SPACE = {
  parameters: Object.fromEntries(
    [1, 2, 3, 4, 5, 6].map((index) => [`x${String(index)}`, { type: 'uniform', low: 0, high: 1 }]),
  ),
};

/** The conditional space (also an example in docs/gpredict-search.md). */
export const CONDITIONAL_MODELS_SPACE = {
  parameters: {
    model: {
      type: 'choice',
      options: [
        {
          value: 'svm',
          parameters: {
            'svm.C': { type: 'loguniform', low: 0.001, high: 1000 },
            'svm.gamma': { type: 'loguniform', low: 0.0001, high: 10 },
          },
        },
        {
          value: 'forest',
          parameters: {
            'forest.trees': { type: 'int', low: 1, high: 512, log: true },
            'forest.depth': { type: 'int', low: 1, high: 20 },
          },
        },
        {
          value: 'mlp',
          parameters: {
            'mlp.learningRate': { type: 'loguniform', low: 0.00001, high: 1 },
            'mlp.dropout': { type: 'quniform', low: 0, high: 0.9, q: 0.05 },
            'mlp.optimizer': {
              type: 'choice',
              options: [
                {
                  value: 'sgd',
                  parameters: { 'mlp.sgd.momentum': { type: 'uniform', low: 0, high: 0.99 } },
                },
                'adam',
              ],
            },
          },
        },
      ],
    },
  },
};

/** The objectives every run measures. */
export const standardObjectives: readonly BenchObjective[] = [
  {
    name: 'branin',
    description: 'Branin-Hoo, 2 continuous parameters',
    space: BRANIN_SPACE,
    direction: 'minimize',
    optimum: 0.397887,
    optuna: true,
    evaluate: branin,
  },
  {
    name: 'hartmann6',
    description: 'Hartmann-6, 6 continuous parameters',
    space: HARTMANN6_SPACE,
    direction: 'minimize',
    optimum: -3.32237,
    optuna: true,
    evaluate: hartmann6,
  },
  {
    name: 'conditional-models',
    description: 'model family, then its own parameters (log, int, quantized, nested choice)',
    space: CONDITIONAL_MODELS_SPACE,
    direction: 'minimize',
    optimum: 0.15,
    optuna: true,
    evaluate: conditionalModels,
  },
];
