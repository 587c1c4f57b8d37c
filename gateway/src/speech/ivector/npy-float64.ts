/**
 * NumPy `.npy` (format 1.0) arrays of any rank in double precision: little-endian `<f8`,
 * C order. The model format stores every parameter this way so `numpy.load` reads each one
 * exactly; reading also accepts `<f4` (what the audio library's `writeNpy` writes).
 */

import { IvectorError, IvectorErrorCode } from './errors.js';

const MAGIC = '\x93NUMPY';

/** An n-dimensional array: its shape and its values in C order. */
export interface NdArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Encodes `data` with `shape` as an `<f8` `.npy` file. */
export function writeNpyFloat64(data: Float64Array, shape: readonly number[]): Uint8Array {
  const shapeText =
    shape.length === 1 ? `(${String(shape[0])},)` : `(${shape.map(String).join(', ')})`;
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = MAGIC.length + 4 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const start = MAGIC.length + 4 + header.length;
  const bytes = new Uint8Array(start + 8 * data.length);
  for (let i = 0; i < MAGIC.length; i += 1) bytes[i] = MAGIC.charCodeAt(i);
  bytes[6] = 1;
  const view = new DataView(bytes.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i += 1) bytes[10 + i] = header.charCodeAt(i);
  data.forEach((value, i) => {
    view.setFloat64(start + 8 * i, value, true);
  });
  return bytes;
}

/**
 * Decodes an `<f8` or `<f4` C-order `.npy` file.
 * @throws IvectorError `DEURO_IVECTOR_MALFORMED_MODEL` naming `field` for anything else.
 */
export function readNpyFloat64(bytes: Uint8Array, field = 'npy'): NdArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { descr, shape, start } = parseHeader(bytes, view, field);
  const count = shape.reduce((a, b) => a * b, 1);
  const size = descr.endsWith('8') ? 8 : 4;
  if (bytes.byteLength !== start + size * count) {
    throw malformed(field, `data size does not match shape (${shape.join(', ')})`);
  }
  const data = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    data[i] =
      size === 8 ? view.getFloat64(start + 8 * i, true) : view.getFloat32(start + 4 * i, true);
  }
  return { shape, data };
}

function parseHeader(
  bytes: Uint8Array,
  view: DataView,
  field: string,
): { descr: string; shape: number[]; start: number } {
  if (bytes.byteLength < 10 || String.fromCharCode(...bytes.subarray(0, 6)) !== MAGIC) {
    throw malformed(field, 'is not a .npy file');
  }
  const headerLength = view.getUint16(8, true);
  const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
  const descr = /'descr':\s*'([<|]f[48])'/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (
    descr === undefined ||
    shapeText === undefined ||
    !header.includes("'fortran_order': False")
  ) {
    throw malformed(field, `is not a C-order <f8/<f4 array (header ${header.trim()})`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) {
    throw malformed(field, `has a bad shape (${shapeText})`);
  }
  return { descr, shape, start: 10 + headerLength };
}

function malformed(field: string, what: string): IvectorError {
  return new IvectorError(IvectorErrorCode.malformedModel, `${field} ${what}`, { field });
}
