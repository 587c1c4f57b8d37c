import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import {
  envelopeFor,
  json,
  newLedgerActor,
  registerRequest,
  rejectsWithCode,
  type LedgerActor,
} from '../harness/ledger-actor';
import type { TestNetwork } from '../harness/test-network';
import { waitFor } from '../harness/wait-for';

interface Transition {
  from: string | null;
  action: string;
  to: string;
  guard?: string;
}

interface StateTable {
  family: string;
  kinds: string[];
  transitions: Transition[];
}

interface Tracked {
  readonly id: string;
  readonly kind: string;
  owner: LedgerActor;
  granted: LedgerActor[];
}

interface ExpectedEvent {
  readonly action: string;
  readonly id: string;
  readonly from: string | null;
  readonly to: string;
  readonly version: number;
}

const ACTIONS = [
  'RegisterAsset',
  'ShareAsset',
  'RevokeAccess',
  'TransferAsset',
  'DeleteAsset',
  'PublishModelVersion',
  'DeprecateModel',
];

/** A state on the way, and whether the asset then has grants (RevokeAccess needs some). */
interface Step {
  readonly state: string | null;
  readonly hasGrants: boolean;
}

/** The shortest list of transitions from a new asset to `state` (with grants if asked). */
function pathTo(table: StateTable, state: string, needGrants: boolean): Transition[] {
  const start: Step = { state: null, hasGrants: false };
  const queue: { step: Step; path: Transition[] }[] = [{ step: start, path: [] }];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const next = queue.shift();
    if (next === undefined) {
      break;
    }
    const { step, path } = next;
    if (step.state === state && (!needGrants || step.hasGrants)) {
      return path;
    }
    const key = `${String(step.state)}:${String(step.hasGrants)}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    for (const transition of table.transitions.filter((t) => t.from === step.state)) {
      if (transition.action === 'RevokeAccess' && !step.hasGrants) {
        continue;
      }
      queue.push({
        step: { state: transition.to, hasGrants: grantsAfter(transition, step.hasGrants) },
        path: [...path, transition],
      });
    }
  }
  throw new Error(`state ${state} is unreachable in the ${table.family} table`);
}

function grantsAfter(transition: Transition, before: boolean): boolean {
  switch (transition.action) {
    case 'ShareAsset':
      return true;
    case 'RegisterAsset':
      return transition.guard === 'grants remain';
    case 'RevokeAccess':
      return transition.guard === 'grants remain' || (transition.guard === undefined && before);
    case 'TransferAsset':
    case 'DeleteAsset':
      return false;
    default:
      return before;
  }
}

/**
 * Every row of every state table commits, with its event, and every other (state, action) pair
 * fails with its code and changes nothing.
 */
export function stateMachineSuite(network: () => TestNetwork): void {
  void describe('ledger: state machines', () => {
    let owner: LedgerActor;
    let heir: LedgerActor;
    let readers: [LedgerActor, LedgerActor];
    let tables: StateTable[];
    let startBlock: bigint;
    const expected = new Map<string, ExpectedEvent>();

    before(async () => {
      owner = await newLedgerActor(network(), 'peer0.org1', 'User1');
      heir = await newLedgerActor(network(), 'peer0.org1', 'User2');
      readers = [
        await newLedgerActor(network(), 'peer0.org2', 'User1'),
        await newLedgerActor(network(), 'peer0.org2', 'User2'),
      ];
      tables = json<StateTable[]>(await owner.assets.evaluateTransaction('GetStateTables'));
      startBlock = BigInt(await network().peerHeight('peer0.org1'));
    });
    after(() => {
      for (const actor of [owner, heir, ...readers]) {
        actor.close();
      }
    });

    function requestFor(asset: Tracked, transition: Transition): string[] {
      const keysOf = (actors: LedgerActor[]): string[] => actors.map((actor) => actor.fingerprint);
      switch (transition.action) {
        case 'RegisterAsset':
          return transition.guard === 'grants remain'
            ? [
                registerRequest(asset.owner, asset.id, asset.kind, {
                  grants: readers.map((r) => ({ type: 'identity', id: r.identityId })),
                  ...envelopeFor(asset.owner.fingerprint, ...keysOf(readers)),
                }),
              ]
            : [registerRequest(asset.owner, asset.id, asset.kind)];
        case 'ShareAsset':
          return [
            asset.id,
            JSON.stringify({
              grants: readers.map((r) => ({ type: 'identity', id: r.identityId })),
              envelope: envelopeFor(asset.owner.fingerprint, ...keysOf(readers)),
            }),
          ];
        case 'RevokeAccess': {
          const granted = asset.granted.length > 0 ? asset.granted : readers.slice(0, 1);
          const revoked = transition.guard === 'grants remain' ? granted.slice(1) : granted;
          const kept = granted.filter((actor) => !revoked.includes(actor));
          return [
            asset.id,
            JSON.stringify({
              grants: revoked.map((r) => ({ type: 'identity', id: r.identityId })),
              envelope: envelopeFor(asset.owner.fingerprint, ...keysOf(kept)),
            }),
          ];
        }
        case 'TransferAsset': {
          const newOwner = asset.owner === owner ? heir : owner;
          return [
            asset.id,
            JSON.stringify({
              newOwner: newOwner.identityId,
              envelope: envelopeFor(newOwner.fingerprint),
            }),
          ];
        }
        case 'PublishModelVersion':
          return [
            asset.id,
            JSON.stringify({
              envelope: envelopeFor(asset.owner.fingerprint, ...keysOf(asset.granted)),
            }),
          ];
        default:
          return [asset.id];
      }
    }

    /** Perform one transition and track what it changed. */
    async function perform(asset: Tracked, transition: Transition): Promise<string> {
      const { result, status } = await asset.owner.submit(
        asset.owner.assets,
        transition.action,
        ...requestFor(asset, transition),
      );
      // The next transition of this asset may be endorsed by any peer: wait until all of them
      // have this block, or a lagging one endorses against the old state.
      await network().waitForPeers(status.blockNumber);
      const record = json<{ state: string; version: number }>(result);
      assert.equal(
        record.state,
        transition.to,
        `${transition.action} from ${String(transition.from)}`,
      );
      expected.set(status.transactionId, {
        action: transition.action,
        id: asset.id,
        from: transition.from,
        to: transition.to,
        version: record.version,
      });
      if (
        transition.action === 'ShareAsset' ||
        (transition.action === 'RegisterAsset' && transition.guard === 'grants remain')
      ) {
        asset.granted = [...readers];
      } else if (transition.action === 'RevokeAccess') {
        asset.granted = transition.guard === 'grants remain' ? asset.granted.slice(0, 1) : [];
      } else if (transition.action === 'TransferAsset') {
        asset.owner = asset.owner === owner ? heir : owner;
        asset.granted = [];
      }
      return status.transactionId;
    }

    async function assetAt(
      table: StateTable,
      kind: string,
      state: string,
      needGrants: boolean,
    ): Promise<Tracked> {
      const asset: Tracked = { id: `sm-${kind}-${randomUUID()}`, kind, owner, granted: [] };
      for (const transition of pathTo(table, state, needGrants)) {
        await perform(asset, transition);
      }
      return asset;
    }

    it('commits every allowed transition of every table', async () => {
      for (const table of tables) {
        const kind = table.kinds[0] ?? '';
        await Promise.all(
          table.transitions
            .filter((transition) => transition.from !== null)
            .map(async (transition) => {
              const asset = await assetAt(
                table,
                kind,
                transition.from ?? '',
                transition.action === 'RevokeAccess',
              );
              await perform(asset, transition);
            }),
        );
        // Registration is the first row for every kind of the table.
        await Promise.all(table.kinds.map((other) => assetAt(table, other, 'registered', false)));
        await Promise.all(
          table.transitions
            .filter((transition) => transition.from === null)
            .map((transition) =>
              perform({ id: `sm-${kind}-${randomUUID()}`, kind, owner, granted: [] }, transition),
            ),
        );
      }
    });

    it('emits one AssetTransition event per transition, with its facts', async () => {
      const events = await owner.connection.network.getChaincodeEvents(network().layout.chaincode, {
        startBlock,
      });
      const seen = new Map<string, Record<string, unknown>>();
      try {
        await waitFor(
          'every transition event',
          async () => {
            for await (const event of events) {
              if (event.eventName === 'AssetTransition') {
                seen.set(event.transactionId, json(event.payload));
              }
              if ([...expected.keys()].every((txId) => seen.has(txId))) {
                return true;
              }
            }
            return false;
          },
          60_000,
        );
      } finally {
        events.close();
      }
      for (const [txId, facts] of expected) {
        const payload = seen.get(txId);
        assert.ok(payload, `no event for ${facts.action} (${txId})`);
        assert.deepEqual(
          {
            action: payload.action,
            id: payload.id,
            from: payload.from,
            to: payload.to,
            version: payload.version,
            txId: payload.txId,
          },
          { ...facts, txId },
        );
      }
    });

    it('refuses every other action in every state with its code and changes nothing', async () => {
      for (const table of tables) {
        const kind = table.kinds[0] ?? '';
        const states = [...new Set(table.transitions.map((t) => t.to))];
        await Promise.all(
          states.map(async (state) => {
            const asset = await assetAt(table, kind, state, true).catch(() =>
              assetAt(table, kind, state, false),
            );
            const before = json(await asset.owner.assets.evaluateTransaction('GetAsset', asset.id));
            const allowed = new Set(
              table.transitions.filter((t) => t.from === state).map((t) => t.action),
            );
            for (const action of ACTIONS.filter((a) => !allowed.has(a))) {
              const code =
                action === 'RegisterAsset' ? 'DEURO_ALREADY_EXISTS' : 'DEURO_INVALID_TRANSITION';
              const attempt: Transition = { from: state, action, to: state };
              await rejectsWithCode(
                asset.owner.assets.submitTransaction(action, ...requestFor(asset, attempt)),
                code,
              );
            }
            assert.deepEqual(
              json(await asset.owner.assets.evaluateTransaction('GetAsset', asset.id)),
              before,
            );
          }),
        );
      }
    });
  });
}
