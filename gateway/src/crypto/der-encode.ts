/*
 * Just enough DER encoding for CMS headers: definite-length TLVs built from byte arrays, and the
 * few indefinite-length (BER) pieces the streaming envelope needs. Every encoder returns a new
 * Buffer; nothing here is secret-aware, so callers never pass key material they would not write.
 */

/** ASN.1 tags (identifier octets) used by the envelope. */
export const tag = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  set: 0x31,
} as const;

/** The identifier octet of a context-specific tag `[n]`, constructed or primitive. */
export function contextTag(n: number, constructed: boolean): number {
  return (constructed ? 0xa0 : 0x80) | n;
}

/** The end-of-contents octets closing an indefinite-length value. */
export const endOfContents: Buffer = Buffer.from([0, 0]);

/** The DER length octets of `length`. */
export function encodeLength(length: number): Buffer {
  if (length < 0x80) {
    return Buffer.from([length]);
  }
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest % 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A definite-length TLV whose value is the concatenation of `parts`. */
export function tlv(identifier: number, ...parts: readonly Uint8Array[]): Buffer {
  const value = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([identifier]), encodeLength(value.length), value]);
}

/** The identifier and indefinite-length octet that open a constructed BER value. */
export function openIndefinite(identifier: number): Buffer {
  return Buffer.from([identifier, 0x80]);
}

/** A SEQUENCE of the given encoded elements. */
export function sequence(...elements: readonly Uint8Array[]): Buffer {
  return tlv(tag.sequence, ...elements);
}

/** A SET OF the given encoded elements, sorted as DER requires. */
export function setOf(elements: readonly Buffer[]): Buffer {
  return tlv(tag.set, ...[...elements].sort((a, b) => Buffer.compare(a, b)));
}

/** An OCTET STRING. */
export function octetString(value: Uint8Array): Buffer {
  return tlv(tag.octetString, value);
}

/** A BIT STRING with no unused bits. */
export function bitString(value: Uint8Array): Buffer {
  return tlv(tag.bitString, Buffer.from([0]), value);
}

/** A small non-negative INTEGER (versions, lengths). */
export function smallInteger(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0x7fff) {
    throw new RangeError(`smallInteger: ${String(value)} is out of range`);
  }
  return value < 0x80
    ? tlv(tag.integer, Buffer.from([value]))
    : tlv(tag.integer, Buffer.from([value >> 8, value & 0xff]));
}

/** An OBJECT IDENTIFIER from its dotted form, e.g. `1.2.840.113549.1.7.1`. */
export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split('.').map((arc) => Number(arc));
  const [first = 0, second = 0, ...rest] = arcs;
  const bytes: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const groups = [arc & 0x7f];
    for (let high = Math.floor(arc / 128); high > 0; high = Math.floor(high / 128)) {
      groups.unshift((high & 0x7f) | 0x80);
    }
    bytes.push(...groups);
  }
  return tlv(tag.oid, Buffer.from(bytes));
}

/** An AlgorithmIdentifier; `parameters` absent when undefined. */
export function algorithmIdentifier(oid: string, parameters?: Uint8Array): Buffer {
  return parameters === undefined
    ? sequence(objectIdentifier(oid))
    : sequence(objectIdentifier(oid), parameters);
}
