/**
 * Backtrace memory of the Viterbi search: one record per phone exit that some token still
 * carries, never a matrix of frames x states.
 *
 * A record is created when a node's exit enters a successor: it holds the node, its first and
 * last frame, the path score at both ends and the record of the phone before. Live tokens point
 * to records; a record nothing points to any more is garbage. When the pool is full the search
 * calls {@link HistoryPool.collect} with every live pointer: records reachable from them are
 * kept, the rest go to the free list, and the settled prefix (the records every live path
 * shares, whose phones can no longer change) is handed to `settle` and freed too. So the pool
 * holds only records of the unsettled part of live paths: its size is bounded by the number of
 * live tokens times the depth back to where their paths merge, whatever the recording's length.
 * The pool doubles only when a collection frees less than half of it.
 */

/** One settled phone: a node and its frames. */
export interface SettledPhone {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly startScore: number;
  readonly endScore: number;
}

const NONE = -1;

/** The record pool. */
export class HistoryPool {
  #node: Int32Array;
  #start: Int32Array;
  #end: Int32Array;
  #startScore: Float64Array;
  #endScore: Float64Array;
  #parent: Int32Array;
  #references: Int32Array;
  #child: Int32Array;
  #free: Int32Array;
  #freeCount: number;
  #peak = 0;
  #created = 0;

  constructor(capacity = 1024) {
    this.#node = new Int32Array(capacity);
    this.#start = new Int32Array(capacity);
    this.#end = new Int32Array(capacity);
    this.#startScore = new Float64Array(capacity);
    this.#endScore = new Float64Array(capacity);
    this.#parent = new Int32Array(capacity);
    this.#references = new Int32Array(capacity);
    this.#child = new Int32Array(capacity).fill(NONE);
    this.#free = Int32Array.from({ length: capacity }, (_, i) => capacity - 1 - i);
    this.#freeCount = capacity;
  }

  /** Records the pool can hold now. */
  get capacity(): number {
    return this.#node.length;
  }

  /** Records in use. */
  get size(): number {
    return this.capacity - this.#freeCount;
  }

  /** Largest {@link size} right after a collection (the live, unsettled records). */
  get peakLive(): number {
    return this.#peak;
  }

  /** Records created so far. */
  get created(): number {
    return this.#created;
  }

  /** Whether a record can be added without collecting first. */
  get full(): boolean {
    return this.#freeCount === 0;
  }

  /**
   * Adds a record for `node`, which ran from the frame after `parent`'s end to `end`.
   * The caller collects first when {@link full}.
   */
  add(node: number, end: number, endScore: number, parent: number): number {
    if (this.#freeCount === 0) this.#grow();
    const id = this.#free[--this.#freeCount] ?? 0;
    this.#node[id] = node;
    this.#end[id] = end;
    this.#endScore[id] = endScore;
    this.#parent[id] = parent;
    this.#start[id] = parent === NONE ? 0 : (this.#end[parent] ?? 0) + 1;
    this.#startScore[id] = parent === NONE ? 0 : (this.#endScore[parent] ?? 0);
    this.#created++;
    return id;
  }

  /** The settled phone a record stands for. */
  phone(id: number): SettledPhone {
    return {
      node: this.#node[id] ?? 0,
      start: this.#start[id] ?? 0,
      end: this.#end[id] ?? 0,
      startScore: this.#startScore[id] ?? 0,
      endScore: this.#endScore[id] ?? 0,
    };
  }

  /** The chain of records ending in `id`, oldest first (up to the settled prefix). */
  chain(id: number): SettledPhone[] {
    const out: SettledPhone[] = [];
    for (let r = id; r !== NONE; r = this.#parent[r] ?? NONE) out.push(this.phone(r));
    return out.reverse();
  }

  /**
   * Keeps the records reachable from `live` (record ids, -1 ignored; duplicates fine), frees the
   * rest, and passes the settled prefix, oldest first, to `settle` before freeing it.
   */
  collect(live: Iterable<number>, settle: (phone: SettledPhone) => void): void {
    const references = this.#references;
    references.fill(0);
    const roots: number[] = [];
    for (const r of live) if (r !== NONE) this.#mark(r, roots);
    this.#settle(roots, settle);
    this.#sweep();
    this.#peak = Math.max(this.#peak, this.size);
    if (this.#freeCount < this.capacity / 2) this.#grow();
  }

  /** Counts a reference to r and, on first visit, walks to its parent. */
  #mark(record: number, roots: number[]): void {
    let r = record;
    let child = NONE;
    for (;;) {
      const seen = (this.#references[r] ?? 0) > 0;
      this.#references[r] = (this.#references[r] ?? 0) + 1;
      if (child !== NONE) this.#child[r] = child;
      if (seen) return;
      const parent = this.#parent[r] ?? NONE;
      if (parent === NONE) {
        roots.push(r);
        return;
      }
      child = r;
      r = parent;
    }
  }

  /** Settles the records all live paths share: from the single root down while unbranched. */
  #settle(roots: readonly number[], settle: (phone: SettledPhone) => void): void {
    if (roots.length !== 1) return;
    let r = roots[0] ?? NONE;
    // A record with one reference and a child is shared by every live path below it.
    while (r !== NONE && this.#references[r] === 1 && this.#child[r] !== NONE) {
      const child = this.#child[r] ?? NONE;
      if (this.#parent[child] !== r) break;
      settle(this.phone(r));
      this.#references[r] = 0;
      this.#parent[child] = NONE;
      r = child;
    }
  }

  #sweep(): void {
    this.#freeCount = 0;
    for (let id = this.capacity - 1; id >= 0; id--) {
      if (this.#references[id] === 0) this.#free[this.#freeCount++] = id;
      this.#child[id] = NONE;
    }
  }

  #grow(): void {
    const old = this.capacity;
    const capacity = 2 * old;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    const int = (n: number): Int32Array => new Int32Array(n);
    const float = (n: number): Float64Array => new Float64Array(n);
    this.#node = grow(this.#node, int);
    this.#start = grow(this.#start, int);
    this.#end = grow(this.#end, int);
    this.#startScore = grow(this.#startScore, float);
    this.#endScore = grow(this.#endScore, float);
    this.#parent = grow(this.#parent, int);
    this.#references = grow(this.#references, int);
    this.#child = grow(this.#child, int);
    this.#child.fill(NONE, old);
    const free = new Int32Array(capacity);
    free.set(this.#free.subarray(0, this.#freeCount));
    for (let id = capacity - 1; id >= old; id--) free[this.#freeCount++] = id;
    this.#free = free;
  }
}
