/*
 * The value record stored by SystemContract.PutValue, and validation of its inputs.
 */

import { invalidArgument } from '../ledger/errors';

/** Longest accepted key, in characters. */
export const MAX_KEY_LENGTH = 128;
/** Longest accepted value, in characters. */
export const MAX_VALUE_LENGTH = 4096;

const KEY_PATTERN = new RegExp(`^[A-Za-z0-9._:-]{1,${String(MAX_KEY_LENGTH)}}$`);

/**
 * A value as stored on the ledger, in canonical JSON.
 */
export type ValueRecord = {
  /** The caller's key. */
  readonly key: string;
  /** The caller's value. */
  readonly value: string;
  /** The transaction that wrote it. */
  readonly txId: string;
  /** The transaction timestamp, ISO 8601 in UTC. */
  readonly timestamp: string;
  /** The MSP ID of the submitting client. */
  readonly writer: string;
};

/**
 * Check a value key.
 * @returns The key, unchanged.
 * @throws {@link DeuroError} `DEURO_INVALID_ARGUMENT` unless the key is 1-128 characters of
 * `A-Z a-z 0-9 . _ : -`.
 */
export function validateKey(key: string): string {
  if (!KEY_PATTERN.test(key)) {
    throw invalidArgument(
      `key must be 1-${String(MAX_KEY_LENGTH)} characters of A-Z a-z 0-9 . _ : -`,
    );
  }
  return key;
}

/**
 * Check a value.
 * @returns The value, unchanged.
 * @throws {@link DeuroError} `DEURO_INVALID_ARGUMENT` when the value is longer than 4096
 * characters.
 */
export function validateValue(value: string): string {
  if (value.length > MAX_VALUE_LENGTH) {
    throw invalidArgument(`value must be at most ${String(MAX_VALUE_LENGTH)} characters`);
  }
  return value;
}
