/*
 * The gateway process of one organization: reads its configuration, opens its wallet, API keys
 * and blob store, connects to its organization's peer, and serves the REST API until SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';

import { loadConfig } from './config';
import { orgNamed, peerNamed, readNetworkLayout } from './fabric/network-layout';
import { newGatewayApp } from './gateway-app';
import { newLogger } from './http/logger';

/** How often uploads whose registration got no answer are settled against the ledger. */
const RECONCILE_INTERVAL_MS = 5 * 60 * 1000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = newLogger({ level: config.logLevel });
  const layout = readNetworkLayout(config.networkDir);
  const org = orgNamed(layout, config.org);
  const peer = peerNamed(layout, `peer0.${config.org}`);
  const gateway = newGatewayApp({
    layout,
    peer,
    dataDir: config.dataDir,
    walletPassphrase: config.walletPassphrase,
    maxUploadBytes: config.maxUploadBytes,
    logger,
    ...(config.tls === undefined
      ? {}
      : {
          tls: {
            certPem: readFileSync(config.tls.certFile, 'utf8'),
            keyPem: readFileSync(config.tls.keyFile, 'utf8'),
          },
        }),
  });
  const orphans = await gateway.store.cleanUp(0);
  await gateway.idempotency.expire(24 * 60 * 60 * 1000);
  const reconcile = async (): Promise<void> => {
    const outcome = await gateway.reconcileUploads();
    if (outcome.confirmed + outcome.removed + outcome.undecided > 0) {
      logger.info(outcome, 'pending uploads reconciled with the ledger');
    }
  };
  await reconcile();
  const reconciling = setInterval(() => {
    reconcile().catch((error: unknown) => {
      logger.error({ err: error }, 'reconciling pending uploads failed');
    });
  }, RECONCILE_INTERVAL_MS);
  reconciling.unref();
  const server = gateway.app.listen(config.port, config.host, () => {
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
  gateway.attach(server);
  const servers = [server];
  if (config.tls !== undefined && gateway.httpsOptions !== undefined) {
    const secure = createHttpsServer(gateway.httpsOptions, gateway.app);
    const { port } = config.tls;
    secure.listen(port, config.host, () => {
      logger.info({ url: `https://${config.host}:${String(port)}` }, 'gateway listening (TLS)');
    });
    gateway.attach(secure);
    servers.push(secure);
  }
  const stop = (): void => {
    logger.info('gateway stopping');
    let open = servers.length;
    for (const each of servers) {
      each.close(() => {
        open -= 1;
        if (open === 0) {
          gateway.close();
          process.exit(0);
        }
      });
    }
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
