/**
 * NumPy `.npy` (format version 1.0) for feature matrices: little-endian float32 (`<f4`),
 * C order, shape (frames, dimension), so `numpy.load` gives the matrix directly.
 */

import { AudioError, AudioErrorCode } from './errors.js';
import { newFeatureMatrix, type FeatureMatrix } from './feature-matrix.js';

const MAGIC = '\x93NUMPY';

/**
 * The header of a `.npy` file of `frameCount` x `dimension` `<f4` values: magic, version 1.0,
 * and the dictionary padded so that the data starts on a multiple of 64 bytes. The data follows
 * it directly, so a stream can write the header first when it knows the frame count.
 */
export function npyHeader(frameCount: number, dimension: number): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${String(frameCount)}, ${String(dimension)}), }`;
  const unpadded = MAGIC.length + 4 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const headerStart = MAGIC.length + 4;
  const bytes = new Uint8Array(headerStart + header.length);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  bytes[6] = 1;
  bytes[7] = 0;
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[headerStart + i] = header.charCodeAt(i);
  return bytes;
}

/** Encodes a matrix as a `.npy` file. */
export function writeNpy(m: FeatureMatrix): Uint8Array {
  const header = npyHeader(m.frameCount, m.dimension);
  const bytes = new Uint8Array(header.length + 4 * m.data.length);
  bytes.set(header);
  const view = new DataView(bytes.buffer);
  const dataStart = header.length;
  m.data.forEach((x, i) => {
    view.setFloat32(dataStart + 4 * i, x, true);
  });
  return bytes;
}

function malformedNpy(message: string): AudioError {
  return new AudioError(AudioErrorCode.malformed, message, { field: 'npy' });
}

/**
 * Decodes a 2-D `<f4` C-order `.npy` file (what {@link writeNpy} writes).
 *
 * @throws {AudioError} `DEURO_AUDIO_MALFORMED` for a bad header or size,
 * `DEURO_AUDIO_UNSUPPORTED` for another dtype, order or rank.
 */
export function readNpy(bytes: Uint8Array): FeatureMatrix {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 10 || String.fromCharCode(...bytes.subarray(0, 6)) !== MAGIC) {
    throw malformedNpy('not a .npy file');
  }
  const headerLength = view.getUint16(8, true);
  const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
  const shape = /'shape':\s*\((\d+),\s*(\d+)\)/.exec(header);
  if (
    !header.includes("'descr': '<f4'") ||
    !header.includes("'fortran_order': False") ||
    shape === null
  ) {
    throw new AudioError(AudioErrorCode.unsupported, 'only 2-D <f4 C-order arrays are read', {
      field: 'npy.header',
      value: header.trim(),
    });
  }
  const frames = Number(shape[1]);
  const dimension = Number(shape[2]);
  const start = 10 + headerLength;
  if (bytes.byteLength !== start + 4 * frames * dimension || dimension === 0) {
    throw malformedNpy(
      `the data size does not match shape (${String(frames)}, ${String(dimension)})`,
    );
  }
  const data = new Float32Array(frames * dimension);
  for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(start + 4 * i, true);
  return newFeatureMatrix(data, dimension);
}
