/**
 * The binary model definition (`mdef`, "BMDF"; pocketsphinx `bin_mdef.c`): CI phones, triphones
 * with their senone sequences and transition matrices, and the tree that finds a triphone from
 * its word position, base phone and contexts. Layout, in the writer's byte order (the magic
 * tells which):
 *
 * ```
 * char[4] "BMDF"               (int32 0x46444d42 read little-endian)
 * int32 version, int32 hlen    then hlen bytes of format description text, skipped
 * int32 n_ciphone, n_phone, n_emit_state, n_ci_sen, n_sen, n_tmat, n_sseq, n_ctx, n_cd_tree, sil
 * char ciphones[n_ciphone][]   NUL-terminated names, padded to 4 bytes from the first name
 * struct { int16 ctx; int16 n_down; int32 pid_or_down } cd_tree[n_cd_tree]
 * struct { int32 ssid; int32 tmat; uint8 info[4] } phones[n_phone]
 *                              CI phones first: info[0] = filler flag; triphones: wpos, base, lc, rc
 * int32 sseq_size; uint16 sseq[sseq_size]   n_sseq sequences of n_emit_state senones
 * ```
 *
 * The tree has four levels: word position (0 internal, 1 begin, 2 end, 3 single), base phone,
 * left context, right context; a node with `n_down = 0` is a leaf holding a phone id, otherwise
 * its children are `n_down` nodes from index `down`.
 */

import { checkModel } from '../align/speech-error.js';

/** Where a phone sits in its word, as mdef's `wpos`. */
export const WordPosition = { internal: 0, begin: 1, end: 2, single: 3 } as const;
export type WordPosition = (typeof WordPosition)[keyof typeof WordPosition];

/** How {@link ModelDefinition.nearestPhone} found its phone. */
export type TriphoneMatch = 'exact' | 'other-position' | 'silence-context' | 'ci';

/** The model definition. */
export interface ModelDefinition {
  /** CI phone names, by id (`SIL`, `+NSN+`, `AA`, ...). */
  readonly ciPhones: readonly string[];
  /** CI phones plus triphones. */
  readonly phoneCount: number;
  /** Emitting states per HMM (3). */
  readonly stateCount: number;
  /** CI senones (the first senone ids). */
  readonly ciSenoneCount: number;
  readonly senoneCount: number;
  readonly transitionMatrixCount: number;
  readonly senoneSequenceCount: number;
  /** Id of the silence phone `SIL`. */
  readonly silence: number;
  /** CI phone id of a name, or -1. */
  ciPhoneId(name: string): number;
  /** Whether a CI phone is a filler (silence or noise). */
  isFiller(ci: number): boolean;
  /** The phone id of a triphone, or -1 when the model has none (`bin_mdef_phone_id`). */
  phoneId(base: number, left: number, right: number, position: WordPosition): number;
  /** The best available phone for a context, backing off as `bin_mdef_phone_id_nearest`. */
  nearestPhone(
    base: number,
    left: number,
    right: number,
    position: WordPosition,
  ): { phone: number; match: TriphoneMatch };
  /** Senone of emitting state `state` of `phone`. */
  senone(phone: number, state: number): number;
  /** Transition matrix of `phone`. */
  transitionMatrix(phone: number): number;
  /** Base (CI) phone of `phone`. */
  basePhone(phone: number): number;
  /** The CI phone whose codebook a senone uses (`sen2cimap`). */
  senoneBase(senone: number): number;
}

