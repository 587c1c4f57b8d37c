import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { before, describe, it } from 'node:test';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { newSelfSignedEcCertificate } from '../testing/self-signed-certificate';
import { newFabricConnection, type FabricConnectionOptions } from './connection';

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
  let options: FabricConnectionOptions | undefined;

  before(async () => {
    const { certPem, privateKeyPem } = newSelfSignedEcCertificate('peer0.org1.example.com');
    options = {
      peerEndpoint: `127.0.0.1:${String(await closedPort())}`,
      tlsRootCertPem: certPem,
      hostnameOverride: 'peer0.org1.example.com',
      mspId: 'Org1MSP',
      certPem,
      privateKeyPem,
      channel: 'deuro',
      chaincode: 'deuro',
    };
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
