/*
 * The gateway process of one organization: reads its configuration, opens its wallet, API keys
 * and blob store, connects to its organization's peer, and serves the REST API until SIGTERM.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

import { loadConfig } from './config';
import { newIdentitySessions } from './fabric/identity-sessions';
import { orgNamed, peerNamed, readNetworkLayout } from './fabric/network-layout';
import { apiKeyAuthenticator } from './http/api-key-auth';
import { newLogger } from './http/logger';
import { newGatewayMetrics } from './http/metrics';
import { createServer } from './http/server';
import { newAssetContentRoutes } from './routes/asset-content.routes';
import { newAssetReadRoutes } from './routes/asset-read.routes';
import { newEnvelopeIndex } from './storage/envelope-index';
import { newIdentityRoutes } from './routes/identity.routes';
import { newLocalBlobStore } from './store/local-blob-store';
import { newApiKeyRegistry } from './wallet/api-key-registry';
import { newFileWallet } from './wallet/file-wallet';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = newLogger({ level: config.logLevel });
  const layout = readNetworkLayout(config.networkDir);
  const org = orgNamed(layout, config.org);
  const peer = peerNamed(layout, `peer0.${config.org}`);
  const wallet = newFileWallet({
    directory: join(config.dataDir, 'wallet'),
    passphrase: config.walletPassphrase,
  });
  const registry = newApiKeyRegistry({ file: join(config.dataDir, 'api-keys.json') });
  const store = newLocalBlobStore({ directory: join(config.dataDir, 'blobs') });
  const orphans = await store.cleanUp(0);
  const sessions = newIdentitySessions({
    wallet,
    peer: {
      peerEndpoint: peer.address,
      tlsRootCertPem: readFileSync(peer.tlsCa),
      hostnameOverride: peer.hostname,
    },
    channel: layout.channel,
    chaincode: layout.chaincode,
  });
  const app = createServer({
    logger,
    metrics: newGatewayMetrics(),
    version: '0.1.0',
    checkReady: async () => {
      const [label] = await wallet.list();
      if (label === undefined) {
        throw new Error('the wallet has no identity to check the ledger with');
      }
      await (await sessions.ledgerFor(label)).whoAmI();
    },
    authenticate: apiKeyAuthenticator(registry),
    routes: [
      ...newIdentityRoutes(sessions),
      ...newAssetReadRoutes(sessions),
      ...newAssetContentRoutes({
        sessions,
        store,
        index: newEnvelopeIndex({ directory: join(config.dataDir, 'envelopes') }),
        maxUploadBytes: config.maxUploadBytes,
      }),
    ],
  });
  const server = app.listen(config.port, config.host, () => {
    logger.info(
      {
        url: `http://${config.host}:${String(config.port)}`,
        org: org.mspId,
        peer: peer.name,
        orphansRemoved: orphans,
      },
      'gateway listening',
    );
  });
  const stop = (): void => {
    logger.info('gateway stopping');
    server.close(() => {
      sessions.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `deuro gateway: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
