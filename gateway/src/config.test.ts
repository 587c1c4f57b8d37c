import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { ConfigError, configKeys, loadConfig } from './config';

const required = { DEURO_GATEWAY_ORG: 'org1', DEURO_WALLET_PASSPHRASE: 'correct horse' };

describe('loadConfig', () => {
  it('fills defaults', () => {
    const config = loadConfig(required);
    assert.equal(config.port, 8080);
    assert.equal(config.dataDir, '.deuro/network/gateway-org1');
    assert.equal(config.maxUploadBytes, 4 * 1024 ** 3);
  });

  it('names the key that is missing or wrong', () => {
    assert.throws(
      () => loadConfig({ DEURO_GATEWAY_ORG: 'org1' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^DEURO_WALLET_PASSPHRASE is required/);
        return true;
      },
    );
    assert.throws(
      () => loadConfig({ ...required, DEURO_GATEWAY_PORT: '70000' }),
      /DEURO_GATEWAY_PORT must be a whole number from 1 to 65535/,
    );
    assert.throws(
      () => loadConfig({ ...required, DEURO_GATEWAY_ORG: 'acme' }),
      /DEURO_GATEWAY_ORG must be/,
    );
  });

  it('reads the passphrase from a file and checks the TLS listener keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deuro-config-'));
    const file = join(dir, 'passphrase');
    writeFileSync(file, 'from a file\n');
    const config = loadConfig({ DEURO_GATEWAY_ORG: 'org1', DEURO_WALLET_PASSPHRASE_FILE: file });
    assert.equal(config.walletPassphrase, 'from a file');
    assert.equal(config.tls, undefined);
    assert.throws(
      () => loadConfig({ ...required, DEURO_GATEWAY_TLS_PORT: '8443' }),
      /DEURO_GATEWAY_TLS_CERT and DEURO_GATEWAY_TLS_KEY are required/,
    );
    assert.deepEqual(
      loadConfig({
        ...required,
        DEURO_GATEWAY_TLS_PORT: '8443',
        DEURO_GATEWAY_TLS_CERT: 'c.pem',
        DEURO_GATEWAY_TLS_KEY: 'k.pem',
      }).tls,
      { port: 8443, certFile: 'c.pem', keyFile: 'k.pem' },
    );
  });

  it('never puts the passphrase in an error message', () => {
    assert.throws(
      () => loadConfig({ ...required, DEURO_LOG_LEVEL: 'loud' }),
      (error: unknown) => {
        assert.ok(error instanceof Error && !error.message.includes('correct horse'));
        return true;
      },
    );
  });

  it('is documented key for key in docs/gateway.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'gateway.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `(DEURO_[A-Z_]+)` \|/gm)].map((match) => match[1]);
    assert.deepEqual(documented.sort(), configKeys.map((key) => key.name).sort());
  });
});
