/**
 * bench/features-audio: MFCC extraction speed of Deuro's streaming extractor (one thread)
 * against sphinx_fe on the same hour of 16 kHz speech in the same run, in audio seconds per CPU
 * second, and a bit-for-bit check of Deuro's output against sphinx_fe's. See README.md beside
 * this file.
 *
 *   node --import tsx bench/features-audio/run.ts [--minutes 60] [--rounds 3] [--cache-dir DIR]
 */

import { describeLoad, describeMachine } from '../ledger/machine';
import { runAudioBench } from './audio-bench';
import { parseAudioBenchOptions, usage, wantsHelp } from './options';

async function main(argv: readonly string[]): Promise<void> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const options = parseAudioBenchOptions(argv, process.env);
  const print = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  print(
    'Deuro audio benchmark: MFCC (sphinx_fe defaults) vs sphinx_fe, audio seconds per CPU second; headline: like for like',
  );
  print(`machine: ${describeMachine()}; load average at start ${describeLoad()}`);
  print(
    `options: ${String(options.minutes)} min, ${String(options.rounds)} alternating rounds, median reported`,
  );
  const result = await runAudioBench(options, print);
  print('');
  for (const line of result.lines) print(line);
  print(`load average at end ${describeLoad()}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
