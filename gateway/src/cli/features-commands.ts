/*
 * `deuro features mfcc | image` extract features here, with every parameter as an option (the
 * parameter tables of gateway/src/features drive the flags, so the CLI, the docs and the library
 * agree; `deuro features mfcc` also takes sphinx_fe's names, `--ncep` for `--cepstrum-count`);
 * `deuro features upload` sends a recording or an image through the gateway's feature pipeline,
 * which registers the encrypted feature set.
 */
import {
  createReadStream,
  createWriteStream,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { extname } from 'node:path';
import { Readable } from 'node:stream';

import { Command, Option } from 'commander';

import {
  extractMfccStream,
  MFCC_PARAMETERS,
  parseMfccParameterValue,
  type MfccPipelineOptions,
} from '../features/audio/index';
import {
  extractImageFeatures,
  IMAGE_PARAMETERS,
  imageFeaturesToJson,
  parseImageParameterValue,
} from '../features/image/index';
import { isCodedError } from '../errors/coded-error';
import { CliError, exitCodes } from './cli-error';
import { client, globals, outputOptions, print } from './program';
import { progressMeter } from './progress';

const camel = (flag: string): string =>
  flag.replace(/^--/, '').replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

function withParameterOptions(
  command: Command,
  rows: readonly { flag: string; description: string; default: unknown }[],
): Command {
  for (const row of rows) {
    command.addOption(
      new Option(
        `${row.flag} <value>`,
        `${row.description} (default ${JSON.stringify(row.default)})`,
      ),
    );
  }
  return command;
}

/**
 * sphinx_fe's name of an MFCC parameter as a flag (`-ncep` as `--ncep`, `-mach_endian` as
 * `--mach-endian`), when it differs from the parameter's own flag.
 */
function sphinxAlias(row: { flag: string; sphinxFlag: string | undefined }): string | undefined {
  if (row.sphinxFlag === undefined) return undefined;
  const alias = `-${row.sphinxFlag.replace(/_/g, '-')}`;
  return alias === row.flag ? undefined : alias;
}

/** sphinx_fe's names of the MFCC parameters, as hidden options. */
function withSphinxAliases(command: Command): Command {
  for (const row of MFCC_PARAMETERS) {
    const alias = sphinxAlias(row);
    if (alias !== undefined) {
      command.addOption(new Option(`${alias} <value>`, `same as ${row.flag}`).hideHelp());
    }
  }
  return command;
}

/**
 * The text given for a parameter, under its flag or its sphinx_fe name.
 *
 * @throws CliError when both are given with different values.
 */
function givenText(
  row: { flag: string; sphinxFlag: string | undefined },
  given: Record<string, unknown>,
): string | undefined {
  const text = given[camel(row.flag)];
  const alias = sphinxAlias(row);
  const aliasText = alias === undefined ? undefined : given[camel(alias)];
  if (typeof text === 'string' && typeof aliasText === 'string' && text !== aliasText) {
    throw new CliError(
      `${row.flag} ${text} and ${String(alias)} ${aliasText} name the same parameter: give one`,
      exitCodes.usage,
    );
  }
  if (typeof text === 'string') return text;
  return typeof aliasText === 'string' ? aliasText : undefined;
}

/** The MFCC options given on the command line, the output format and the output's options. */
function mfccOptionsOf(given: Record<string, unknown>): {
  options: MfccPipelineOptions;
  format: 'npy' | 'mfc';
  output: { byteOrder?: 'little' | 'big' };
} {
  const options: Record<string, unknown> = {};
  let format: 'npy' | 'mfc' = 'npy';
  const output: { byteOrder?: 'little' | 'big' } = {};
  for (const row of MFCC_PARAMETERS) {
    const text = givenText(row, given);
    if (text === undefined) {
      continue;
    }
    const value = parseMfccParameterValue(row.name, text);
    if (row.name === 'format') {
      format = value === 'mfc' ? 'mfc' : 'npy';
    } else if (row.name === 'byteOrder') {
      output.byteOrder = value === 'big' ? 'big' : 'little';
    } else if (row.group !== 'output') {
      options[row.name] = value;
    }
  }
  return { options, format, output };
}

/** The image options given on the command line, nested by extractor. */
function imageOptionsOf(given: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const options: Record<string, Record<string, unknown>> = {};
  for (const row of IMAGE_PARAMETERS) {
    const text = given[camel(row.flag)];
    if (typeof text === 'string') {
      options[row.extractor] = {
        ...options[row.extractor],
        [row.name]: parseImageParameterValue(row.key, text),
      };
    }
  }
  return options;
}

/** A failure of `features mfcc | image` as a usage error, keeping an extractor error's code. */
function usageError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (isCodedError(error)) return new CliError(error.message, exitCodes.usage, error.code);
  return new CliError(error instanceof Error ? error.message : String(error), exitCodes.usage);
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.wav': 'audio/wav',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** Add features to the program. */
export function registerFeaturesCommands(program: Command): void {
  const features = program
    .command('features')
    .description('feature extraction: MFCC from WAV, image features from PNG/JPEG');
  withParameterOptions(
    withSphinxAliases(features.command('mfcc'))
      .description(
        'MFCC (Sphinx front end) of a WAV file, streamed, as .npy (or Sphinx .mfc with --format mfc)',
      )
      .argument('<input>', 'a WAV file')
      .requiredOption('-o, --output <file>', 'where to write the features'),
    MFCC_PARAMETERS,
  ).action(async (input: string, given: Record<string, unknown>) => {
    const output = String(given.output);
    const partial = `${output}.part`;
    try {
      const { options, format, output: fileOptions } = mfccOptionsOf(given);
      const result = await extractMfccStream(
        createReadStream(input).pipe(progressMeter(`mfcc ${input}`, statSync(input).size)),
        options,
        createWriteStream(partial),
        format,
        fileOptions,
      );
      renameSync(partial, output);
      print(
        outputOptions(),
        {
          output,
          frames: result.frameCount,
          dimension: result.dimension,
          parameterHash: result.parameterHash,
        },
        `${output}: ${String(result.frameCount)} frames x ${String(result.dimension)} values (parameters ${result.parameterHash.slice(0, 12)})`,
      );
    } catch (error) {
      rmSync(partial, { force: true });
      throw usageError(error);
    }
  });
  withParameterOptions(
    features
      .command('image')
      .description(
        'image features (Canny edges, Harris and Shi-Tomasi corners, LoG and DoH blobs, ridges) of a PNG or JPEG, as JSON',
      )
      .argument('<input>', 'a PNG or JPEG file')
      .requiredOption('-o, --output <file>', 'where to write the features'),
    IMAGE_PARAMETERS,
  ).action(async (input: string, given: Record<string, unknown>) => {
    try {
      const set = await extractImageFeatures(readFileSync(input), imageOptionsOf(given));
      writeFileSync(String(given.output), imageFeaturesToJson(set));
      print(
        outputOptions(),
        { output: given.output, parameterHash: set.parameterHash },
        `${String(given.output)}: features of a ${String(set.image.width)}x${String(set.image.height)} image (parameters ${set.parameterHash.slice(0, 12)})`,
      );
    } catch (error) {
      throw usageError(error);
    }
  });
  features
    .command('upload')
    .description(
      "send a recording or an image through your gateway's feature pipeline: its features are registered as an encrypted feature-set asset",
    )
    .argument('<input>', 'a WAV, PNG or JPEG file')
    .requiredOption('--id <id>', 'the feature set asset id')
    .option('--to <identityIds...>', 'identity ids to share with')
    .option('--to-org <mspIds...>', 'organizations to share with')
    .option('--keep-raw', "store the input too, as the feature set's parent", false)
    .option(
      '--parameters <json>',
      'extractor parameters as JSON (MFCC options, or {"canny": {...}, ...})',
      '{}',
    )
    .action(
      async (
        input: string,
        command: {
          id: string;
          to?: string[];
          toOrg?: string[];
          keepRaw: boolean;
          parameters: string;
        },
      ) => {
        const options = globals();
        const mediaType = MEDIA_TYPES[extname(input).toLowerCase()];
        if (mediaType === undefined) {
          throw new CliError('the input must be a .wav, .png, .jpg or .jpeg file', exitCodes.usage);
        }
        const query = new URLSearchParams({
          id: command.id,
          source: mediaType === 'audio/wav' ? 'recording' : 'image',
          mediaType,
          keepRaw: String(command.keepRaw),
        });
        if (command.to !== undefined) query.set('recipients', command.to.join(','));
        if (command.toOrg !== undefined) query.set('orgs', command.toOrg.join(','));
        const response = await client(options).request('POST', `/v1/features?${query.toString()}`, {
          body: Readable.toWeb(
            createReadStream(input).pipe(progressMeter(`features ${input}`, statSync(input).size)),
          ) as unknown as ReadableStream,
          headers: {
            'content-type': 'application/octet-stream',
            'deuro-feature-parameters': command.parameters,
          },
          duplex: 'half',
        });
        const result = (await response.json()) as {
          featureSet: { id: string; metadata: Record<string, string> };
          raw: { id: string } | null;
        };
        print(
          options,
          result,
          `${result.featureSet.id}: ${result.featureSet.metadata.extractor ?? ''} ${result.featureSet.metadata.shape ?? ''}, features sha256 ${result.featureSet.metadata['feature-sha256'] ?? ''}${result.raw === null ? '' : `; input kept as ${result.raw.id}`}`,
        );
      },
    );
}
