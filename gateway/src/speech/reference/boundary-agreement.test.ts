import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundaryAgreement } from './boundary-agreement.js';
import { isReferenceAlignerError } from './errors.js';

const reference = [
  { label: 'the', start: 0.3, end: 0.5 },
  { label: 'cat', start: 0.6, end: 1.0 },
];

describe('boundaryAgreement', () => {
  it('counts boundaries within the tolerance and summarises the differences', () => {
    const candidate = [
      { label: 'THE', start: 0.32, end: 0.55 },
      { label: 'cat', start: 0.7, end: 1.0 },
    ];
    const agreement = boundaryAgreement(reference, candidate);
    assert.equal(agreement.boundaries, 4);
    assert.equal(agreement.within, 3);
    assert.equal(agreement.fraction, 0.75);
    assert.ok(Math.abs(agreement.median - 0.02) < 1e-9);
    assert.ok(Math.abs(agreement.max - 0.1) < 1e-9);
    assert.equal(boundaryAgreement(reference, candidate, 0.1).within, 4);
  });

  it('rejects alignments of different words', () => {
    const check = (candidate: typeof reference, field: string): void => {
      assert.throws(
        () => boundaryAgreement(reference, candidate),
        (e) =>
          isReferenceAlignerError(e, 'DEURO_REFERENCE_INVALID_PARAMETER') &&
          e.details.field === field,
      );
    };
    check(reference.slice(1), 'candidate');
    check(
      [reference[0] ?? { label: '', start: 0, end: 1 }, { label: 'dog', start: 0.6, end: 1 }],
      'candidate[1].label',
    );
  });
});
