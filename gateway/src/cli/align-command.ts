/*
 * `deuro align in.wav "transcript" [-o out.TextGrid]`: the gateway force-aligns the recording to
 * the transcript (POST /v1/align) and answers whether the transcript can be aligned to the audio,
 * with a score and per-word confidences; `-o` writes the timings, formatted here from the JSON
 * answer, as a Praat TextGrid, CTM or JSON by the file's extension (or --format). Exit code 5
 * when the verdict is no.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';

import type { Command } from 'commander';

import type { Alignment } from '../speech/align/index.js';
import { alignmentToCtm, alignmentToJson, alignmentToTextGrid } from '../speech/formats/index.js';
import { CliError, exitCodes } from './cli-error';
import { client, globals, print } from './program';

type Format = 'textgrid' | 'ctm' | 'json';
const BY_EXTENSION: Readonly<Record<string, Format>> = {
  '.textgrid': 'textgrid',
  '.ctm': 'ctm',
  '.json': 'json',
};

function formatOf(output: string | undefined, given: string | undefined): Format {
  if (given !== undefined) {
    if (given !== 'textgrid' && given !== 'ctm' && given !== 'json') {
      throw new CliError(`--format ${given}: use textgrid, ctm or json`, exitCodes.usage);
    }
    return given;
  }
  return BY_EXTENSION[extname(output ?? '').toLowerCase()] ?? 'json';
}

function summary(alignment: Alignment): string {
  const { verdict } = alignment;
  const words = alignment.words
    .map(
      (word) =>
        `  ${word.start.toFixed(3)}-${word.end.toFixed(3)} s  ${word.label}  (confidence ${word.confidence.toFixed(2)})`,
    )
    .join('\n');
  return `${verdict.aligned ? 'aligned' : 'NOT aligned'}: score ${verdict.score.toFixed(3)} (threshold ${verdict.threshold.toFixed(3)}), ${String(alignment.words.length)} words in ${alignment.duration.toFixed(2)} s\n${words}`;
}

/** Register `deuro align`. */
export function registerAlignCommand(program: Command): void {
  program
    .command('align')
    .description(
      'can this transcript be aligned to this recording? the gateway force-aligns them: a verdict with a score, word and phone timings (exit 5 when the verdict is no)',
    )
    .argument('<wav>', 'the recording (WAV)')
    .argument('<transcript>', 'what is said in it')
    .option('-o, --output <file>', 'write the timings here: .TextGrid (Praat), .ctm or .json')
    .option('--format <format>', 'textgrid, ctm or json (default: by the output extension)')
    .action(
      async (wav: string, transcript: string, command: { output?: string; format?: string }) => {
        const options = globals();
        const gateway = client(options);
        const format = formatOf(command.output, command.format);
        const response = await gateway.request(
          'POST',
          `/v1/align?${new URLSearchParams({ transcript, format: 'json' }).toString()}`,
          { body: readFileSync(wav), headers: { 'content-type': 'audio/wav' } },
        );
        const alignment = (await response.json()) as Alignment;
        if (command.output !== undefined) {
          const write = {
            textgrid: alignmentToTextGrid,
            ctm: alignmentToCtm,
            json: alignmentToJson,
          }[format];
          const text = write(alignment);
          const partial = `${command.output}.partial`;
          writeFileSync(partial, text);
          renameSync(partial, command.output);
        }
        print(options, alignment, summary(alignment));
        if (!alignment.verdict.aligned) {
          process.exitCode = exitCodes.mismatch;
        }
      },
    );
}
