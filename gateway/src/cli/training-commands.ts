/*
 * `deuro training create | status | cancel | digits` for a task's owner, `deuro trainer` for the worker
 * that runs its trials (gateway/src/trainer), and `deuro model` to read a trained model.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';

import type { Command } from 'commander';

import { ensureDigits } from '../gpredict/datasets/index';
import type { TrainedModel, TrainingTask, Trial } from '../ledger/training-ledger';
import { digitsBundle, reproduceTrial, runTrainer, shiftDigitsRight } from '../trainer/index';
import { CliError, exitCodes } from './cli-error';
import { newTrainerGatewayApi } from './trainer-gateway-api';
import { client, globals, print } from './program';

const taskPath = (taskId: string): string => `/v1/training/tasks/${encodeURIComponent(taskId)}`;

function wholeNumber(text: string | undefined, name: string): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CliError(`${name} must be a whole number`, exitCodes.usage);
  }
  return value;
}

function modelRef(text: string | undefined): { name: string; version: number } | undefined {
  if (text === undefined) {
    return undefined;
  }
  const match = /^(.+)@([0-9]+)$/.exec(text);
  if (match === null) {
    throw new CliError('--starting-model must be name@version', exitCodes.usage);
  }
  return { name: match[1] ?? '', version: Number(match[2]) };
}

interface CreateOptions {
  modelName: string;
  dataset: string[];
  space: string;
  trials: string;
  parallelism?: string;
  seed?: string;
  leaseSeconds?: string;
  workerOrg?: string[];
  startingModel?: string;
}

function describeTask(task: TrainingTask, trials: readonly Trial[]): string {
  const reported = trials.filter((trial) => trial.state === 'reported').length;
  const lines = [
    `${task.id}: ${task.state}; ${String(reported)}/${String(task.trials)} trials reported`,
  ];
  if (task.reduction !== null) {
    lines.push(
      `reduction: mean accuracy ${(task.reduction.meanAccuracyBasisPoints / 100).toFixed(2)}% over ${String(task.reduction.trials)} trials; best trial ${String(task.reduction.bestTrial)} at ${(task.reduction.bestAccuracyBasisPoints / 100).toFixed(2)}%`,
    );
  }
  if (task.model !== null) {
    lines.push(`model: ${task.model.name} version ${String(task.model.version)}`);
  }
  return lines.join('\n');
}

/** Add training, trainer and model to the program. */
export function registerTrainingCommands(program: Command): void {
  const training = program.command('training').description('gPredict training tasks');
  training
    .command('digits')
    .description(
      "upload scikit-learn's handwritten digits (Debian's python3-sklearn) as a training-set asset, for workers to decrypt",
    )
    .argument('<assetId>', 'the asset id')
    .option(
      '--shift <pixels>',
      'move every image right by this many pixels (new data for fine-tuning)',
    )
    .option('--to-org <mspIds...>', 'organizations whose members may decrypt it (the workers)')
    .action(async (assetId: string, command: { shift?: string; toOrg?: string[] }) => {
      const options = globals();
      const digits = await ensureDigits();
      const shift = wholeNumber(command.shift, '--shift') ?? 0;
      const bytes = digitsBundle(
        shift === 0 ? digits : shiftDigitsRight(digits, shift),
        shift === 0 ? 'sklearn digits' : `sklearn digits shifted right by ${String(shift)}`,
      );
      const query = new URLSearchParams({
        id: assetId,
        kind: 'training-set',
        mediaType: 'application/json',
      });
      if (command.toOrg !== undefined) {
        query.set('orgs', command.toOrg.join(','));
      }
      const response = await client(options).request('POST', `/v1/assets?${query.toString()}`, {
        body: Readable.toWeb(Readable.from([Buffer.from(bytes)])) as unknown as ReadableStream,
        headers: { 'content-type': 'application/octet-stream' },
        duplex: 'half',
      });
      const asset = (await response.json()) as { id: string; state: string };
      print(options, asset, `${asset.id}: digits data set registered (${asset.state})`);
    });
  training
    .command('create')
    .description('open a training task that you own; trainers of the allowed organizations run it')
    .argument('<taskId>', 'the task id')
    .requiredOption('--model-name <name>', 'the model name its best trial is registered under')
    .requiredOption('--dataset <assetIds...>', 'the data set assets (digits bundles)')
    .requiredOption('--space <file>', 'the search space (JSON, docs/gpredict-search.md)')
    .requiredOption('--trials <n>', 'how many trials')
    .option('--parallelism <n>', 'trials run at once (default 1)')
    .option('--seed <text>', 'the search seed (default: the task id)')
    .option('--lease-seconds <n>', 'how long a worker holds a trial without renewing (default 120)')
    .option('--worker-org <mspIds...>', 'organizations whose members may train (default yours)')
    .option('--starting-model <name@version>', 'transfer learning: fine-tune this model')
    .action(async (taskId: string, command: CreateOptions) => {
      const options = globals();
      let space: unknown;
      try {
        space = JSON.parse(readFileSync(command.space, 'utf8'));
      } catch {
        throw new CliError(`--space ${command.space} is not a readable JSON file`, exitCodes.usage);
      }
      const request = Object.fromEntries(
        Object.entries({
          id: taskId,
          modelName: command.modelName,
          datasets: command.dataset,
          searchSpace: space,
          trials: wholeNumber(command.trials, '--trials'),
          parallelism: wholeNumber(command.parallelism, '--parallelism'),
          seed: command.seed,
          leaseSeconds: wholeNumber(command.leaseSeconds, '--lease-seconds'),
          workerOrgs: command.workerOrg,
          startingModel: modelRef(command.startingModel),
        }).filter(([, value]) => value !== undefined),
      );
      const task = await client(options).json<TrainingTask>('POST', '/v1/training/tasks', request);
      print(
        options,
        task,
        `training task ${task.id} opened: ${String(task.trials)} trials, model ${task.modelName}`,
      );
    });
  training
    .command('status')
    .description("a task's state, trials, reduction and model")
    .argument('<taskId>', 'the task id')
    .action(async (taskId: string) => {
      const options = globals();
      const gateway = client(options);
      const task = await gateway.json<TrainingTask>('GET', taskPath(taskId));
      const trials = await gateway.json<Trial[]>('GET', `${taskPath(taskId)}/trials`);
      print(options, { task, trials }, describeTask(task, trials));
    });
  training
    .command('cancel')
    .description('cancel a task you own (open or running): no trial is leased or reported after it')
    .argument('<taskId>', 'the task id')
    .action(async (taskId: string) => {
      const options = globals();
      const task = await client(options).json<TrainingTask>('POST', `${taskPath(taskId)}/cancel`);
      print(options, task, `training task ${task.id}: ${task.state}`);
    });
  training
    .command('reproduce')
    .description(
      'retrain a reported trial here, from the ledger and your own gateway, and check that its weights and checkpoint hash as the ledger says (exit 4 when they differ)',
    )
    .argument('<taskId>', 'the task id')
    .argument('<trial>', 'the trial number')
    .action(async (taskId: string, trial: string) => {
      const options = globals();
      const found = await reproduceTrial(
        newTrainerGatewayApi(client(options), options.home),
        taskId,
        wholeNumber(trial, '<trial>') ?? 0,
      );
      print(
        options,
        found,
        `trial ${trial} of ${taskId} (reported by ${found.reportedBy}) retrained by ${found.reproducedBy}: weights ${found.local.weightsSha256} ${found.identical ? 'identical to' : 'DIFFER from'} the ledger's`,
      );
      if (!found.identical) {
        throw new CliError(
          `trial ${trial} of ${taskId} did not reproduce: ledger weights ${found.ledger.weightsSha256}, here ${found.local.weightsSha256}`,
          exitCodes.integrity,
        );
      }
    });

  program
    .command('trainer')
    .description(
      "run a training task's trials until it is done: lease, train in fixed point, store the checkpoint, report; then reduce and register the model",
    )
    .requiredOption('--task <taskId>', 'the task')
    .action(async (command: { task: string }) => {
      const options = globals();
      const stop = new AbortController();
      process.once('SIGTERM', () => {
        stop.abort();
      });
      process.once('SIGINT', () => {
        stop.abort();
      });
      const report = await runTrainer({
        api: newTrainerGatewayApi(client(options), options.home),
        taskId: command.task,
        signal: stop.signal,
        log: (line) => {
          if (!options.json) {
            process.stderr.write(`${line}\n`);
          }
        },
      });
      print(
        options,
        report,
        `trainer done: ${String(report.trialsReported)} trials reported, ${String(report.leasesLost)} leases lost; the task is ${report.taskState}`,
      );
    });

  program
    .command('model')
    .description('a trained model version, with its metrics and lineage')
    .argument('<name>', 'the model name')
    .argument('<version>', 'the version')
    .action(async (name: string, version: string) => {
      const options = globals();
      const model = await client(options).json<TrainedModel>(
        'GET',
        `/v1/models/${encodeURIComponent(name)}/versions/${version}`,
      );
      const parent =
        model.lineage.parent === null
          ? 'none'
          : `${model.lineage.parent.name} v${String(model.lineage.parent.version)}`;
      print(
        options,
        model,
        `${model.name} v${String(model.version)}: accuracy ${(model.metrics.accuracyBasisPoints / 100).toFixed(2)}%, weights ${model.weightsSha256}, asset ${model.assetId}${model.onnx === null ? '' : `\nONNX: asset ${model.onnx.assetId}, SHA-256 ${model.onnx.sha256}`}\nlineage: parent ${parent}, data sets ${model.lineage.datasets.join(', ')}, task ${model.lineage.task} trial ${String(model.lineage.trial)}`,
      );
    });
}
