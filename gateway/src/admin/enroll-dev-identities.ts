/*
 * Enrolls a development network's identities into an organization's gateway: imports the
 * cryptogen users (User1, User2, Admin) of the organization into the gateway wallet and issues
 * one API key each, written to `<data dir>/dev-api-keys.json` (mode 0600) for the people trying
 * it out. Idempotent: what exists is kept. A production install enrolls its own identities
 * through its CA and hands API keys out by its own means (docs/gateway.md).
 *
 *   node gateway/dist/admin/enroll-dev-identities.js      (configured like the gateway)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadConfig } from '../config';
import { orgNamed, readNetworkLayout } from '../fabric/network-layout';
import { newApiKeyRegistry } from '../wallet/api-key-registry';
import { newFileWallet } from '../wallet/file-wallet';

async function main(): Promise<void> {
  const config = loadConfig();
  const org = orgNamed(readNetworkLayout(config.networkDir), config.org);
  const wallet = newFileWallet({
    directory: join(config.dataDir, 'wallet'),
    passphrase: config.walletPassphrase,
  });
  const registry = newApiKeyRegistry({ file: join(config.dataDir, 'api-keys.json') });
  const keysFile = join(config.dataDir, 'dev-api-keys.json');
  const keys = existsSync(keysFile)
    ? (JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>)
    : {};
  const domain = `${config.org}.deuro.local`;
  const identities: [string, string][] = [
    [`User1@${domain}`, org.userMsps[0]],
    [`User2@${domain}`, org.userMsps[1]],
    [`Admin@${domain}`, org.adminMsp],
  ];
  const existing = new Set(await wallet.list());
  for (const [label, msp] of identities) {
    if (!existing.has(label)) {
      await wallet.importFromMsp(msp, org.mspId, label);
      process.stdout.write(`enrolled ${label} into the ${config.org} gateway wallet\n`);
    }
    if (keys[label] === undefined) {
      keys[label] = await registry.issue(label);
    }
  }
  writeFileSync(keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
}

main().catch((error: unknown) => {
  process.stderr.write(`deuro enroll: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
