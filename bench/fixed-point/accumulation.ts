/**
 * The exactness micro-benchmark: nanoseconds per multiply-accumulate of the exact dot product
 * strategies of gateway/src/gpredict/fixed-point/exact-dot.ts on dot products of 64 terms (a
 * digits layer's fan-in): plain doubles (exact for 16-bit words), split half-words (exact for
 * every format), and a bigint per term (the obvious exact alternative). Every strategy's sums
 * are checked equal. Each strategy runs five rounds after a warm-up; the median is reported.
 */
import { type StridedWords, exactDot, wideDot } from '../../gateway/src/gpredict/fixed-point/index';
import { newRandomStream } from '../../gateway/src/gpredict/random/index';
import type { AccumulationFigures } from './report';

const LENGTH = 64;
const ROUNDS = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function randomWords(bits: number, count: number, name: string): Int32Array {
  const stream = newRandomStream(name);
  const low = -(2 ** (bits - 1));
  return Int32Array.from({ length: count }, () => low + stream.nextBelow(2 ** bits));
}

function time(
  dots: number,
  dot: (offset: number) => number | bigint,
): { seconds: number; check: bigint } {
  let check = 0n;
  const start = process.hrtime.bigint();
  for (let index = 0; index < dots; index += 1) {
    const value = dot((index * 7) % 1000);
    if (index % 997 === 0) {
      check += BigInt(value);
    }
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, check };
}

/** Measure each strategy over `terms` multiply-accumulates. */
export function measureAccumulation(terms: number): AccumulationFigures[] {
  const dots = Math.max(1, Math.floor(terms / LENGTH));
  const figures: AccumulationFigures[] = [];
  for (const bits of [16, 32]) {
    const a = randomWords(bits, 1000 + LENGTH, `bench-a-${String(bits)}`);
    const b = randomWords(bits, 1000 + LENGTH, `bench-b-${String(bits)}`);
    const at = (data: Int32Array, offset: number): StridedWords => ({ data, offset, stride: 1 });
    const strategies: [string, (offset: number) => number | bigint][] = [
      ['split', (offset) => exactDot(at(a, offset), at(b, offset), LENGTH, 'split')],
      ['bigint per term', (offset) => wideDot(at(a, offset), at(b, offset), LENGTH)],
    ];
    if (bits === 16) {
      strategies.unshift([
        'double',
        (offset) => exactDot(at(a, offset), at(b, offset), LENGTH, 'double'),
      ]);
    }
    let reference: bigint | undefined;
    for (const [strategy, dot] of strategies) {
      time(Math.min(dots, 20000), dot); // warm-up
      const rounds = Array.from({ length: ROUNDS }, () => time(dots, dot));
      const seconds = median(rounds.map((round) => round.seconds));
      const check = rounds[0]?.check;
      reference ??= check;
      if (check !== reference) {
        throw new Error(
          `${strategy} on ${String(bits)}-bit words disagrees with the other strategies`,
        );
      }
      figures.push({
        strategy,
        words: `${String(bits)}-bit`,
        nanosecondsPerMac: (seconds * 1e9) / (dots * LENGTH),
      });
    }
  }
  return figures;
}
