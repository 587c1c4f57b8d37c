/*
 * Check exported models against references nobody here wrote: onnx 1.12's checker and strict
 * shape inference, protobuf's own serialiser (the bytes must be canonical), and OpenCV 4.6's DNN
 * module, which runs every model on the 359 test digits (raw pixels 0-16, inputScale 1/16).
 * OpenCV's outputs must equal the trainer's own predictions: probabilities within 1e-5 and the
 * same argmax on every sample. The trainer's predictions are recomputed here with the trainer's
 * arithmetic (fixed-point matmul rounding to nearest, or float32 through Math.fround) and its
 * softmax, and tied to `evaluateModel` by equal correct counts and losses. Runs
 * scripts/reference/gpredict-onnx-check.py with /usr/bin/python3; fails with a clear message
 * when python3-onnx or python3-opencv is missing.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import {
  type DigitsSplit,
  type LabelledSamples,
  ensureDigits,
  splitDigits,
} from '../datasets/index.js';
import {
  type FixedFormat,
  convertReal,
  fixedFormat,
  fixedMatmul,
  fixedRelu,
  newFixedTensor,
  newNearestRounder,
  powerOfTwo,
} from '../fixed-point/index.js';
import { softmaxWithLoss } from '../training/deterministic-math.js';
import {
  LOSS_FORMAT,
  type ModelWeights,
  type TrainingConfig,
  evaluateModel,
  sha256Hex,
  trainModel,
} from '../training/index.js';
import { type OnnxArithmetic, exportOnnx, onnxModelInfo } from './index.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, '../../../../scripts/reference/gpredict-onnx-check.py');
const PIXEL_SCALE = 1 / 16;

interface ModelReport {
  readonly path: string;
  readonly sha256: string;
  readonly canonical: boolean;
  readonly ir_version: number;
  readonly opsets: Record<string, number>;
  readonly producer: string;
  readonly inferred_outputs: Record<string, (number | string | null)[] | null>;
  readonly outputs: Record<string, number[][]>;
}

interface CheckReport {
  readonly versions: Record<string, string>;
  readonly models: ModelReport[];
}

function runCheck(paths: readonly string[], rows: readonly number[][]): Promise<CheckReport> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      PYTHON,
      [SCRIPT, ...paths],
      { maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(
            new Error(
              `gpredict-onnx-check.py failed (needs ${PYTHON} with Debian's python3-onnx 1.12 and python3-opencv 4.6): ${stderr.trim() || error.message}`,
            ),
          );
          return;
        }
        resolve(JSON.parse(stdout) as CheckReport);
      },
    );
    child.stdin?.end(JSON.stringify({ rows }));
  });
}

/** The trainer's evaluation of `weights` on `samples`: logits, probabilities, argmax, loss. */
interface Predictions {
  readonly logits: Float64Array;
  readonly probabilities: Float64Array;
  readonly argmax: number[];
  readonly correct: number;
  readonly lossRaw: number;
}

function fixedLogits(weights: ModelWeights, samples: LabelledSamples): Float64Array {
  if (weights.encoding.kind !== 'fixed') {
    throw new Error('fixed-point weights expected');
  }
  const weightFormat = weights.encoding.format;
  const words: FixedFormat =
    weights.activations.kind === 'fixed' ? weights.activations.format : weightFormat;
  const nearest = newNearestRounder();
  let current = newFixedTensor(
    words,
    [samples.count, samples.featureCount],
    Int32Array.from(samples.features, (value) => convertReal(value, words, nearest)),
  );
  weights.layers.forEach((layer, index) => {
    const inputs = weights.layerSizes[index] ?? 0;
    const outputs = weights.layerSizes[index + 1] ?? 0;
    const z = fixedMatmul(
      current,
      newFixedTensor(weightFormat, [outputs, inputs], layer.weights),
      words,
      nearest,
      { transposeB: true, bias: newFixedTensor(weightFormat, [outputs], layer.bias) },
    );
    current = index + 1 < weights.layers.length ? fixedRelu(z) : z;
  });
  const scale = powerOfTwo(-words.fb);
  return Float64Array.from(current.data, (raw) => raw * scale);
}

