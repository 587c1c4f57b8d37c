/*
 * Public surface of the crypto module: CMS (RFC 5652) envelopes to several recipients, as
 * AuthEnvelopedData with AES-256-GCM, RSA-OAEP and ECDH (RFC 5753) recipient infos.
 * See docs/crypto.md.
 */

export {
  MAX_CONTENT_LENGTH,
  newCmsEncryptor,
  type CmsEncryptor,
  type CmsEncryptorOptions,
  type CmsEncryptorOutput,
  type CmsRecipient,
} from './cms-encryptor';
export {
  decryptEnvelope,
  newCmsDecryptor,
  type CmsDecryptor,
  type CmsDecryptorOptions,
} from './cms-decryptor';
export { rewrapForRecipients, type RewrapOptions, type RewrappedHeader } from './rewrap';
export { assembleEnvelope } from './assemble-envelope';
export { keyFingerprint, MIN_RSA_BITS, type PublicKeyInput } from './recipient-key';
export type { PrivateKeyInput } from './private-key';
export { CryptoError, cryptoErrorCodes, isCryptoError, type CryptoErrorCode } from './crypto-error';
