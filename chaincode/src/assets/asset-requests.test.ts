import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isDeuroError } from '../ledger/errors';
import { parseGrantRequest, parseRegisterRequest } from './asset-requests';

const fingerprint = 'a'.repeat(64);
const valid = {
  id: 'fs-1',
  kind: 'feature-set',
  ciphertextSha256: 'b'.repeat(64),
  size: 2048,
  mediaType: 'application/octet-stream',
  keyFingerprints: [fingerprint],
};

function rejects(request: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseRegisterRequest(JSON.stringify(request)),
    (error: unknown) => {
      assert.ok(isDeuroError(error, 'DEURO_INVALID_ARGUMENT'), String(error));
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('RegisterAsset requests', () => {
  it('accept a minimal request with defaults', () => {
    const request = parseRegisterRequest(JSON.stringify(valid));
    assert.deepEqual(request.metadata, {});
    assert.deepEqual(request.parents, []);
    assert.equal(request.privateMetadata, null);
    assert.deepEqual(request.envelope.keyFingerprints, [fingerprint]);
  });

  it('name the field that is wrong', () => {
    rejects({ ...valid, id: '-starts-with-dash' }, /request\.id must be/);
    rejects({ ...valid, kind: 'video' }, /request\.kind must be one of feature-set/);
    rejects({ ...valid, ciphertextSha256: 'B'.repeat(64) }, /request\.ciphertextSha256/);
    rejects({ ...valid, size: 1.5 }, /request\.size must be a whole number/);
    rejects({ ...valid, size: -1 }, /request\.size/);
    rejects({ ...valid, mediaType: 'Audio/WAV' }, /request\.mediaType/);
    rejects(
      { ...valid, keyFingerprints: [] },
      /request\.keyFingerprints must be a list of 1 to 64/,
    );
    rejects({ ...valid, keyFingerprints: [fingerprint, fingerprint] }, /lists a{64} twice/);
    rejects({ ...valid, metadata: { Bad: 'x' } }, /request\.metadata key "Bad"/);
    rejects(
      { ...valid, metadata: { note: 'x'.repeat(1025) } },
      /request\.metadata\.note must be a string of at most 1024/,
    );
    rejects({ ...valid, metadata: { n: 1 } }, /request\.metadata\.n must be a string/);
    rejects({ ...valid, parents: ['a', 'a'] }, /request\.parents lists a twice/);
    rejects(
      { ...valid, privateMetadata: { hash: 'c'.repeat(64), scope: 'world' } },
      /scope must be org or shared/,
    );
    rejects({ ...valid, owner: 'me' }, /unknown field\(s\) owner/);
  });

  it('refuse metadata over 8 KiB in all', () => {
    const metadata = Object.fromEntries(
      Array.from({ length: 9 }, (_, i) => [`k${String(i)}`, 'x'.repeat(1000)]),
    );
    rejects({ ...valid, metadata }, /at most 8192 bytes/);
  });

  it('refuse text that is not a JSON object', () => {
    assert.throws(
      () => parseRegisterRequest('[1]'),
      /DEURO_INVALID_ARGUMENT: request must be a JSON object/,
    );
    assert.throws(
      () => parseRegisterRequest('{'),
      /DEURO_INVALID_ARGUMENT: request must be a JSON object/,
    );
  });
});

describe('ShareAsset and RevokeAccess requests', () => {
  it('sort grants and check their ids', () => {
    const request = parseGrantRequest(
      JSON.stringify({
        grants: [
          { type: 'org', id: 'Org2MSP' },
          { type: 'identity', id: `Org2MSP/${'0'.repeat(32)}` },
        ],
        envelope: { ciphertextSha256: 'b'.repeat(64), size: 1, keyFingerprints: [fingerprint] },
      }),
    );
    assert.deepEqual(
      request.grants.map((g) => g.type),
      ['identity', 'org'],
    );
    assert.throws(
      () =>
        parseGrantRequest(
          JSON.stringify({ grants: [{ type: 'identity', id: 'nobody' }], envelope: {} }),
        ),
      /request\.grants\[0\]\.id must be an identity id/,
    );
  });
});
