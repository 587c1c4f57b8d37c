/*
 * One connection to a Fabric Gateway peer, bound to one channel and chaincode.
 *
 * A connection owns exactly one gRPC client (one HTTP/2 channel to the peer); share the connection
 * rather than creating one per request. Every gRPC call gets a deadline, so a stalled peer turns
 * into a DEADLINE_EXCEEDED GatewayError instead of a hung request.
 */

import { createPrivateKey } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import {
  connect,
  hash,
  signers,
  type Contract,
  type Gateway,
  type Network,
} from '@hyperledger/fabric-gateway';

/**
 * Deadlines, in milliseconds, applied to each kind of Fabric Gateway call.
 */
export const callDeadlinesMs = {
  /** Evaluate (query) a transaction on one peer. */
  evaluate: 10_000,
  /** Collect endorsements for a transaction. */
  endorse: 20_000,
  /** Send an endorsed transaction to the orderer. */
  submit: 10_000,
  /** Wait for a submitted transaction to commit. */
  commitStatus: 60_000,
} as const;

/**
 * Where and as whom to connect.
 */
export interface FabricConnectionOptions {
  /** The Gateway peer, as `host:port`. */
  readonly peerEndpoint: string;
  /** PEM of the CA that issued the peer's TLS certificate. */
  readonly tlsRootCertPem: Buffer | string;
  /** TLS server name to expect when it differs from the endpoint host, e.g. `peer0.org1.example.com`. */
  readonly hostnameOverride?: string;
  /** MSP ID of the client identity. */
  readonly mspId: string;
  /** PEM of the client's X.509 certificate. */
  readonly certPem: Buffer | string;
  /** PEM of the client's private key (P-256, P-384 or Ed25519). */
  readonly privateKeyPem: Buffer | string;
  /** Channel name. */
  readonly channel: string;
  /** Chaincode name on that channel. */
  readonly chaincode: string;
}

/**
 * An open connection. Call {@link FabricConnection.close} when done, typically in `finally`.
 */
export interface FabricConnection {
  /** The gateway, for other networks or chaincode event streams. */
  readonly gateway: Gateway;
  /** The configured channel. */
  readonly network: Network;
  /** The configured chaincode's default contract. */
  readonly contract: Contract;
  /** Close the gateway, then the gRPC client. Safe to call more than once. */
  close(): void;
}

/**
 * Open a connection to a Fabric Gateway peer. The gRPC channel connects lazily, so an unreachable
 * peer surfaces on the first call, not here.
 * @param options - Peer endpoint, TLS trust, client identity and target chaincode.
 * @throws Error when the private key PEM cannot be parsed or is of an unsupported type.
 */
export function newFabricConnection(options: FabricConnectionOptions): FabricConnection {
  const client = newPeerClient(options);
  try {
    return new FabricConnectionImpl(client, newGatewayFor(client, options), options);
  } catch (err) {
    client.close();
    throw err;
  }
}

/** The peer a gRPC client talks to, and how to trust its TLS certificate. */
export type PeerTarget = Pick<
  FabricConnectionOptions,
  'peerEndpoint' | 'tlsRootCertPem' | 'hostnameOverride'
>;

/** The identity a gateway signs as. */
export type SigningIdentity = Pick<FabricConnectionOptions, 'mspId' | 'certPem' | 'privateKeyPem'>;

/**
 * A gateway that signs as one identity over a gRPC client that may be shared by many (one client
 * per peer, as fabric-gateway recommends). Closing the gateway leaves the client open.
 * @throws Error when the private key cannot be parsed.
 */
export function newGatewayFor(client: grpc.Client, identity: SigningIdentity): Gateway {
  return connect({
    client,
    identity: { mspId: identity.mspId, credentials: toBytes(identity.certPem) },
    signer: signers.newPrivateKeySigner(createPrivateKey(identity.privateKeyPem)),
    hash: hash.sha256,
    evaluateOptions: () => withDeadline(callDeadlinesMs.evaluate),
    endorseOptions: () => withDeadline(callDeadlinesMs.endorse),
    submitOptions: () => withDeadline(callDeadlinesMs.submit),
    commitStatusOptions: () => withDeadline(callDeadlinesMs.commitStatus),
  });
}

/**
 * A gateway without a signer: it relays proposals, transactions and commit requests that the
 * identity signed itself (fabric-gateway's offline signing).
 */
export function newOfflineGatewayFor(
  client: grpc.Client,
  identity: { readonly mspId: string; readonly certificatePem: string },
): Gateway {
  return connect({
    client,
    identity: { mspId: identity.mspId, credentials: toBytes(identity.certificatePem) },
    hash: hash.sha256,
    evaluateOptions: () => withDeadline(callDeadlinesMs.evaluate),
    endorseOptions: () => withDeadline(callDeadlinesMs.endorse),
    submitOptions: () => withDeadline(callDeadlinesMs.submit),
    commitStatusOptions: () => withDeadline(callDeadlinesMs.commitStatus),
  });
}

class FabricConnectionImpl implements FabricConnection {
  readonly #client: grpc.Client;
  readonly gateway: Gateway;
  readonly network: Network;
  readonly contract: Contract;

  constructor(
    client: grpc.Client,
    gateway: Gateway,
    target: Pick<FabricConnectionOptions, 'channel' | 'chaincode'>,
  ) {
    this.#client = client;
    this.gateway = gateway;
    this.network = gateway.getNetwork(target.channel);
    this.contract = this.network.getContract(target.chaincode);
  }

  close(): void {
    try {
      this.gateway.close();
    } finally {
      this.#client.close();
    }
  }
}

/** A gRPC client of one peer, over TLS; connects lazily. */
export function newPeerClient(options: PeerTarget): grpc.Client {
  const credentials = grpc.credentials.createSsl(toBytes(options.tlsRootCertPem));
  const channelOptions: grpc.ChannelOptions =
    options.hostnameOverride === undefined
      ? {}
      : { 'grpc.ssl_target_name_override': options.hostnameOverride };
  return new grpc.Client(options.peerEndpoint, credentials, channelOptions);
}

function withDeadline(milliseconds: number): grpc.CallOptions {
  return { deadline: Date.now() + milliseconds };
}

function toBytes(pem: Buffer | string): Buffer {
  return typeof pem === 'string' ? Buffer.from(pem, 'utf8') : pem;
}
