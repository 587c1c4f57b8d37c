/**
 * The Sphinx-3 binary container, on small files written here and on the model's `means`
 * (whose header is `s3`, `version 1.0`, `chksum0 yes`, `endhdr`).
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isSpeechError } from '../align/speech-error.js';
import { DEFAULT_MODEL_DIRECTORY } from './acoustic-model.js';
import { openS3File, type S3Reader } from './s3-file.js';

const MEANS_FILE = readFileSync(join(DEFAULT_MODEL_DIRECTORY, 'means'));
const MEANS = new Uint8Array(MEANS_FILE);
/** Where the byte-order magic starts. */
const PAYLOAD_AT = MEANS_FILE.indexOf('endhdr\n') + 'endhdr\n'.length;

/** An s3 file of `header` text then int32 `values` (no checksum unless the header says so). */
function s3File(header: string, values: readonly number[], little = true): Uint8Array {
  const head = new TextEncoder().encode(header);
  const bytes = new Uint8Array(head.length + 4 + 4 * values.length);
  bytes.set(head);
  const view = new DataView(bytes.buffer);
  view.setUint32(head.length, 0x11223344, little);
  values.forEach((v, i) => {
    view.setInt32(head.length + 4 + 4 * i, v, little);
  });
  return bytes;
}

/** The means file written in the other byte order: every 4-byte word after the header swapped. */
function swapped(bytes: Uint8Array, payloadAt: number): Uint8Array {
  const copy = bytes.slice();
  for (let at = payloadAt; at < copy.length; at += 4) copy.subarray(at, at + 4).reverse();
  return copy;
}

/** Expects opening `bytes`, then `read` on the reader, to fail as malformed. */
function assertMalformed(
  bytes: Uint8Array,
  read: (reader: S3Reader) => void = () => undefined,
): void {
  assert.throws(
    () => {
      read(openS3File(bytes, 'test-file'));
    },
    (e) => isSpeechError(e, 'DEURO_SPEECH_MODEL_MALFORMED') && e.details.field === 'test-file',
  );
}

describe('openS3File', () => {
  it('reads header arguments, skipping comments, and int32s in either byte order', () => {
    for (const little of [true, false]) {
      const file = s3File(
        's3\n# written by hand\nversion 1.0\n  extra  words  \nendhdr\n',
        [7, -2],
        little,
      );
      const reader = openS3File(file, 'test-file');
      assert.deepEqual(
        [...reader.header],
        [
          ['version', '1.0'],
          ['extra', 'words'],
        ],
      );
      assert.equal(reader.int32(), 7);
      assert.equal(reader.int32(), -2);
      reader.end();
    }
  });

  it('checks the real means file: header, magic, checksum and length', () => {
    assert.equal(new DataView(MEANS.buffer).getUint32(PAYLOAD_AT, true), 0x11223344);
    const reader = openS3File(MEANS, 'means');
    assert.deepEqual(
      [...reader.header],
      [
        ['version', '1.0'],
        ['chksum0', 'yes'],
      ],
    );
    const counts = [reader.int32(), reader.int32(), reader.int32()];
    assert.deepEqual(counts, [42, 3, 128]);
    assert.deepEqual([reader.int32(), reader.int32(), reader.int32()], [13, 13, 13]);
    const total = reader.int32();
    assert.equal(total, 42 * 128 * 39);
    const values = reader.float32s(total);
    assert.ok(values.every(Number.isFinite));
    reader.end();
  });

  it('reads the means file written big-endian to the same values and checksum', () => {
    const other = openS3File(swapped(MEANS, PAYLOAD_AT), 'means');
    const reader = openS3File(MEANS, 'means');
    for (let i = 0; i < 7; i++) assert.equal(other.int32(), reader.int32());
    assert.deepEqual(other.float32s(42 * 128 * 39), reader.float32s(42 * 128 * 39));
    other.end();
  });

  it('rejects a file that is not s3, has no endhdr, or an argument without value', () => {
    assertMalformed(new TextEncoder().encode('s2\nendhdr\n\x44\x33\x22\x11'));
    assertMalformed(new TextEncoder().encode('s3\nversion 1.0\n'));
    assertMalformed(s3File('s3\nversion\nendhdr\n', []));
  });

  it('rejects a wrong byte-order magic', () => {
    const file = s3File('s3\nendhdr\n', [1]);
    file.set([0xde, 0xad, 0xbe, 0xef], 10);
    assertMalformed(file);
    const means = MEANS.slice();
    means[PAYLOAD_AT] = 0x45;
    assertMalformed(means);
  });

  it('rejects files cut before the magic or inside the payload', () => {
    const file = s3File('s3\nendhdr\n', [1, 2]);
    assertMalformed(file.subarray(0, 12));
    assertMalformed(file.subarray(0, 17), (reader) => {
      reader.int32();
      reader.int32();
    });
    assertMalformed(file.subarray(0, 18), (reader) => {
      reader.float32s(2);
    });
  });

  it('rejects a wrong checksum, a missing checksum and data after the payload', () => {
    const read = (reader: S3Reader): void => {
      reader.float32s(7 + 42 * 128 * 39);
      reader.end();
    };
    assertMalformed(MEANS.subarray(0, MEANS.length - 4), read);
    const flipped = MEANS.slice();
    flipped[PAYLOAD_AT + 1000] = (flipped[PAYLOAD_AT + 1000] ?? 0) ^ 1;
    assertMalformed(flipped, read);
    const longer = new Uint8Array(MEANS.length + 4);
    longer.set(MEANS);
    assertMalformed(longer, read);
    assertMalformed(s3File('s3\nendhdr\n', [1, 2]), (reader) => {
      reader.int32();
      reader.end();
    });
  });
});
