/**
 * bench/ivector: the i-vector extraction realtime factor against the MFCC front end and
 * scikit-learn's GMM posteriors in the same run (default), or the speaker-verification
 * evaluation with its EER and DET plot (`--evaluate`). See README.md beside this file.
 *
 *   node --import tsx bench/ivector/run.ts [--minutes 3] [--rounds 3]
 *   node --import tsx bench/ivector/run.ts --evaluate [--speakers 98] [--plot docs/speech-ivector-det.png]
 */

import { describeLoad, describeMachine } from '../ledger/machine';
import { runEvaluation } from './evaluate';
import { parseIvectorBenchOptions, usage, wantsHelp } from './options';
import { runRealtimeBench } from './realtime';

async function main(argv: readonly string[]): Promise<void> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const options = parseIvectorBenchOptions(argv, process.env);
  const print = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  print(
    options.evaluate
      ? 'Deuro i-vector benchmark: speaker-verification evaluation'
      : 'Deuro i-vector benchmark: extraction realtime factor',
  );
  print(`machine: ${describeMachine()}; load average at start ${describeLoad()}`);
  print(`options: ${JSON.stringify(options)}`);
  if (options.evaluate) await runEvaluation(options, print);
  else await runRealtimeBench(options, print);
  print(`load average at end ${describeLoad()}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
