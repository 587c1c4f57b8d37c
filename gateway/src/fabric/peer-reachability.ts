/*
 * Whether the organization's peers accept a TLS gRPC connection, for /readyz. The ledger check
 * goes through the one peer the gateway uses; this one says which of the others an operator has
 * lost before a failover needs them.
 */
import { newPeerClient, type PeerTarget } from './connection';

/** One peer's answer. */
export interface PeerReachability {
  readonly name: string;
  readonly reachable: boolean;
}

/** A peer to check, by name. */
export interface NamedPeerTarget extends PeerTarget {
  readonly name: string;
}

/** Connects to each peer (in parallel, each within `timeoutMs`) and closes the connections. */
export async function checkPeersReachable(
  peers: readonly NamedPeerTarget[],
  timeoutMs: number,
): Promise<PeerReachability[]> {
  return Promise.all(peers.map((peer) => checkPeer(peer, timeoutMs)));
}

async function checkPeer(peer: NamedPeerTarget, timeoutMs: number): Promise<PeerReachability> {
  const client = newPeerClient(peer);
  try {
    await new Promise<void>((resolve, reject) => {
      client.waitForReady(Date.now() + timeoutMs, (error) => {
        if (error === undefined) resolve();
        else reject(error);
      });
    });
    return { name: peer.name, reachable: true };
  } catch {
    return { name: peer.name, reachable: false };
  } finally {
    client.close();
  }
}
