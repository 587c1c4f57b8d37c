import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCryptoError } from './crypto-error';
import { childrenOf, decodeObjectIdentifier, decodeTlv, parseTlvHeader } from './der-decode';
import { encodeLength, objectIdentifier, octetString, sequence, tlv } from './der-encode';
import { OID_AES256_GCM, OID_AUTH_ENVELOPED_DATA, OID_ECDH_STD_SHA256_KDF } from './oids';

describe('DER encoding and decoding', () => {
  it('round-trips object identifiers, matching their known encodings', () => {
    assert.equal(objectIdentifier(OID_AES256_GCM).toString('hex'), '060960864801650304012e');
    for (const oid of [OID_AES256_GCM, OID_AUTH_ENVELOPED_DATA, OID_ECDH_STD_SHA256_KDF]) {
      assert.equal(decodeObjectIdentifier(decodeTlv(objectIdentifier(oid), 0, 'oid'), 'oid'), oid);
    }
  });

  it('encodes short and long lengths', () => {
    assert.equal(encodeLength(0x7f).toString('hex'), '7f');
    assert.equal(encodeLength(0x80).toString('hex'), '8180');
    assert.equal(encodeLength(0x010000).toString('hex'), '83010000');
    assert.deepEqual(parseTlvHeader(tlv(0x04, Buffer.alloc(300)), 0), {
      identifier: 0x04,
      constructed: false,
      length: 300,
      headerLength: 4,
    });
  });

  it('decodes indefinite-length values and their children', () => {
    const inner = [octetString(Buffer.from('a')), octetString(Buffer.from('bc'))];
    const indefinite = Buffer.concat([Buffer.from([0x30, 0x80]), ...inner, Buffer.from([0, 0])]);

    const value = decodeTlv(indefinite, 0, 'value');

    assert.equal(value.encoded.length, indefinite.length);
    assert.deepEqual(
      childrenOf(value, 'value').map((child) => child.content.toString()),
      ['a', 'bc'],
    );
    assert.deepEqual(childrenOf(decodeTlv(sequence(...inner), 0, 'v'), 'v').length, 2);
  });

  it('reports truncation as DEURO_CRYPTO_MALFORMED', () => {
    assert.throws(
      () => decodeTlv(tlv(0x04, Buffer.alloc(10)).subarray(0, 5), 0, 'value'),
      (error: unknown) => isCryptoError(error, 'DEURO_CRYPTO_MALFORMED'),
    );
  });
});
