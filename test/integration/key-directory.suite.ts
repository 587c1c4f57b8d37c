import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  envelopeFor,
  errorText,
  json,
  newLedgerActor,
  registerEncryptionKey,
  registerRequest,
  rejectsWithCode,
  type LedgerActor,
} from '../harness/ledger-actor';
import { newSelfSignedEcCertificate } from '../../gateway/src/testing/self-signed-certificate';
import { orgNamed, type NetworkLayout } from '@deuro/gateway';
import type { TestNetwork } from '../harness/test-network';

interface KeyJson {
  fingerprint: string;
  identityId: string;
  status: string;
  algorithm: string;
}

function rsaPublicKey(bits: number): string {
  return generateKeyPairSync('rsa', { modulusLength: bits })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
}

function signingCertificate(layout: NetworkLayout, org: string): string {
  const signcerts = path.join(orgNamed(layout, org).userMsps[0], 'signcerts');
  return readFileSync(path.join(signcerts, readdirSync(signcerts)[0] ?? ''), 'utf8');
}

/** The key directory: formats and sizes, rotation, retirement and lookups. */
export function keyDirectorySuite(network: () => TestNetwork): void {
  void describe('ledger: key directory', () => {
    let user: LedgerActor;
    let org1Admin: LedgerActor;
    let org2Admin: LedgerActor;

    before(async () => {
      user = await newLedgerActor(network(), 'peer0.org1', 'User1');
      org1Admin = await newLedgerActor(network(), 'peer0.org1', 'Admin', false);
      org2Admin = await newLedgerActor(network(), 'peer0.org2', 'Admin', false);
    });
    after(() => {
      for (const actor of [user, org1Admin, org2Admin]) {
        actor.close();
      }
    });

    it('accepts RSA-3072 SPKI and EC P-256 in an X.509 certificate, fingerprinted by SPKI SHA-256', async () => {
      const rsa = json<KeyJson>(
        await user.keys.submitTransaction('RegisterEncryptionKey', rsaPublicKey(3072)),
      );
      assert.equal(rsa.algorithm, 'RSA-3072');
      const ec = json<KeyJson>(
        await user.keys.submitTransaction(
          'RegisterEncryptionKey',
          newSelfSignedEcCertificate('deuro-encryption-key').certPem,
        ),
      );
      assert.equal(ec.algorithm, 'EC-P256');
      assert.match(ec.fingerprint, /^[0-9a-f]{64}$/);
      assert.equal(
        json<KeyJson>(await user.keys.evaluateTransaction('GetKeyByFingerprint', rsa.fingerprint))
          .status,
        'retired',
      );
    });

    it('refuses small RSA, private keys (without echoing them) and the Fabric signing key', async () => {
      await rejectsWithCode(
        user.keys.submitTransaction('RegisterEncryptionKey', rsaPublicKey(2048)),
        'DEURO_INVALID_ARGUMENT',
      );
      const privateKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      await assert.rejects(
        user.keys.submitTransaction('RegisterEncryptionKey', privateKey),
        (error: unknown) => {
          const text = errorText(error);
          assert.ok(
            text.includes('DEURO_INVALID_ARGUMENT: publicKeyPem holds a private key'),
            text,
          );
          assert.ok(
            !text.includes(privateKey.split('\n')[1] ?? 'never'),
            'the error echoes the private key',
          );
          return true;
        },
      );
      await rejectsWithCode(
        user.keys.submitTransaction(
          'RegisterEncryptionKey',
          signingCertificate(network().layout, 'org1'),
        ),
        'DEURO_INVALID_ARGUMENT',
      );
      await rejectsWithCode(
        user.keys.submitTransaction('RegisterEncryptionKey', 'not a key'),
        'DEURO_INVALID_ARGUMENT',
      );
    });

    it('rotates: the old key is retired, kept in history, and no longer accepted in envelopes', async () => {
      const old = await registerEncryptionKey(user);
      const current = await registerEncryptionKey(user);
      assert.equal(
        json<KeyJson>(await user.keys.evaluateTransaction('GetEncryptionKey', user.identityId))
          .fingerprint,
        current,
      );
      assert.equal(
        json<KeyJson>(await org2Admin.keys.evaluateTransaction('GetKeyByFingerprint', old)).status,
        'retired',
      );
      const history = json<KeyJson[]>(
        await user.keys.evaluateTransaction('ListIdentityKeys', user.identityId),
      );
      assert.deepEqual(
        history.slice(-2).map((key) => key.fingerprint),
        [old, current],
      );
      await rejectsWithCode(
        user.assets.submitTransaction(
          'RegisterAsset',
          JSON.stringify({
            ...JSON.parse(registerRequest(user, `key-${randomUUID()}`, 'image')),
            ...envelopeFor(old),
          }),
        ),
        'DEURO_KEY_UNAVAILABLE',
      );
    });

    it("lets the organization's admin retire a member's key, and no other organization's admin", async () => {
      await rejectsWithCode(
        org2Admin.keys.submitTransaction('RetireEncryptionKey', user.fingerprint),
        'DEURO_ACCESS_DENIED',
      );
      const retired = json<KeyJson>(
        await org1Admin.keys.submitTransaction('RetireEncryptionKey', user.fingerprint),
      );
      assert.equal(retired.status, 'retired');
      await rejectsWithCode(
        user.keys.evaluateTransaction('GetEncryptionKey', user.identityId),
        'DEURO_KEY_UNAVAILABLE',
      );
      await rejectsWithCode(
        user.keys.submitTransaction('RetireEncryptionKey', user.fingerprint),
        'DEURO_INVALID_TRANSITION',
      );
      await registerEncryptionKey(user);
    });
  });
}
