/*
 * One organization's gateway, assembled: from its data directory (wallet, API keys, blob store,
 * envelope index) and its peer, the Express app with every route. The process (main.ts) and the
 * tests build it the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Server } from 'node:http';

import type { Express } from 'express';

import { newIdentitySessions, type IdentitySessions } from './fabric/identity-sessions';
import type { NetworkLayout, PeerLayout } from './fabric/network-layout';
import { apiKeyAuthenticator } from './http/api-key-auth';
import { attachEventSocket } from './http/event-socket';
import type { Logger } from './http/logger';
import { newGatewayMetrics } from './http/metrics';
import { createServer } from './http/server';
import { newAssetAccessRoutes } from './routes/asset-access.routes';
import { newAssetContentRoutes } from './routes/asset-content.routes';
import { newAssetReadRoutes } from './routes/asset-read.routes';
import { newEventRoutes } from './routes/events.routes';
import { newIdentityRoutes } from './routes/identity.routes';
import type { BlobStore } from './store/blob-store';
import { newLocalBlobStore } from './store/local-blob-store';
import { newEnvelopeIndex } from './storage/envelope-index';
import { newApiKeyRegistry } from './wallet/api-key-registry';
import { newFileWallet } from './wallet/file-wallet';

/** Options of {@link newGatewayApp}. */
export interface GatewayAppOptions {
  readonly layout: NetworkLayout;
  /** The organization's peer the gateway talks to. */
  readonly peer: PeerLayout;
  readonly dataDir: string;
  readonly walletPassphrase: string;
  readonly maxUploadBytes: number;
  readonly logger: Logger;
}

/** The app and what it holds open. */
export interface GatewayApp {
  readonly app: Express;
  readonly sessions: IdentitySessions;
  readonly store: BlobStore;
  /** Serve the event WebSocket on the server the app listens with. */
  attach(server: Server): void;
  /** Close the peer connections. */
  close(): void;
}

/** Assemble a gateway. */
export function newGatewayApp(options: GatewayAppOptions): GatewayApp {
  const { layout, peer, dataDir } = options;
  const wallet = newFileWallet({
    directory: join(dataDir, 'wallet'),
    passphrase: options.walletPassphrase,
  });
  const registry = newApiKeyRegistry({ file: join(dataDir, 'api-keys.json') });
  const store = newLocalBlobStore({ directory: join(dataDir, 'blobs') });
  const index = newEnvelopeIndex({ directory: join(dataDir, 'envelopes') });
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
  const authenticate = apiKeyAuthenticator(registry);
  const app = createServer({
    logger: options.logger,
    metrics: newGatewayMetrics(),
    version: '0.1.0',
    checkReady: async () => {
      const [label] = await wallet.list();
      if (label === undefined) {
        throw new Error('the wallet has no identity to check the ledger with');
      }
      await (await sessions.ledgerFor(label)).whoAmI();
    },
    authenticate,
    routes: [
      ...newEventRoutes(sessions),
      ...newIdentityRoutes(sessions),
      ...newAssetReadRoutes(sessions),
      ...newAssetContentRoutes({
        sessions,
        store,
        index,
        maxUploadBytes: options.maxUploadBytes,
      }),
      ...newAssetAccessRoutes({ sessions, store, index }),
    ],
  });
  return {
    app,
    sessions,
    store,
    attach: (server) => {
      attachEventSocket(server, { sessions, authenticate });
    },
    close: () => {
      sessions.close();
    },
  };
}
