/*
 * `deuro ivector train | extract | score`: speaker verification with i-vectors (docs/speech.md).
 * Training and extraction run here, with the keys in --home; the gateway stores, registers and
 * scores (see ivector-client.ts).
 */
import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import { CliError, exitCodes } from './cli-error';
import {
  extractAndRegisterIvector,
  loadRegisteredIvectorModel,
  readManifest,
  scoreIvectorAssets,
  trainAndRegisterIvectorModel,
} from './ivector-client';
import { client, globals, print } from './program';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      throw new CliError(`${name} ${value}: use a positive integer`, exitCodes.usage);
    }
    return n;
  };
}

interface SharingOptions {
  readonly to?: string[];
  readonly toOrg?: string[];
}

const readersOf = (options: SharingOptions): { readers: string[]; orgs: string[] } => ({
  readers: options.to ?? [],
  orgs: options.toOrg ?? [],
});

/** Register `deuro ivector`. */
export function registerIvectorCommands(program: Command): void {
  const ivector = program
    .command('ivector')
    .description('speaker verification with i-vectors: train a model, extract, score');
  ivector
    .command('train')
    .description(
      'train a UBM, T, LDA and WCCN here on labelled WAV files and register them as two model assets: <id>.ubm and <id>',
    )
    .argument('<manifest>', 'one "speaker file.wav" per line (files relative to the manifest)')
    .requiredOption('--id <id>', 'the model asset id')
    .option('--components <n>', 'UBM Gaussians (64)', positiveInteger('--components'))
    .option('--rank <n>', 'i-vector dimension, the rank of T (100)', positiveInteger('--rank'))
    .option(
      '--lda <n>',
      'dimension after LDA (speakers - 1, at most 200)',
      positiveInteger('--lda'),
    )
    .option('--to <identityIds...>', 'identity ids that may read the model')
    .option('--to-org <mspIds...>', 'organizations that may read the model')
    .action(
      async (
        manifest: string,
        command: SharingOptions & { id: string; components?: number; rank?: number; lda?: number },
      ) => {
        const options = globals();
        const registered = await trainAndRegisterIvectorModel(
          client(options),
          readManifest(manifest),
          {
            id: command.id,
            ...readersOf(command),
            ...(command.components === undefined ? {} : { components: command.components }),
            ...(command.rank === undefined ? {} : { rank: command.rank }),
            ...(command.lda === undefined ? {} : { ldaDimension: command.lda }),
          },
          log,
        );
        const { ubm, extractor } = registered;
        print(
          options,
          { ubm, extractor },
          `registered ${ubm.id} (UBM, ${String(registered.model.ubm.componentCount)} Gaussians) and ${extractor.id} (T of rank ${String(registered.model.tv.rank)} with LDA + WCCN)`,
        );
      },
    );
  ivector
    .command('extract')
    .description(
      "extract a recording's i-vector here with a registered model and register it as a feature set",
    )
    .argument('<wav>', 'the recording (WAV)')
    .requiredOption('--model <id>', 'the model asset (deuro ivector train --id)')
    .requiredOption('--id <id>', 'the feature set asset id')
    .option('--to <identityIds...>', 'identity ids that may read the i-vector')
    .option('--to-org <mspIds...>', 'organizations that may read the i-vector')
    .action(async (wav: string, command: SharingOptions & { model: string; id: string }) => {
      const options = globals();
      const gateway = client(options);
      log(`downloading the model ${command.model}`);
      const loaded = await loadRegisteredIvectorModel(gateway, options.home, command.model);
      log(`extracting the i-vector of ${wav}`);
      const asset = await extractAndRegisterIvector(gateway, loaded, {
        id: command.id,
        wav: readFileSync(wav),
        ...readersOf(command),
      });
      print(options, asset, `${asset.id}: i-vector registered (model ${command.model})`);
    });
  ivector
    .command('score')
    .description(
      'the cosine score of two registered i-vectors (higher: more likely the same speaker)',
    )
    .argument('<a>', 'an i-vector feature set')
    .argument('<b>', 'another')
    .action(async (a: string, b: string) => {
      const options = globals();
      const score = await scoreIvectorAssets(client(options), options.home, a, b);
      print(options, score, `${a} vs ${b}: score ${score.score.toFixed(4)} (model ${score.model})`);
    });
}
