/**
 * A minimal ZIP writer and reader for NumPy `.npz` archives: members are stored uncompressed
 * (method 0) with CRC-32, fixed timestamps (1980-01-01 00:00) and no extra fields, so the same
 * members always give the same bytes, and `numpy.load` opens the archive (`.npy` members as
 * arrays, other members, such as a JSON description, as bytes). Reading accepts stored members
 * only, checks every CRC, and rejects anything it does not understand.
 */

import { IvectorError, IvectorErrorCode } from './errors.js';

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const DOS_DATE_1980_01_01 = (1 << 5) | 1;
const VERSION = 20;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as ZIP uses it) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Writes the members, in the given order, as a stored ZIP archive. */
export function writeNpz(members: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of members) {
    const nameBytes = new TextEncoder().encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL_SIGNATURE, true);
    lv.setUint16(4, VERSION, true);
    lv.setUint16(12, DOS_DATE_1980_01_01, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    const entry = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(entry.buffer);
    cv.setUint32(0, CENTRAL_SIGNATURE, true);
    cv.setUint16(4, VERSION, true);
    cv.setUint16(6, VERSION, true);
    cv.setUint16(14, DOS_DATE_1980_01_01, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    entry.set(nameBytes, 46);
    chunks.push(local, data);
    central.push(entry);
    offset += local.length + data.length;
  }
  const centralSize = central.reduce((sum, entry) => sum + entry.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, END_SIGNATURE, true);
  ev.setUint16(8, members.size, true);
  ev.setUint16(10, members.size, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  return concatenate([...chunks, ...central, end]);
}

/**
 * The members of a stored ZIP archive, by name.
 * @throws IvectorError `DEURO_IVECTOR_MALFORMED_MODEL` for a truncated or compressed archive or
 *   a CRC mismatch.
 */
export function readNpz(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const endOffset = bytes.byteLength - 22;
  if (endOffset < 0 || view.getUint32(endOffset, true) !== END_SIGNATURE) {
    throw malformed('archive', 'has no ZIP end record (or has a comment)');
  }
  const count = view.getUint16(endOffset + 10, true);
  let position = view.getUint32(endOffset + 16, true);
  const members = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i += 1) {
    if (position + 46 > endOffset || view.getUint32(position, true) !== CENTRAL_SIGNATURE) {
      throw malformed('archive', 'central directory is truncated');
    }
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const name = new TextDecoder().decode(
      bytes.subarray(position + 46, position + 46 + nameLength),
    );
    members.set(name, memberData(bytes, view, position, name));
    position += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

function memberData(bytes: Uint8Array, view: DataView, central: number, name: string): Uint8Array {
  const method = view.getUint16(central + 10, true);
  const crc = view.getUint32(central + 16, true);
  const size = view.getUint32(central + 20, true);
  const local = view.getUint32(central + 42, true);
  if (method !== 0 || view.getUint32(central + 24, true) !== size) {
    throw malformed(
      name,
      'is compressed; only stored members are read (numpy.savez, not savez_compressed)',
    );
  }
  if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== LOCAL_SIGNATURE) {
    throw malformed(name, 'has no local header');
  }
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + size > bytes.byteLength) throw malformed(name, 'is truncated');
  const data = bytes.subarray(start, start + size);
  if (crc32(data) !== crc) throw malformed(name, 'fails its CRC-32 check');
  return data;
}

function concatenate(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function malformed(field: string, what: string): IvectorError {
  return new IvectorError(IvectorErrorCode.malformedModel, `${field} ${what}`, { field });
}
