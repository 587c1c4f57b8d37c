/*
 * Identity labels: the names under which a wallet stores identities and API keys point.
 *
 * A label becomes a file name (`<label>.id.json`), so it is restricted to characters that are
 * safe in file names on every platform and cannot form a path: letters, digits, `.`, `_`, `@` and
 * `-`, at most 128, not starting with a dot (so no label is `..` or a hidden file).
 */

import { WalletError } from './wallet-error';

const LABEL = /^[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,127}$/;

/**
 * Check an identity label.
 * @param label - The label to check, such as `User1@org1.example.com`.
 * @returns The label, unchanged.
 * @throws WalletError DEURO_WALLET_INVALID_ARGUMENT when the label does not match
 * `^[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,127}$`.
 */
export function validateLabel(label: string): string {
  if (typeof label !== 'string' || !LABEL.test(label)) {
    throw new WalletError(
      'DEURO_WALLET_INVALID_ARGUMENT',
      'label must be 1 to 128 of A-Z a-z 0-9 . _ @ -, not starting with a dot',
    );
  }
  return label;
}
