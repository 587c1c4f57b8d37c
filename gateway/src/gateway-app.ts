/*
 * One organization's gateway, assembled: from its data directory (wallet, API keys, blob store,
 * envelope index) and its peer, the Express app with every route. The process (main.ts) and the
 * tests build it the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IncomingMessage, Server } from 'node:http';
import type { ServerOptions } from 'node:https';

import type { Express } from 'express';

import { fromLedgerError } from './errors/ledger-error';
import type { PeerTarget } from './fabric/connection';
import { newIdentitySessions, type IdentitySessions } from './fabric/identity-sessions';
import type { NetworkLayout, PeerLayout } from './fabric/network-layout';
import { checkPeersReachable } from './fabric/peer-reachability';
import type { Federation } from './federation/federation';
import { newLocalIdentities } from './federation/local-identities';
import type { GatewayCredentials } from './federation/remote-envelope';
import { readGatewayTrust } from './federation/trust';
import { apiKeyAuthenticator } from './http/api-key-auth';
import { clientCertificateAuthenticator } from './http/client-certificate-auth';
import type { AuthenticatedCaller } from './http/route';
import { attachEventSocket } from './http/event-socket';
import type { Logger } from './http/logger';
import { newGatewayMetrics } from './http/metrics';
import { createServer } from './http/server';
import { newAssetAccessRoutes } from './routes/asset-access.routes';
import { newAssetContentRoutes } from './routes/asset-content.routes';
import { newAssetReadRoutes } from './routes/asset-read.routes';
import { newAssetRotationRoutes } from './routes/asset-rotation.routes';
import { newEventRoutes } from './routes/events.routes';
import { newCrawlRoutes } from './routes/crawl.routes';
import { newFeatureUploadRoutes } from './routes/feature-upload.routes';
import { newSpeechRoutes } from './routes/speech.routes';
import { newIvectorRoutes } from './routes/ivector.routes';
import { newAlignService } from './speech/service/align-service';
import { newFederationRoutes } from './routes/federation.routes';
import { newOfflineSigningRoutes } from './routes/offline-signing.routes';
import { newTrainingRoutes } from './routes/training.routes';
import { newIdentityRoutes } from './routes/identity.routes';
import type { BlobStore } from './store/blob-store';
import { newLocalBlobStore } from './store/local-blob-store';
import { newEnvelopeIndex } from './storage/envelope-index';
import { newIdempotencyKeys, type IdempotencyKeys } from './storage/idempotency-keys';
import {
  newPendingRegistrations,
  reconcilePendingRegistrations,
  type ReconcileOutcome,
} from './storage/pending-registrations';
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
  /**
   * This gateway's TLS certificate and key (PEM): with them it accepts client certificates on its
   * HTTPS listener and fetches envelopes from the other organizations' gateways.
   */
  readonly tls?: GatewayCredentials;
}

/** How long /readyz waits for each peer's TLS handshake. */
const PEER_CHECK_TIMEOUT_MS = 2000;

