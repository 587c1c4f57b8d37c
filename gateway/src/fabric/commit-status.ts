/*
 * A transaction's commit status by its id, for a transaction whose submission did not say whether
 * it reached the orderers. Under BFT the peer's gateway sends a transaction to every orderer and
 * needs a quorum of them to accept it; on a loaded machine the leader can order and commit it
 * before the slower broadcasts arrive, and those orderers answer "request already processed".
 * Fabric 3.1 counts that as a failure, so the client gets UNAVAILABLE for a transaction that did
 * commit (hyperledger/fabric#4415). Asking the peer for its commit status settles it.
 */
import type { CallOptions } from '@grpc/grpc-js';
import type { Gateway, Status } from '@hyperledger/fabric-gateway';
import { gateway as gatewayProtos, msp } from '@hyperledger/fabric-protos';

/** Waits (within the call's deadline) for a transaction id to commit, and says how it did. */
export type CommitStatusLookup = (transactionId: string, options?: CallOptions) => Promise<Status>;

/** Commit status requests on a channel, signed by the gateway connection's identity. */
export function newCommitStatusLookup(gateway: Gateway, channel: string): CommitStatusLookup {
  return (transactionId, options) => {
    const identity = gateway.getIdentity();
    const creator = new msp.SerializedIdentity();
    creator.setMspid(identity.mspId);
    creator.setIdBytes(identity.credentials);
    const request = new gatewayProtos.CommitStatusRequest();
    request.setChannelId(channel);
    request.setTransactionId(transactionId);
    request.setIdentity(creator.serializeBinary());
    const signed = new gatewayProtos.SignedCommitStatusRequest();
    signed.setRequest(request.serializeBinary());
    return gateway.newCommit(signed.serializeBinary()).getStatus(options);
  };
}