/** float32-network.ts's forward pass: float32 sums in index order, no fused multiply-add. */
function float32Logits(weights: ModelWeights, samples: LabelledSamples): Float64Array {
  let current: Float32Array = Float32Array.from(samples.features);
  weights.layers.forEach((layer, index) => {
    current = float32Layer(current, samples.count, layer, {
      inputs: weights.layerSizes[index] ?? 0,
      outputs: weights.layerSizes[index + 1] ?? 0,
      relu: index + 1 < weights.layers.length,
    });
  });
  return Float64Array.from(current);
}

function float32Layer(
  input: Float32Array,
  rows: number,
  layer: { readonly weights: ArrayLike<number>; readonly bias: ArrayLike<number> },
  shape: { readonly inputs: number; readonly outputs: number; readonly relu: boolean },
): Float32Array {
  const f = Math.fround;
  const { inputs, outputs, relu } = shape;
  const out = new Float32Array(rows * outputs);
  for (let row = 0; row < rows; row += 1) {
    for (let unit = 0; unit < outputs; unit += 1) {
      let sum = 0;
      for (let k = 0; k < inputs; k += 1) {
        sum = f(sum + f((input[row * inputs + k] ?? 0) * (layer.weights[unit * inputs + k] ?? 0)));
      }
      sum = f(sum + (layer.bias[unit] ?? 0));
      out[row * outputs + unit] = relu && sum < 0 ? 0 : sum;
    }
  }
  return out;
}

function trainerPredictions(weights: ModelWeights, samples: LabelledSamples): Predictions {
  const logits =
    weights.encoding.kind === 'fixed'
      ? fixedLogits(weights, samples)
      : float32Logits(weights, samples);
  const classes = samples.classCount;
  const probabilities = new Float64Array(logits.length);
  const row = new Float64Array(classes);
  const argmax: number[] = [];
  let lossSum = 0;
  let correct = 0;
  for (let sample = 0; sample < samples.count; sample += 1) {
    const label = samples.labels[sample] ?? 0;
    lossSum += softmaxWithLoss(logits, sample * classes, classes, label, row);
    probabilities.set(row, sample * classes);
    const best = firstMax(logits.subarray(sample * classes, (sample + 1) * classes));
    argmax.push(best);
    correct += best === label ? 1 : 0;
  }
  const lossRaw = convertReal(lossSum / samples.count, LOSS_FORMAT, newNearestRounder());
  return { logits, probabilities, argmax, correct, lossRaw };
}

function firstMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let index = 1; index < values.length; index += 1) {
    if ((values[index] ?? 0) > (values[best] ?? 0)) {
      best = index;
    }
  }
  return best;
}

interface Case {
  readonly label: string;
  readonly config: TrainingConfig;
  readonly arithmetic: OnnxArithmetic;
  /** Bound on |p_OpenCV - p_trainer|. */
  readonly tolerance: number;
}

const cases: Case[] = [
  {
    label: 'softmax <4,12> SR',
    config: { model: 'softmax', taskId: 'onnx', trialId: 'softmax-fixed', epochs: 3 },
    arithmetic: 'as-trained',
    tolerance: 1e-5,
  },
  {
    label: 'mlp 32 <4,12> SR',
    config: { model: 'mlp', taskId: 'onnx', trialId: 'mlp-fixed', epochs: 3 },
    arithmetic: 'as-trained',
    tolerance: 1e-5,
  },
  {
    label: 'softmax float32',
    config: {
      model: 'softmax',
      taskId: 'onnx',
      trialId: 'softmax-float',
      epochs: 3,
      rounding: 'float32',
    },
    arithmetic: 'as-trained',
    tolerance: 1e-5,
  },
  {
    label: 'mlp 32 float32',
    config: { model: 'mlp', taskId: 'onnx', trialId: 'mlp-float', epochs: 3, rounding: 'float32' },
    arithmetic: 'as-trained',
    tolerance: 1e-5,
  },
];

/** How OpenCV's outputs compare with the trainer's predictions on the same samples. */
interface Agreement {
  readonly maxProbabilityError: number;
  readonly maxLogitError: number;
  readonly differentLogits: number;
  readonly argmaxDisagreements: number[];
}