/** The app and what it holds open. */
export interface GatewayApp {
  readonly app: Express;
  readonly sessions: IdentitySessions;
  readonly store: BlobStore;
  readonly idempotency: IdempotencyKeys;
  /** Options for `https.createServer`, when the gateway has TLS credentials. */
  readonly httpsOptions: ServerOptions | undefined;
  /** Serve the event WebSocket on the server the app listens with. */
  attach(server: Server): void;
  /**
   * Settle uploads stored whose registration never got an answer (a crash, a lost commit
   * status): kept when the ledger holds them, removed otherwise.
   */
  reconcileUploads(): Promise<ReconcileOutcome>;
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
  const idempotency = newIdempotencyKeys({ directory: join(dataDir, 'idempotency-keys') });
  const pending = newPendingRegistrations({ directory: join(dataDir, 'pending-registrations') });
  const sessions = newIdentitySessions({
    wallet,
    peer: peerTargetOf(peer),
    channel: layout.channel,
    chaincode: layout.chaincode,
  });
  const org = layout.orgs.find((candidate) => candidate.mspId === peer.mspId);
  if (org === undefined) {
    throw new Error(`the network layout has no organization of peer ${peer.name}`);
  }
  const orgPeers = layout.peers
    .filter((candidate) => candidate.mspId === org.mspId)
    .map((candidate) => ({ name: candidate.name, ...peerTargetOf(candidate) }));
  const trust = readGatewayTrust(layout, org);
  const byApiKey = apiKeyAuthenticator(registry);
  const byCertificate = clientCertificateAuthenticator(wallet, trust);
  const authenticate = async (req: IncomingMessage): Promise<AuthenticatedCaller | undefined> =>
    (await byApiKey(req)) ?? (await byCertificate(req));
  const federation: Federation | undefined =
    options.tls === undefined
      ? undefined
      : {
          mspId: org.mspId,
          credentials: options.tls,
          peers: new Map(
            layout.orgs
              .filter((other) => other.mspId !== org.mspId)
              .map((other) => [
                other.mspId,
                {
                  url: `https://127.0.0.1:${String(other.gatewayTlsPort)}`,
                  caPem: readFileSync(other.tlsCa, 'utf8'),
                },
              ]),
          ),
        };
  const aligner = newAlignService();
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
      return checkPeersReachable(orgPeers, PEER_CHECK_TIMEOUT_MS);
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
        idempotency,
        pending,
        ...(federation === undefined ? {} : { federation }),
      }),
      ...newAssetRotationRoutes({
        sessions,
        store,
        index,
        maxUploadBytes: options.maxUploadBytes,
      }),
      ...newCrawlRoutes(sessions),
      ...newFeatureUploadRoutes({
        sessions,
        store,
        index,
        idempotency,
        pending,
        maxUploadBytes: options.maxUploadBytes,
      }),
      ...newTrainingRoutes(sessions),
      ...newSpeechRoutes({
        aligner,
        maxAudioBytes: Math.min(options.maxUploadBytes, 256 * 1024 * 1024),
      }),
      ...newIvectorRoutes(sessions),
      ...newOfflineSigningRoutes({
        sessions,
        wallet,
        trust,
        mspId: org.mspId,
        channel: layout.channel,
        chaincode: layout.chaincode,
        authenticateApiKey: byApiKey,
      }),
      ...newFederationRoutes({
        sessions,
        identities: newLocalIdentities(wallet, sessions),
        trust,
        store,
        index,
      }),
      ...newAssetAccessRoutes({
        sessions,
        store,
        index,
        ...(federation === undefined ? {} : { federation }),
      }),
    ],
  });
  return {
    app,
    sessions,
    store,
    idempotency,
    httpsOptions:
      options.tls === undefined
        ? undefined
        : {
            cert: options.tls.certPem,
            key: options.tls.keyPem,
            ca: [...trust.caPems],
            requestCert: true,
            // Connections without a certificate may still authenticate with an API key.
            rejectUnauthorized: false,
          },
    attach: (server) => {
      attachEventSocket(server, { sessions, authenticate });
    },
    reconcileUploads: () =>
      reconcilePendingRegistrations({
        pending,
        index,
        store,
        ledgerCiphertextOf: async ({ label, assetId }) => {
          try {
            return (await (await sessions.ledgerFor(label)).getAsset(assetId)).ciphertextSha256;
          } catch (error) {
            if (fromLedgerError(error).code === 'DEURO_NOT_FOUND') return undefined;
            throw error;
          }
        },
      }),
    close: () => {
      sessions.close();
      void aligner.close();
    },
  };
}

/** How to reach a peer of the layout over TLS. */
function peerTargetOf(peer: PeerLayout): PeerTarget {
  return {
    peerEndpoint: peer.address,
    tlsRootCertPem: readFileSync(peer.tlsCa),
    hostnameOverride: peer.hostname,
  };
}
