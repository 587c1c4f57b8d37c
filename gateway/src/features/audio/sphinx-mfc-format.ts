/**
 * Sphinx feature files (`.mfc`), as sphinx_fe writes them: a 4-byte signed count of the
 * float32 values that follow, then the values frame after frame. sphinx_fe writes both in the
 * machine's byte order (little-endian on x86-64 and arm64) and Sphinx readers tell the order by
 * checking the count against the file size; {@link readSphinxMfc} does the same. The file does
 * not store the dimension: 13 for MFCCs with the defaults.
 */

import { AudioError, AudioErrorCode, checkParameter } from './errors.js';
import { newFeatureMatrix, type FeatureMatrix } from './feature-matrix.js';

/** Byte order of a feature file. */
export type ByteOrder = 'little' | 'big';

/** The largest value count a `.mfc` header holds (a signed 32-bit integer). */
export const MFC_MAX_VALUES = 0x7fffffff;

/**
 * The 4-byte header of a `.mfc` file of `valueCount` float32 values (frames x dimension).
 *
 * @throws {AudioError} `DEURO_AUDIO_UNSUPPORTED` (`mfc.count`) above {@link MFC_MAX_VALUES}
 * values (about 458 hours of 13 cepstra at 100 frames/s).
 */
export function sphinxMfcHeader(valueCount: number, byteOrder: ByteOrder = 'little'): Uint8Array {
  if (valueCount > MFC_MAX_VALUES) {
    throw new AudioError(
      AudioErrorCode.unsupported,
      `a .mfc file holds at most ${String(MFC_MAX_VALUES)} values, not ${String(valueCount)}`,
      { field: 'mfc.count', value: valueCount },
    );
  }
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, valueCount, byteOrder === 'little');
  return bytes;
}

/** Writes a Sphinx `.mfc` file (little-endian by default, as sphinx_fe on this machine). */
export function writeSphinxMfc(m: FeatureMatrix, byteOrder: ByteOrder = 'little'): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * m.data.length);
  bytes.set(sphinxMfcHeader(m.data.length, byteOrder));
  const view = new DataView(bytes.buffer);
  const little = byteOrder === 'little';
  m.data.forEach((x, i) => {
    view.setFloat32(4 + 4 * i, x, little);
  });
  return bytes;
}

/** What {@link readSphinxMfc} returns. */
export interface SphinxMfcFile {
  readonly byteOrder: ByteOrder;
  readonly features: FeatureMatrix;
}

/**
 * Reads a Sphinx `.mfc` file of either byte order.
 *
 * @throws {AudioError} `DEURO_AUDIO_MALFORMED` when the count matches the size in neither byte
 * order or the values are not a whole number of frames.
 */
export function readSphinxMfc(bytes: Uint8Array, dimension = 13): SphinxMfcFile {
  checkParameter(
    Number.isInteger(dimension) && dimension > 0,
    'dimension',
    dimension,
    'a positive integer',
  );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = (bytes.byteLength - 4) / 4;
  if (bytes.byteLength < 4 || !Number.isInteger(values)) {
    throw new AudioError(
      AudioErrorCode.malformed,
      `a .mfc file is 4 + 4n bytes, got ${String(bytes.byteLength)}`,
      {
        field: 'mfc.size',
        value: bytes.byteLength,
      },
    );
  }
  let byteOrder: ByteOrder;
  if (view.getInt32(0, true) === values) byteOrder = 'little';
  else if (view.getInt32(0, false) === values) byteOrder = 'big';
  else {
    throw new AudioError(
      AudioErrorCode.malformed,
      `the .mfc header count does not match the ${String(values)} values present`,
      {
        field: 'mfc.count',
        value: view.getInt32(0, true),
      },
    );
  }
  if (values % dimension !== 0) {
    throw new AudioError(
      AudioErrorCode.malformed,
      `${String(values)} values are not frames of ${String(dimension)}`,
      {
        field: 'mfc.count',
        value: values,
      },
    );
  }
  const little = byteOrder === 'little';
  const data = new Float32Array(values);
  for (let i = 0; i < values; i++) data[i] = view.getFloat32(4 + 4 * i, little);
  return { byteOrder, features: newFeatureMatrix(data, dimension) };
}
