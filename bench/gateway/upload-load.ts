/**
 * A closed loop of uploads: `concurrency` clients each send one upload after another until
 * `count` have been sent, timing each from the first byte sent to the response.
 */
import { performance } from 'node:perf_hooks';

/** One upload's outcome. */
export interface UploadTiming {
  readonly ms: number;
  readonly ok: boolean;
  readonly status: number;
}

/** What a loop measured. */
export interface LoadResult {
  readonly timings: readonly UploadTiming[];
  readonly wallMs: number;
}

/**
 * Run `count` uploads, `concurrency` at a time.
 * @param upload - Sends upload number `index`; resolves with its HTTP status.
 */
export async function runUploadLoad(
  count: number,
  concurrency: number,
  upload: (index: number) => Promise<number>,
): Promise<LoadResult> {
  const timings: UploadTiming[] = [];
  let next = 0;
  const started = performance.now();
  const client = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) {
      const begin = performance.now();
      let status = 0;
      try {
        status = await upload(index);
      } catch {
        status = 0;
      }
      timings.push({ ms: performance.now() - begin, ok: status >= 200 && status < 300, status });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, client));
  return { timings, wallMs: performance.now() - started };
}
