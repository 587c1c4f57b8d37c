import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReferenceAlignerError } from './errors.js';
import {
  DEBIAN_EN_US,
  WIDE_POCKETSPHINX_BEAMS,
  beamArguments,
  resolvePocketsphinxOptions,
} from './pocketsphinx-options.js';

describe('pocketsphinx options', () => {
  it('defaults to pocketsphinx beams and the Debian model', () => {
    const resolved = resolvePocketsphinxOptions({});
    assert.equal(resolved.beams, undefined);
    assert.equal(resolved.modelDir, DEBIAN_EN_US.modelDir);
    assert.equal(resolved.dictionary, DEBIAN_EN_US.dictionary);
    assert.equal(resolved.program, 'pocketsphinx_continuous');
    assert.deepEqual(beamArguments(resolved.beams), []);
  });

  it('passes the wide beams of the issue, or given ones', () => {
    assert.deepEqual(beamArguments(resolvePocketsphinxOptions({ beams: 'wide' }).beams), [
      '-beam',
      '1e-80',
      '-wbeam',
      '1e-60',
      '-pbeam',
      '1e-80',
    ]);
    assert.equal(resolvePocketsphinxOptions({ beams: 'wide' }).beams, WIDE_POCKETSPHINX_BEAMS);
    const own = { beam: 1e-60, wbeam: 1e-40, pbeam: 1e-60 };
    assert.deepEqual(resolvePocketsphinxOptions({ beams: own }).beams, own);
  });

  it('names the bad option', () => {
    for (const [options, field] of [
      [{ beams: { beam: 0, wbeam: 1e-40, pbeam: 1e-60 } }, 'beams.beam'],
      [{ beams: { beam: 1e-60, wbeam: 2, pbeam: 1e-60 } }, 'beams.wbeam'],
      [{ timeoutMs: -1 }, 'timeoutMs'],
      [{ modelDir: '' }, 'modelDir'],
    ] as const) {
      assert.throws(
        () => resolvePocketsphinxOptions(options),
        (e) =>
          isReferenceAlignerError(e, 'DEURO_REFERENCE_INVALID_PARAMETER') &&
          e.details.field === field,
      );
    }
  });
});
