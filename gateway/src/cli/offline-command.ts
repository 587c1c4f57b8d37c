/*
 * `deuro tx`: a ledger transaction signed here, with a Fabric signing key that never leaves this
 * machine (the gateway's offline-signing flow: prepare, sign the digest, endorse, sign, submit,
 * sign, commit status). The gateway only relays what was signed.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { signers } from '@hyperledger/fabric-gateway';
import type { Command } from 'commander';

import { CliError, exitCodes } from './cli-error';
import type { GatewayClient } from './gateway-client';
import { client, globals, print } from './program';

type Signer = (digest: Uint8Array) => Promise<Uint8Array>;

interface Signable {
  readonly digest: string;
}

/** Sign what the last step returned (`bytes`, by its digest) and send it to the next step. */
async function signStep<T>(
  gateway: GatewayClient,
  sign: Signer,
  path: string,
  field: string,
  previous: { readonly digest: string; readonly bytes: string },
): Promise<T> {
  const signature = await sign(Buffer.from(previous.digest, 'base64'));
  return gateway.json<T>('POST', path, {
    [field]: previous.bytes,
    signature: Buffer.from(signature).toString('base64'),
  });
}

function signerFrom(file: string): Signer {
  try {
    return signers.newPrivateKeySigner(createPrivateKey(readFileSync(file)));
  } catch (error) {
    throw new CliError(
      `cannot use ${file} as a signing key: ${error instanceof Error ? error.message : String(error)}`,
      exitCodes.usage,
    );
  }
}

/** Add tx to the program. */
export function registerOfflineCommand(program: Command): void {
  program
    .command('tx')
    .description(
      'submit a ledger transaction signed here with your Fabric key (offline signing: the gateway never holds the key)',
    )
    .argument('<transaction>', 'the transaction function, such as RegisterEncryptionKey')
    .argument('[args...]', 'its arguments')
    .requiredOption('--signing-key <file>', 'your Fabric private key (PEM)')
    .option('--contract <name>', 'the contract (default: the default contract)', '')
    .action(
      async (
        transaction: string,
        args: string[],
        command: { signingKey: string; contract: string },
      ) => {
        const options = globals();
        const gateway = client(options);
        const sign = signerFrom(command.signingKey);
        const prepared = await gateway.json<Signable & { proposal: string }>(
          'POST',
          '/v1/offline/prepare',
          { contract: command.contract, transaction, arguments: args },
        );
        const endorsed = await signStep<Signable & { transaction: string; result: string }>(
          gateway,
          sign,
          '/v1/offline/endorse',
          'proposal',
          { digest: prepared.digest, bytes: prepared.proposal },
        );
        const submitted = await signStep<Signable & { commit: string }>(
          gateway,
          sign,
          '/v1/offline/submit',
          'transaction',
          { digest: endorsed.digest, bytes: endorsed.transaction },
        );
        const status = await signStep<{
          transactionId: string;
          blockNumber: string;
          successful: boolean;
          code: number;
        }>(gateway, sign, '/v1/offline/commit-status', 'commit', {
          digest: submitted.digest,
          bytes: submitted.commit,
        });
        if (!status.successful) {
          throw new CliError(
            `transaction ${status.transactionId} did not commit (validation code ${String(status.code)})`,
            exitCodes.refused,
          );
        }
        const result = Buffer.from(endorsed.result, 'base64').toString('utf8');
        print(
          options,
          { ...status, result },
          `${transaction} committed in block ${status.blockNumber} (transaction ${status.transactionId})\n${result}`,
        );
      },
    );
}