function agreement(ours: Predictions, outputs: Record<string, number[][]>): Agreement {
  const probabilities = (outputs.probabilities ?? []).flat();
  const logits = (outputs.logits ?? []).flat();
  assert.equal(probabilities.length, ours.probabilities.length);
  assert.equal(logits.length, ours.logits.length);
  const classes = ours.probabilities.length / ours.argmax.length;
  let maxProbabilityError = 0;
  let maxLogitError = 0;
  let differentLogits = 0;
  probabilities.forEach((p, position) => {
    maxProbabilityError = Math.max(
      maxProbabilityError,
      Math.abs(p - (ours.probabilities[position] ?? 0)),
    );
    const logitError = Math.abs((logits[position] ?? 0) - (ours.logits[position] ?? 0));
    maxLogitError = Math.max(maxLogitError, logitError);
    differentLogits += logitError === 0 ? 0 : 1;
  });
  const argmaxDisagreements = ours.argmax.flatMap((best, sample) =>
    firstMax(probabilities.slice(sample * classes, (sample + 1) * classes)) === best
      ? []
      : [sample],
  );
  return { maxProbabilityError, maxLogitError, differentLogits, argmaxDisagreements };
}

/** Train every case, export it, and run the reference check on the test digits' raw pixels. */
async function trainExportAndCheck(
  digits: DigitsSplit,
  entries: readonly Case[],
): Promise<{ weights: ModelWeights[]; bytes: Uint8Array[]; report: CheckReport }> {
  const directory = await mkdtemp(join(tmpdir(), 'deuro-onnx-'));
  try {
    const weights: ModelWeights[] = [];
    const bytes: Uint8Array[] = [];
    const paths: string[] = [];
    for (const entry of entries) {
      const result = trainModel(entry.config, digits);
      const onnx = exportOnnx(result.weights, {
        inputScale: PIXEL_SCALE,
        arithmetic: entry.arithmetic,
      });
      const path = join(directory, `${String(paths.length)}.onnx`);
      await writeFile(path, onnx);
      weights.push(result.weights);
      bytes.push(onnx);
      paths.push(path);
    }
    const test = digits.test;
    const rows = Array.from({ length: test.count }, (_, sample) =>
      Array.from(
        test.features.subarray(sample * 64, (sample + 1) * 64),
        (value) => value / PIXEL_SCALE,
      ),
    );
    return { weights, bytes, report: await runCheck(paths, rows) };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function describeAgreement(
  label: string,
  accuracy: number,
  figures: Agreement,
  total: number,
): string {
  return `${label}: test accuracy ${(accuracy / 100).toFixed(2)}%, max |dp| ${figures.maxProbabilityError.toExponential(2)}, max |dlogit| ${figures.maxLogitError.toExponential(2)}, logits differing ${String(figures.differentLogits)} of ${String(total)}, argmax disagreements ${String(figures.argmaxDisagreements.length)}`;
}

describe('ONNX export against onnx 1.12 and OpenCV 4.6', () => {
  let digits: DigitsSplit;
  let checked: Awaited<ReturnType<typeof trainExportAndCheck>>;

  before(async () => {
    digits = splitDigits(await ensureDigits());
    checked = await trainExportAndCheck(digits, cases);
  });

  it('passes the checker and strict shape inference, with canonical protobuf bytes', () => {
    const { report } = checked;
    assert.equal(report.versions.onnx, '1.12.0');
    assert.match(report.versions.opencv ?? '', /^4\.6\./);
    report.models.forEach((model, index) => {
      assert.equal(
        model.canonical,
        true,
        `${cases[index]?.label ?? ''} re-serialises to other bytes`,
      );
      assert.equal(model.sha256, sha256Hex(checked.bytes[index] ?? new Uint8Array()));
      assert.equal(model.ir_version, 8);
      assert.deepEqual(model.opsets, { '': 13 });
      assert.equal(model.producer, 'deuro');
      assert.deepEqual(model.inferred_outputs, { probabilities: ['N', 10], logits: ['N', 10] });
    });
  });

  it("gives the trainer's predictions when OpenCV runs the models", (t) => {
    cases.forEach((entry, index) => {
      const weights = checked.weights[index];
      assert.ok(weights !== undefined);
      const ours = trainerPredictions(weights, digits.test);
      const evaluated = evaluateModel(weights, digits.test);
      // The recomputation is the trainer's: same correct count and loss as evaluateModel.
      assert.equal(ours.correct, evaluated.correct, entry.label);
      assert.equal(ours.lossRaw, evaluated.lossRaw, entry.label);
      const figures = agreement(ours, checked.report.models[index]?.outputs ?? {});
      t.diagnostic(
        describeAgreement(entry.label, evaluated.accuracyBasisPoints, figures, ours.logits.length),
      );
      assert.deepEqual(figures.argmaxDisagreements, [], `${entry.label}: argmax differs`);
      assert.ok(
        figures.maxProbabilityError <= entry.tolerance,
        `${entry.label}: max |dp| ${String(figures.maxProbabilityError)}`,
      );
    });
  });
});

describe('the as-trained graph in OpenCV', () => {
  it("rounds ties to even and saturates as the trainer's fixed point does", async () => {
    const format = fixedFormat(4, 12);
    // Column 0 makes z = x * 2^-12 (ties at x = k + 0.5 words); column 1 z = 7.99976 x + ...
    const weights: ModelWeights = {
      model: 'softmax',
      layerSizes: [3, 3],
      encoding: { kind: 'fixed', format },
      activations: { kind: 'fixed', format },
      layers: [
        {
          weights: Int32Array.of(1, 0, 0, 32767, 0, 0, -32768, 4096, 1),
          bias: Int32Array.of(0, 0, 3),
        },
      ],
    };
    const rows = [
      [0.5, 0, 0],
      [1.5, 0, 0],
      [2.5, 0, 0],
      [-0.5, 0, 0],
      [-1.5, 1, 0],
      [7, -3, 0.3],
      [-7, 2, -0.3],
      [9, 0, 0.1],
      [-20, 0.7, 0.2],
      [1 / 3, 2 / 3, 1e-9],
    ];
    const samples: LabelledSamples = {
      count: rows.length,
      featureCount: 3,
      classCount: 3,
      features: Float64Array.from(rows.flat()),
      labels: new Uint8Array(rows.length),
    };
    const directory = await mkdtemp(join(tmpdir(), 'deuro-onnx-words-'));
    try {
      const path = join(directory, 'words.onnx');
      await writeFile(path, exportOnnx(weights));
      const report = await runCheck([path], rows);
      const logits = (report.models[0]?.outputs.logits ?? []).flat();
      const ours = Array.from(trainerPredictions(weights, samples).logits);
      assert.deepEqual(logits, ours);
      // The cases are what they claim: ties, and both bounds reached.
      assert.deepEqual(
        [0, 1, 2, 3].map((row) => ours[row * 3]),
        [0, 2 ** -11, 2 ** -11, 0],
      );
      assert.ok(ours.includes(8 - 2 ** -12) && ours.includes(-8));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

interface SampleDescription {
  readonly irVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly modelVersion: number;
  readonly docString: string;
  readonly opsets: { domain: string; version: number }[];
  readonly graphName: string;
  readonly inputs: unknown[];
  readonly outputs: unknown[];
  readonly operators: string[];
  readonly initializers: { name: string; dims: number[]; dataType: number }[];
  readonly metadata: Record<string, string>;
  readonly sha256: string;
}

function writeSample(path: string): Promise<SampleDescription> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [SCRIPT, '--sample', path], (error, stdout, stderr) => {
      if (error !== null) {
        reject(
          new Error(
            `gpredict-onnx-check.py --sample failed (needs ${PYTHON} with Debian's python3-onnx 1.12): ${stderr.trim() || error.message}`,
          ),
        );
        return;
      }
      resolve(JSON.parse(stdout) as SampleDescription);
    });
  });
}

describe('onnxModelInfo against onnx 1.12', () => {
  it('reads a model written by onnx.helper as onnx describes it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'deuro-onnx-sample-'));
    try {
      const path = join(directory, 'sample.onnx');
      const expected = await writeSample(path);
      const bytes = new Uint8Array(await readFile(path));
      assert.equal(sha256Hex(bytes), expected.sha256);
      const info = onnxModelInfo(bytes);
      assert.deepEqual(
        {
          irVersion: info.irVersion,
          producerName: info.producerName,
          producerVersion: info.producerVersion,
          modelVersion: info.modelVersion,
          docString: info.docString,
          opsets: info.opsets,
          graphName: info.graphName,
          inputs: info.inputs,
          outputs: info.outputs,
          operators: info.operators,
          metadata: info.metadata,
        },
        {
          irVersion: expected.irVersion,
          producerName: expected.producerName,
          producerVersion: expected.producerVersion,
          modelVersion: expected.modelVersion,
          docString: expected.docString,
          opsets: expected.opsets,
          graphName: expected.graphName,
          inputs: expected.inputs,
          outputs: expected.outputs,
          operators: expected.operators,
          metadata: expected.metadata,
        },
      );
      assert.deepEqual(
        info.initializers.map((tensor) => ({ name: tensor.name, dims: tensor.dims })),
        expected.initializers.map((tensor) => ({ name: tensor.name, dims: tensor.dims })),
      );
      assert.deepEqual(
        info.initializers.map((tensor) => tensor.elementType),
        ['float', 'int64'],
      );
      assert.equal(info.parameterCount, 12 + 2);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

/*
 * The measurements of docs/gpredict-onnx.md: more formats, deeper networks, 30 epochs, and both
 * arithmetics. About a minute on two cores, so only on request:
 *   DEURO_ONNX_SWEEP=1 node --import tsx --test gateway/src/gpredict/onnx/onnx-reference.test.ts
 */
const sweep = ((): Case[] => {
  const fixed = (label: string, config: Omit<TrainingConfig, 'taskId' | 'trialId'>): Case[] =>
    (['as-trained', 'real'] as const).map((arithmetic) => ({
      label: `${label} ${arithmetic}`,
      config: { taskId: 'onnx-sweep', trialId: label.replace(/[^a-z0-9]+/gi, '-'), ...config },
      arithmetic,
      tolerance: 1,
    }));
  return [
    ...fixed('softmax <4,12> SR', { model: 'softmax' }),
    ...fixed('mlp 32 <4,12> SR', { model: 'mlp' }),
    ...fixed('mlp 64-32 <4,12> SR', { model: 'mlp', hiddenSizes: [64, 32] }),
    ...fixed('mlp 32 <2,14> SR', { model: 'mlp', format: { nb: 2, fb: 14 } }),
    ...fixed('mlp 32 <6,10> RN', { model: 'mlp', format: { nb: 6, fb: 10 }, rounding: 'nearest' }),
    ...fixed('mlp 32 <8,8> SR lr 0.01', {
      model: 'mlp',
      format: { nb: 8, fb: 8 },
      learningRate: 0.01,
    }),
    ...fixed('mlp 32 <8,24> SR', { model: 'mlp', format: { nb: 8, fb: 24 } }),
    {
      label: 'mlp 64-32 float32',
      config: {
        model: 'mlp',
        taskId: 'onnx-sweep',
        trialId: 'float',
        hiddenSizes: [64, 32],
        rounding: 'float32',
      },
      arithmetic: 'as-trained',
      tolerance: 1,
    },
  ];
})();

describe('ONNX agreement sweep', { skip: process.env.DEURO_ONNX_SWEEP !== '1' }, () => {
  it('measures OpenCV against the trainer for 15 exports', async (t) => {
    const digits = splitDigits(await ensureDigits());
    const checked = await trainExportAndCheck(digits, sweep);
    sweep.forEach((entry, index) => {
      const weights = checked.weights[index];
      assert.ok(weights !== undefined);
      const ours = trainerPredictions(weights, digits.test);
      const accuracy = evaluateModel(weights, digits.test).accuracyBasisPoints;
      const figures = agreement(ours, checked.report.models[index]?.outputs ?? {});
      const inexact = onnxModelInfo(checked.bytes[index] ?? new Uint8Array()).metadata[
        'deuro.float32_inexact_parameters'
      ];
      t.diagnostic(
        `${describeAgreement(entry.label, accuracy, figures, ours.logits.length)}, inexact parameters ${inexact ?? '?'}`,
      );
    });
  });
});
