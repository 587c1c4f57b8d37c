/*
 * The chaincode's own version, as published in chaincode/package.json.
 *
 * It is read at load time, relative to this file: `src/system/` under tsx and `dist/system/`
 * once built both sit two levels below the package root, so one path serves both.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The `version` field of chaincode/package.json.
 */
export const chaincodeVersion: string = readPackageVersion(
  join(__dirname, '..', '..', 'package.json'),
);

function readPackageVersion(packageJsonPath: string): string {
  const manifest: unknown = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest) {
    const { version } = manifest;
    if (typeof version === 'string') {
      return version;
    }
  }
  throw new Error(`${packageJsonPath} has no string "version" field`);
}
