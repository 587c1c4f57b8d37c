/*
 * The asset state machines, as data: one table of `(from, action) -> to` per family of kinds,
 * read by the contract (to allow or refuse a transaction) and by the tests and docs/ledger.md (a
 * unit test fails when the doc's tables drift from these).
 *
 * Data kinds are immutable content: registered, shared with named identities or organizations,
 * revoked, transferred to a new owner, deleted (a tombstone). Models add versions of their content
 * (PublishModelVersion) and can be deprecated before deletion. A guard picks between two rows of
 * the same `(from, action)`: revoking the last grant ends sharing.
 */
import { DeuroError } from '../ledger/errors';

/** Kinds whose content never changes once registered. */
export const DATA_KINDS = [
  'feature-set',
  'recording',
  'image',
  'training-set',
  'prediction-data',
] as const;

/** Every asset kind. */
export const ASSET_KINDS = [...DATA_KINDS, 'model'] as const;

/** An asset kind. */
export type AssetKind = (typeof ASSET_KINDS)[number];

/** An asset state. */
export type AssetState =
  'registered' | 'shared' | 'revoked' | 'transferred' | 'deprecated' | 'deleted';

/** A transaction that moves an asset. */
export type AssetAction =
  | 'RegisterAsset'
  | 'ShareAsset'
  | 'RevokeAccess'
  | 'TransferAsset'
  | 'DeleteAsset'
  | 'PublishModelVersion'
  | 'DeprecateModel';

/** Facts a guard looks at. */
export interface TransitionFacts {
  /** How many grants the asset has after the transaction. */
  readonly grantsAfter: number;
}

/** A guard name, its meaning in {@link guards}. */
export type GuardName = 'grants remain' | 'no grants remain';

/** One allowed transition. */
export interface Transition {
  /** The state before; null for a new asset. */
  readonly from: AssetState | null;
  readonly action: AssetAction;
  readonly to: AssetState;
  readonly guard?: GuardName;
}

/** What each guard requires. */
export const guards: Readonly<Record<GuardName, (facts: TransitionFacts) => boolean>> = {
  'grants remain': (facts) => facts.grantsAfter > 0,
  'no grants remain': (facts) => facts.grantsAfter === 0,
};

const LIVE_STATES = ['registered', 'shared', 'revoked', 'transferred'] as const;

const dataTable: readonly Transition[] = [
  { from: null, action: 'RegisterAsset', to: 'registered', guard: 'no grants remain' },
  { from: null, action: 'RegisterAsset', to: 'shared', guard: 'grants remain' },
  ...LIVE_STATES.map((from): Transition => ({ from, action: 'ShareAsset', to: 'shared' })),
  { from: 'shared', action: 'RevokeAccess', to: 'shared', guard: 'grants remain' },
  { from: 'shared', action: 'RevokeAccess', to: 'revoked', guard: 'no grants remain' },
  ...LIVE_STATES.map((from): Transition => ({ from, action: 'TransferAsset', to: 'transferred' })),
  ...LIVE_STATES.map((from): Transition => ({ from, action: 'DeleteAsset', to: 'deleted' })),
];

const modelTable: readonly Transition[] = [
  ...dataTable,
  ...LIVE_STATES.map((from): Transition => ({ from, action: 'PublishModelVersion', to: from })),
  ...LIVE_STATES.map((from): Transition => ({ from, action: 'DeprecateModel', to: 'deprecated' })),
  { from: 'deprecated', action: 'RevokeAccess', to: 'deprecated' },
  { from: 'deprecated', action: 'DeleteAsset', to: 'deleted' },
];

/** The state tables by family, and which kinds each applies to. */
export const stateTables: readonly {
  readonly family: 'data' | 'model';
  readonly kinds: readonly AssetKind[];
  readonly transitions: readonly Transition[];
}[] = [
  { family: 'data', kinds: DATA_KINDS, transitions: dataTable },
  { family: 'model', kinds: ['model'], transitions: modelTable },
];

/** Whether a string is an asset kind. */
export function isAssetKind(text: string): text is AssetKind {
  return (ASSET_KINDS as readonly string[]).includes(text);
}

/** The transitions of a kind. */
export function transitionsOf(kind: AssetKind): readonly Transition[] {
  return stateTables.find((table) => table.kinds.includes(kind))?.transitions ?? [];
}

/**
 * The state an action moves an asset to.
 * @throws {@link DeuroError} `DEURO_INVALID_TRANSITION`, listing what the state allows.
 */
export function nextState(
  kind: AssetKind,
  from: AssetState | null,
  action: AssetAction,
  facts: TransitionFacts,
): AssetState {
  const candidates = transitionsOf(kind).filter((t) => t.from === from && t.action === action);
  const allowed = candidates.find((t) => t.guard === undefined || guards[t.guard](facts));
  if (allowed !== undefined) {
    return allowed.to;
  }
  const here = from ?? 'new';
  const possible = [
    ...new Set(
      transitionsOf(kind)
        .filter((t) => t.from === from)
        .map((t) => t.action),
    ),
  ];
  throw new DeuroError(
    'DEURO_INVALID_TRANSITION',
    `${action} is not allowed for a ${kind} asset in state ${here}` +
      (possible.length > 0 ? ` (allowed: ${possible.join(', ')})` : ' (no transaction is)'),
  );
}