const NATIVE_MAGIC = 0x46444d42;
/** The ten counts of the binary mdef header, in file order. */
type MdefCounts = readonly [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

const FILE = 'mdef';
/** Senone ids are uint16 in `sseq`. */
const MAX_SENONES = 0x10000;

class BinaryModelDefinition implements ModelDefinition {
  ciPhones: string[] = [];
  phoneCount = 0;
  stateCount = 0;
  ciSenoneCount = 0;
  senoneCount = 0;
  transitionMatrixCount = 0;
  senoneSequenceCount = 0;
  silence = -1;
  readonly #ciIds = new Map<string, number>();
  #treeContext = new Int16Array(0);
  #treeDown = new Int16Array(0);
  #treeTarget = new Int32Array(0);
  #phoneSequence = new Int32Array(0);
  #phoneMatrix = new Int32Array(0);
  #phoneInfo = new Uint8Array(0);
  #sequences = new Uint16Array(0);
  #senoneBase = new Int16Array(0);

  constructor(bytes: Uint8Array) {
    const { view, little, at: countsEnd, ciCount, treeCount } = this.#readHeader(bytes);
    let at = this.#readNames(bytes, countsEnd, ciCount);
    at = this.#readTree(view, little, at, treeCount);
    at = this.#readPhones(view, little, at, bytes);
    this.#readSequences(view, little, at);
    this.silence = this.ciPhoneId('SIL');
    checkModel(this.silence >= 0, FILE, 'no SIL phone');
    this.#mapSenones();
  }

  #readHeader(bytes: Uint8Array): {
    view: DataView;
    little: boolean;
    at: number;
    ciCount: number;
    treeCount: number;
  } {
    checkModel(bytes.length >= 52, FILE, 'too short for a binary mdef');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const little = view.getInt32(0, true) === NATIVE_MAGIC;
    checkModel(little || view.getInt32(0, false) === NATIVE_MAGIC, FILE, 'no "BMDF" magic');
    const int32 = (at: number): number => view.getInt32(at, little);
    checkModel(int32(4) <= 1, FILE, `format version ${String(int32(4))} is not supported`);
    const at = 12 + int32(8);
    checkModel(at + 40 <= bytes.length, FILE, 'truncated header');
    const { ciCount, treeCount } = this.#readCounts(
      Array.from({ length: 10 }, (_, i) => int32(at + 4 * i)) as unknown as MdefCounts,
    );
    return { view, little, at: at + 40, ciCount, treeCount };
  }

  #readCounts(counts: MdefCounts): { ciCount: number; treeCount: number } {
    const [ciCount, phoneCount, states, ciSen, sen, tmat, sseq, , treeCount] = counts;
    checkModel(ciCount > 0 && phoneCount >= ciCount && states > 0, FILE, 'bad phone counts');
    // Senone ids are uint16 in the file; a larger count could only be a corrupt header.
    checkModel(sen >= ciSen && sen <= MAX_SENONES, FILE, 'bad senone counts');
    checkModel(sseq > 0 && treeCount > 0, FILE, 'bad senone sequence or tree counts');
    Object.assign(this, {
      phoneCount,
      stateCount: states,
      ciSenoneCount: ciSen,
      senoneCount: sen,
      transitionMatrixCount: tmat,
      senoneSequenceCount: sseq,
    });
    return { ciCount, treeCount };
  }

  #readNames(bytes: Uint8Array, start: number, count: number): number {
    let at = start;
    const decoder = new TextDecoder('latin1');
    for (let i = 0; i < count; i++) {
      const end = bytes.indexOf(0, at);
      checkModel(end >= 0, FILE, 'truncated phone names');
      const name = decoder.decode(bytes.subarray(at, end));
      this.#ciIds.set(name, i);
      this.ciPhones.push(name);
      at = end + 1;
    }
    return start + ((at - start + 3) & ~3);
  }

  #readTree(view: DataView, little: boolean, at: number, count: number): number {
    checkModel(at + 8 * count <= view.byteLength, FILE, 'truncated cd_tree');
    this.#treeContext = new Int16Array(count);
    this.#treeDown = new Int16Array(count);
    this.#treeTarget = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      this.#treeContext[i] = view.getInt16(at + 8 * i, little);
      this.#treeDown[i] = view.getInt16(at + 8 * i + 2, little);
      this.#treeTarget[i] = view.getInt32(at + 8 * i + 4, little);
    }
    return at + 8 * count;
  }

  #readPhones(view: DataView, little: boolean, at: number, bytes: Uint8Array): number {
    const n = this.phoneCount;
    checkModel(at + 12 * n <= view.byteLength, FILE, 'truncated phone table');
    this.#phoneSequence = new Int32Array(n);
    this.#phoneMatrix = new Int32Array(n);
    this.#phoneInfo = new Uint8Array(4 * n);
    for (let i = 0; i < n; i++) {
      const ssid = view.getInt32(at + 12 * i, little);
      const tmat = view.getInt32(at + 12 * i + 4, little);
      checkModel(ssid >= 0 && ssid < this.senoneSequenceCount, FILE, `phone ${String(i)} ssid`);
      checkModel(tmat >= 0 && tmat < this.transitionMatrixCount, FILE, `phone ${String(i)} tmat`);
      this.#phoneSequence[i] = ssid;
      this.#phoneMatrix[i] = tmat;
      this.#phoneInfo.set(bytes.subarray(at + 12 * i + 8, at + 12 * i + 12), 4 * i);
    }
    return at + 12 * n;
  }

  #readSequences(view: DataView, little: boolean, at: number): void {
    checkModel(at + 4 <= view.byteLength, FILE, 'truncated before the sseq size');
    const size = view.getInt32(at, little);
    checkModel(size === this.senoneSequenceCount * this.stateCount, FILE, 'bad sseq size');
    checkModel(at + 4 + 2 * size <= view.byteLength, FILE, 'truncated sseq');
    this.#sequences = new Uint16Array(size);
    for (let i = 0; i < size; i++) {
      const senone = view.getUint16(at + 4 + 2 * i, little);
      checkModel(senone < this.senoneCount, FILE, `senone ${String(senone)} out of range`);
      this.#sequences[i] = senone;
    }
  }

  #mapSenones(): void {
    this.#senoneBase = new Int16Array(this.senoneCount).fill(-1);
    for (let p = 0; p < this.phoneCount; p++) {
      const base = this.basePhone(p);
      for (let s = 0; s < this.stateCount; s++) {
        const senone = this.senone(p, s);
        // Cross-phone tying would break PTM scoring; pocketsphinx keeps the first base phone.
        if (this.#senoneBase[senone] === -1) this.#senoneBase[senone] = base;
      }
    }
  }

  ciPhoneId(name: string): number {
    return this.#ciIds.get(name) ?? -1;
  }

  isFiller(ci: number): boolean {
    return ci < this.ciPhones.length && this.#phoneInfo[4 * ci] === 1;
  }

  phoneId(base: number, left: number, right: number, position: WordPosition): number {
    const context = [
      position,
      base,
      this.isFiller(left) ? this.silence : left,
      this.isFiller(right) ? this.silence : right,
    ];
    let first = 0;
    let width = 4;
    for (const wanted of context) {
      const node = this.#treeChild(first, width, wanted);
      if (node < 0) return -1;
      width = this.#treeDown[node] ?? 0;
      if (width === 0) return this.#treeTarget[node] ?? -1;
      first = this.#treeTarget[node] ?? 0;
    }
    return -1;
  }

  /** The node among `width` siblings from `first` whose context is `wanted`, or -1. */
  #treeChild(first: number, width: number, wanted: number): number {
    for (let i = first; i < first + width; i++) if (this.#treeContext[i] === wanted) return i;
    return -1;
  }

  #anyPosition(base: number, left: number, right: number, position: WordPosition): number {
    const phone = this.phoneId(base, left, right, position);
    if (phone >= 0) return phone;
    for (const other of [0, 1, 2, 3] as const) {
      if (other === position) continue;
      const found = this.phoneId(base, left, right, other);
      if (found >= 0) return found;
    }
    return -1;
  }

  nearestPhone(
    base: number,
    left: number,
    right: number,
    position: WordPosition,
  ): { phone: number; match: TriphoneMatch } {
    const exact = this.phoneId(base, left, right, position);
    if (exact >= 0) return { phone: exact, match: 'exact' };
    const other = this.#anyPosition(base, left, right, position);
    if (other >= 0) return { phone: other, match: 'other-position' };
    const silenced = this.#silenceContextPhone(base, left, right, position);
    if (silenced >= 0) return { phone: silenced, match: 'silence-context' };
    return { phone: base, match: 'ci' };
  }

  /** The triphone with silence for filler contexts and across word edges, or -1. */
  #silenceContextPhone(base: number, left: number, right: number, position: WordPosition): number {
    const atStart = position === WordPosition.begin || position === WordPosition.single;
    const atEnd = position === WordPosition.end || position === WordPosition.single;
    const newLeft = this.isFiller(left) || atStart ? this.silence : left;
    const newRight = this.isFiller(right) || atEnd ? this.silence : right;
    if (newLeft === left && newRight === right) return -1;
    return this.#anyPosition(base, newLeft, newRight, position);
  }

  senone(phone: number, state: number): number {
    return this.#sequences[(this.#phoneSequence[phone] ?? 0) * this.stateCount + state] ?? 0;
  }

  transitionMatrix(phone: number): number {
    return this.#phoneMatrix[phone] ?? 0;
  }

  basePhone(phone: number): number {
    return phone < this.ciPhones.length ? phone : (this.#phoneInfo[4 * phone + 1] ?? 0);
  }

  senoneBase(senone: number): number {
    return this.#senoneBase[senone] ?? -1;
  }
}

/**
 * Reads a binary `mdef`.
 *
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` for a text mdef, bad magic, sizes or ids.
 */
export function readModelDefinition(bytes: Uint8Array): ModelDefinition {
  return new BinaryModelDefinition(bytes);
}
