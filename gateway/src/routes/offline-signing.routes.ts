/*
 * Offline signing: a client that keeps its Fabric signing key to itself prepares a transaction
 * here, signs each digest where its key is, and sends the signatures back; the gateway relays
 * them to the peers and the orderers and never holds the key. Four steps, as fabric-gateway's
 * offline flow: prepare (the proposal and its digest), endorse (the signed proposal; the
 * transaction to sign comes back), submit (the signed transaction; the commit request to sign
 * comes back), and commit status (the signed request; whether it committed).
 *
 * Who: an API key's wallet identity (its certificate), or, on the HTTPS listener, the member
 * certificate the client presented, which need not be in the wallet at all.
 */
import type { IncomingMessage } from 'node:http';

import type { Gateway } from '@hyperledger/fabric-gateway';

import { ApiError } from '../errors/api-error';
import { fromLedgerError } from '../errors/ledger-error';
import type { IdentitySessions } from '../fabric/identity-sessions';
import type { GatewayTrust } from '../federation/trust';
import { verifiedClientCertificate } from '../http/client-certificate';
import { defineRoute, type AuthenticatedCaller, type Route } from '../http/route';
import type { Wallet } from '../wallet/file-wallet';
import { objectSchema } from './route-schemas';

/** What the offline-signing routes need. */
export interface OfflineSigningDependencies {
  readonly sessions: IdentitySessions;
  readonly wallet: Wallet;
  readonly trust: GatewayTrust;
  readonly mspId: string;
  readonly channel: string;
  readonly chaincode: string;
  /** The API-key authenticator (the certificate path is checked here). */
  readonly authenticateApiKey: (req: IncomingMessage) => Promise<AuthenticatedCaller | undefined>;
}

const BASE64 = { type: 'string', contentEncoding: 'base64', maxLength: 4 * 1024 * 1024 };
const SIGNATURE = { type: 'string', contentEncoding: 'base64', maxLength: 512 };

const prepareSchema = {
  type: 'object',
  required: ['transaction'],
  additionalProperties: false,
  properties: {
    contract: {
      type: 'string',
      pattern: '^[A-Za-z]{0,32}$',
      description: 'Contract name (default: the default contract)',
    },
    transaction: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]{0,63}$' },
    arguments: { type: 'array', maxItems: 32, items: { type: 'string', maxLength: 262144 } },
    transient: {
      type: 'object',
      maxProperties: 16,
      additionalProperties: BASE64,
      description: 'Transient data: name to base64 value',
    },
  },
};
const signedSchema = (field: string): Record<string, unknown> => ({
  type: 'object',
  required: [field, 'signature'],
  additionalProperties: false,
  properties: { [field]: BASE64, signature: SIGNATURE },
});

const bytes = (value: Uint8Array): string => Buffer.from(value).toString('base64');
const unbase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** The offline-signing routes. */
export function newOfflineSigningRoutes(deps: OfflineSigningDependencies): Route[] {
  const identityOf = async (
    req: IncomingMessage,
  ): Promise<{ mspId: string; certificatePem: string }> => {
    const caller = await deps.authenticateApiKey(req);
    if (caller !== undefined) {
      return deps.wallet.publicIdentity(caller.label);
    }
    const certificate = verifiedClientCertificate(req);
    if (certificate !== undefined && deps.trust.classify(certificate)?.kind === 'member') {
      return { mspId: deps.mspId, certificatePem: certificate.toString() };
    }
    throw new ApiError(
      'DEURO_UNAUTHENTICATED',
      'present an API key, or your certificate on the HTTPS listener',
    );
  };
  const withGateway = async <T>(
    req: IncomingMessage,
    use: (gateway: Gateway) => Promise<T>,
  ): Promise<T> => {
    const gateway = deps.sessions.offlineGatewayFor(await identityOf(req));
    try {
      return await use(gateway);
    } catch (error) {
      throw fromLedgerError(error);
    } finally {
      gateway.close();
    }
  };
  const step = (
    path: string,
    operationId: string,
    summary: string,
    schema: Record<string, unknown>,
    handle: (gateway: Gateway, body: Record<string, unknown>) => Promise<unknown>,
  ): Route =>
    defineRoute(
      {
        method: 'post',
        path,
        operationId,
        summary,
        tags: ['offline signing'],
        authenticated: false,
        requestBody: { contentType: 'application/json', schema },
        responses: {
          '200': { description: 'The next thing to sign, or the outcome', schema: objectSchema },
        },
      },
      async (req, res) => {
        res.json(
          await withGateway(req, (gateway) => handle(gateway, req.body as Record<string, unknown>)),
        );
      },
    );

  return [
    step(
      '/v1/offline/prepare',
      'offlinePrepare',
      'Prepare a transaction proposal as you: sign the returned digest with your Fabric key',
      prepareSchema,
      (gateway, body) => {
        const contract = gateway
          .getNetwork(deps.channel)
          .getContract(
            deps.chaincode,
            typeof body.contract === 'string' && body.contract !== '' ? body.contract : undefined,
          );
        const transient = Object.fromEntries(
          Object.entries((body.transient ?? {}) as Record<string, string>).map(([name, value]) => [
            name,
            unbase64(value),
          ]),
        );
        const proposal = contract.newProposal(String(body.transaction), {
          arguments: (body.arguments ?? []) as string[],
          transientData: transient,
        });
        return Promise.resolve({
          transactionId: proposal.getTransactionId(),
          proposal: bytes(proposal.getBytes()),
          digest: bytes(proposal.getDigest()),
        });
      },
    ),
    step(
      '/v1/offline/endorse',
      'offlineEndorse',
      'Endorse your signed proposal: sign the returned transaction digest',
      signedSchema('proposal'),
      async (gateway, body) => {
        const proposal = gateway.newSignedProposal(
          unbase64(String(body.proposal)),
          unbase64(String(body.signature)),
        );
        const transaction = await proposal.endorse();
        return {
          transactionId: transaction.getTransactionId(),
          result: bytes(transaction.getResult()),
          transaction: bytes(transaction.getBytes()),
          digest: bytes(transaction.getDigest()),
        };
      },
    ),
    step(
      '/v1/offline/submit',
      'offlineSubmit',
      'Submit your signed transaction to the orderers: sign the returned commit digest to ask for its status',
      signedSchema('transaction'),
      async (gateway, body) => {
        const transaction = gateway.newSignedTransaction(
          unbase64(String(body.transaction)),
          unbase64(String(body.signature)),
        );
        const commit = await transaction.submit();
        return {
          transactionId: commit.getTransactionId(),
          commit: bytes(commit.getBytes()),
          digest: bytes(commit.getDigest()),
        };
      },
    ),
    step(
      '/v1/offline/commit-status',
      'offlineCommitStatus',
      'Wait for your submitted transaction to commit, with your signed status request',
      signedSchema('commit'),
      async (gateway, body) => {
        const commit = gateway.newSignedCommit(
          unbase64(String(body.commit)),
          unbase64(String(body.signature)),
        );
        const status = await commit.getStatus();
        return {
          transactionId: status.transactionId,
          blockNumber: status.blockNumber.toString(),
          successful: status.successful,
          code: status.code,
        };
      },
    ),
  ];
}
