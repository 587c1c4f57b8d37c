import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { newFabricConnection, type FabricConnectionOptions } from './connection';

/** A self-signed P-256 certificate and key from openssl, the reference tool. */
function newSelfSignedIdentity(dir: string): { certPem: Buffer; privateKeyPem: Buffer } {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-subj',
      '/CN=peer0.org1.example.com',
      '-days',
      '1',
    ],
    { stdio: 'ignore' },
  );
  return { certPem: readFileSync(certPath), privateKeyPem: readFileSync(keyPath) };
}

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  assert.ok(address !== null && typeof address === 'object');
  return address.port;
}

describe('newFabricConnection', () => {
  let dir = '';
  let options: FabricConnectionOptions | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deuro-connection-'));
    const { certPem, privateKeyPem } = newSelfSignedIdentity(dir);
    options = {
      peerEndpoint: `127.0.0.1:${String(await closedPort())}`,
      tlsRootCertPem: certPem,
      hostnameOverride: 'peer0.org1.example.com',
      mspId: 'Org1MSP',
      certPem: certPem.toString(),
      privateKeyPem,
      channel: 'deuro',
      chaincode: 'deuro',
    };
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function connectionOptions(): FabricConnectionOptions {
    assert.ok(options);
    return options;
  }

  it('binds the contract to the configured channel and chaincode', () => {
    const connection = newFabricConnection(connectionOptions());
    try {
      assert.equal(connection.network.getName(), 'deuro');
      assert.equal(connection.contract.getChaincodeName(), 'deuro');
      assert.equal(connection.contract.getContractName(), undefined);
    } finally {
      connection.close();
    }
  });

  it('surfaces an unreachable peer as a GatewayError on the first call', async () => {
    const connection = newFabricConnection(connectionOptions());
    try {
      await assert.rejects(
        connection.contract.evaluateTransaction('system:Version'),
        (err: unknown) => {
          assert.ok(err instanceof GatewayError, String(err));
          assert.equal(err.code, GrpcStatus.UNAVAILABLE);
          return true;
        },
      );
    } finally {
      connection.close();
    }
  });

  it('can be closed more than once', () => {
    const connection = newFabricConnection(connectionOptions());
    connection.close();
    connection.close();
  });

  it('rejects a private key that is not PEM', () => {
    assert.throws(() =>
      newFabricConnection({ ...connectionOptions(), privateKeyPem: 'not a key' }),
    );
  });
});
