import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A child process's computation: stochastic and nearest conversions, a 16-bit and a 32-bit
 * matmul chain with bias and batch divisor, axpy; prints the SHA-256 of every word produced.
 */
const COMPUTATION = `
const { createHash } = require('node:crypto');
const fp = require(process.argv[1]);
const { newRandomStream } = require(process.argv[2]);
const hash = createHash('sha256');
const data = newRandomStream('determinism/data');
for (const [nb, fb] of [[4, 12], [8, 24]]) {
  const format = fp.fixedFormat(nb, fb);
  const reals = (count) => Array.from({ length: count }, () => (data.nextUniform() - 0.5) * 3);
  const sr = fp.newStochasticRounder(newRandomStream('task-9/trial-4/step-' + nb));
  const a = fp.fixedFromReals(reals(40 * 64), [40, 64], format, sr);
  const w = fp.fixedFromReals(reals(32 * 64), [32, 64], format, sr);
  const bias = fp.fixedFromReals(reals(32), [32], format, fp.newNearestRounder());
  const h = fp.fixedMatmul(a, w, format, sr, { transposeB: true, bias });
  const g = fp.fixedMatmul(h, a, format, sr, { transposeA: true, divisor: 40 });
  const step = fp.fixedAxpy(fp.fixedScalar(-0.01, fp.fixedFormat(8, 24)), g, w, format, sr);
  for (const tensor of [a, w, h, g, step]) hash.update(Buffer.from(tensor.data.buffer));
}
process.stdout.write(hash.digest('hex') + '\\n');
`;

describe('fixed-point determinism across processes', () => {
  it('gives byte-identical words in two processes, one of them without the JIT', async () => {
    const args = [join(__dirname, 'index.ts'), join(__dirname, '..', 'random', 'index.ts')];
    const [first, second] = await Promise.all([
      run(process.execPath, ['--import', 'tsx', '-e', COMPUTATION, ...args]),
      run(process.execPath, ['--jitless', '--import', 'tsx', '-e', COMPUTATION, ...args], {
        env: { ...process.env, TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8' },
      }),
    ]);
    assert.match(first.stdout, /^[0-9a-f]{64}\n$/);
    assert.equal(second.stdout, first.stdout);
  });
});
