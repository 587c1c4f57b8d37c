/*
 * Object identifiers of the Deuro envelope, in dotted form, with the document that defines each.
 */

/** id-data (RFC 5652). */
export const OID_DATA = '1.2.840.113549.1.7.1';
/** id-ct-authEnvelopedData (RFC 5083). */
export const OID_AUTH_ENVELOPED_DATA = '1.2.840.113549.1.9.16.1.23';
/** id-envelopedData (RFC 5652): recognised only to name it in errors. */
export const OID_ENVELOPED_DATA = '1.2.840.113549.1.7.3';
/** id-aes256-GCM (RFC 5084). */
export const OID_AES256_GCM = '2.16.840.1.101.3.4.1.46';
/** id-aes256-wrap (RFC 3394, RFC 3565). */
export const OID_AES256_WRAP = '2.16.840.1.101.3.4.1.45';
/** id-RSAES-OAEP (RFC 8017, RFC 4055). */
export const OID_RSAES_OAEP = '1.2.840.113549.1.1.7';
/** id-mgf1 (RFC 8017). */
export const OID_MGF1 = '1.2.840.113549.1.1.8';
/** id-sha256 (RFC 4055). */
export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
/** id-ecPublicKey (RFC 5480). */
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** secp256r1 / prime256v1 (RFC 5480). */
export const OID_P256 = '1.2.840.10045.3.1.7';
/** dhSinglePass-stdDH-sha256kdf-scheme (RFC 5753). */
export const OID_ECDH_STD_SHA256_KDF = '1.3.132.1.11.1';
