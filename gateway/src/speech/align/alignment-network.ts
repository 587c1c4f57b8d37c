/**
 * The decoding graph of a transcript, compiled into an {@link HmmNetwork}:
 *
 * 1. the transcript is a linear sequence of words, each with its pronunciations (alternates
 *    included);
 * 2. between words, and before the first and after the last, an optional gap of fillers: `SIL`
 *    (penalty `silencePenalty` per filler entered) and the noise dictionary's other fillers
 *    (`+NSN+`, `+SPN+`; penalty `fillerPenalty`), any number of them in a row;
 * 3. each phone becomes a context-dependent phone through mdef: word position b/i/e/s, left
 *    and right contexts across word boundaries (the neighbouring word's last or first phone when
 *    no gap is taken, `SIL` when one is), backing off as pocketsphinx does (other word position,
 *    silence context, then the CI phone) when mdef has no such triphone. So a word's first
 *    phone has one node per possible left context, its last phone one per right context, and a
 *    one-phone word one per pair;
 * 4. every node is a three-state left-to-right HMM.
 *
 * The result is deterministic: the same transcript and model give the same node numbering.
 */

import type { AcousticModel } from '../model/index.js';
import { WordPosition, type TriphoneMatch } from '../model/index.js';
import { HmmNetworkBuilder, type HmmNetwork } from './hmm-network.js';
import { checkModel } from './speech-error.js';
import type { TranscriptWord } from './transcript.js';

/** Penalties of the optional fillers, natural log. */
export interface GapPenalties {
  /** Log probability of entering a silence (SIL) between words. */
  readonly silencePenalty: number;
  /** Log probability of entering a noise filler (+NSN+, +SPN+). */
  readonly fillerPenalty: number;
}

/** The compiled network and how its triphones were found. */
export interface AlignmentNetwork {
  readonly network: HmmNetwork;
  /** Pronunciations as CI phone ids, per word. */
  readonly pronunciations: readonly (readonly (readonly number[])[])[];
  /** How many nodes took each triphone back-off. */
  readonly triphoneMatches: Readonly<Record<TriphoneMatch, number>>;
}

interface Pronunciation {
  readonly phones: readonly number[];
  /** Node of the first phone per left context (CI id). */
  readonly first: Map<number, number>;
  /** Node of the last phone per right context; for one-phone words keyed `left * 256 + right`. */
  readonly last: Map<number, number>;
}

class NetworkCompiler {
  readonly #model: AcousticModel;
  readonly #builder: HmmNetworkBuilder;
  readonly #penalties: GapPenalties;
  readonly #fillers: { phone: number; penalty: number }[];
  readonly #matches: Record<TriphoneMatch, number> = {
    exact: 0,
    'other-position': 0,
    'silence-context': 0,
    ci: 0,
  };

  constructor(model: AcousticModel, penalties: GapPenalties) {
    this.#model = model;
    this.#builder = new HmmNetworkBuilder(model);
    this.#penalties = penalties;
    this.#fillers = fillerPhones(model).map((phone) => ({
      phone,
      penalty:
        phone === model.definition.silence ? penalties.silencePenalty : penalties.fillerPenalty,
    }));
  }

  get matches(): Record<TriphoneMatch, number> {
    return this.#matches;
  }

  #node(
    base: number,
    left: number,
    right: number,
    position: WordPosition,
    word: number,
    pronunciation: number,
  ): number {
    const found = this.#model.definition.nearestPhone(base, left, right, position);
    this.#matches[found.match]++;
    return this.#builder.addNode(found.phone, { word, pronunciation });
  }

  /** The nodes of one pronunciation, for the given sets of left and right contexts. */
  pronunciation(
    phones: readonly number[],
    word: number,
    index: number,
    lefts: readonly number[],
    rights: readonly number[],
  ): Pronunciation {
    const first = new Map<number, number>();
    const last = new Map<number, number>();
    const n = phones.length;
    const at = (i: number): number => phones[i] ?? 0;
    if (n === 1) {
      for (const l of lefts)
        for (const r of rights)
          last.set(l * 256 + r, this.#node(at(0), l, r, WordPosition.single, word, index));
      return { phones, first, last };
    }
    for (const l of lefts)
      first.set(l, this.#node(at(0), l, at(1), WordPosition.begin, word, index));
    let previous = [...first.values()];
    for (let i = 1; i < n - 1; i++) {
      const node = this.#node(at(i), at(i - 1), at(i + 1), WordPosition.internal, word, index);
      for (const p of previous) this.#builder.addEdge(p, node, 0);
      previous = [node];
    }
    for (const r of rights) {
      const node = this.#node(at(n - 1), at(n - 2), r, WordPosition.end, word, index);
      last.set(r, node);
      for (const p of previous) this.#builder.addEdge(p, node, 0);
    }
    return { phones, first, last };
  }

  /** A gap of fillers; returns its nodes (each may follow any other). */
  gap(): number[] {
    const nodes = this.#fillers.map((f) =>
      this.#builder.addNode(f.phone, { word: -1, pronunciation: -1 }),
    );
    for (const from of nodes)
      nodes.forEach((to, i) => {
        this.#builder.addEdge(from, to, this.#fillers[i]?.penalty ?? 0);
      });
    return nodes;
  }

  fillerPenalty(i: number): number {
    return this.#fillers[i]?.penalty ?? this.#penalties.silencePenalty;
  }

  get builder(): HmmNetworkBuilder {
    return this.#builder;
  }
}

/** CI ids of the filler phones of the noise dictionary (SIL first). */
function fillerPhones(model: AcousticModel): number[] {
  const definition = model.definition;
  const phones = [definition.silence];
  for (const word of model.noiseDictionary.words()) {
    for (const pronunciation of model.noiseDictionary.pronunciations(word) ?? []) {
      const id = definition.ciPhoneId(pronunciation[0] ?? '');
      if (pronunciation.length === 1 && id >= 0 && definition.isFiller(id) && !phones.includes(id))
        phones.push(id);
    }
  }
  return phones;
}

function phoneIds(model: AcousticModel, words: readonly TranscriptWord[]): number[][][] {
  return words.map((w) =>
    w.pronunciations.map((phones) =>
      phones.map((name) => {
        const id = model.definition.ciPhoneId(name);
        checkModel(id >= 0, 'dictionary', `phone ${name} of "${w.text}" is not in mdef`);
        return id;
      }),
    ),
  );
}

function contexts(
  pronunciations: readonly (readonly number[])[] | undefined,
  silence: number,
  edge: 'first' | 'last',
): number[] {
  const set = new Set([silence]);
  for (const p of pronunciations ?? [])
    set.add((edge === 'first' ? p[0] : p[p.length - 1]) ?? silence);
  return [...set];
}

/**
 * Compiles a transcript into its alignment network.
 *
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` when the dictionary uses a phone mdef lacks.
 */
export function buildAlignmentNetwork(
  model: AcousticModel,
  words: readonly TranscriptWord[],
  penalties: GapPenalties,
): AlignmentNetwork {
  const compiler = new NetworkCompiler(model, penalties);
  const builder = compiler.builder;
  const sil = model.definition.silence;
  const ids = phoneIds(model, words);
  const units = ids.map((prons, w) => {
    const lefts = contexts(ids[w - 1], sil, 'last');
    const rights = contexts(ids[w + 1], sil, 'first');
    return prons.map((phones, p) => compiler.pronunciation(phones, w, p, lefts, rights));
  });
  const gaps = Array.from({ length: words.length + 1 }, () => compiler.gap());
  connect(compiler, units, gaps, sil);
  return { network: builder.build(), pronunciations: ids, triphoneMatches: compiler.matches };
}

/** Entry nodes of a word unit for a given left context. */
function entries(unit: readonly Pronunciation[], left: number): number[] {
  const nodes: number[] = [];
  for (const p of unit) {
    if (p.phones.length === 1) {
      for (const [key, node] of p.last) if (Math.floor(key / 256) === left) nodes.push(node);
    } else {
      const node = p.first.get(left);
      if (node !== undefined) nodes.push(node);
    }
  }
  return nodes;
}

/** Exit nodes of a word unit with their right context and last phone. */
function exits(unit: readonly Pronunciation[]): { node: number; right: number; phone: number }[] {
  const out: { node: number; right: number; phone: number }[] = [];
  for (const p of unit) {
    const phone = p.phones[p.phones.length - 1] ?? 0;
    for (const [key, node] of p.last) {
      out.push({ node, right: p.phones.length === 1 ? key % 256 : key, phone });
    }
  }
  return out;
}

function connect(
  compiler: NetworkCompiler,
  units: readonly (readonly Pronunciation[])[],
  gaps: readonly number[][],
  sil: number,
): void {
  const builder = compiler.builder;
  const enterGap = (from: number | undefined, gap: readonly number[], penalty = 0): void => {
    gap.forEach((node, i) => {
      if (from === undefined) builder.addStart(node, penalty + compiler.fillerPenalty(i));
      else builder.addEdge(from, node, compiler.fillerPenalty(i));
    });
  };
  enterGap(undefined, gaps[0] ?? []);
  for (const node of entries(units[0] ?? [], sil)) builder.addStart(node, 0);
  units.forEach((unit, w) => {
    const before = gaps[w] ?? [];
    const after = gaps[w + 1] ?? [];
    for (const g of before) for (const node of entries(unit, sil)) builder.addEdge(g, node, 0);
    const next = units[w + 1];
    for (const exit of exits(unit)) {
      if (exit.right === sil) {
        enterGap(exit.node, after);
        if (next === undefined) builder.addFinal(exit.node);
      } else if (next !== undefined) {
        linkWords(builder, exit, next);
      }
    }
  });
  for (const g of gaps[gaps.length - 1] ?? []) builder.addFinal(g);
}

/** Joins a word's exit straight to the next word's entries whose first phone is its right context. */
function linkWords(
  builder: HmmNetworkBuilder,
  exit: { node: number; right: number; phone: number },
  next: readonly Pronunciation[],
): void {
  for (const node of entries(next, exit.phone)) {
    if (startsWith(next, node, exit.right)) builder.addEdge(exit.node, node, 0);
  }
}

/** Whether `node` (an entry of `unit`) is the first phone of a pronunciation starting with `phone`. */
function startsWith(unit: readonly Pronunciation[], node: number, phone: number): boolean {
  for (const p of unit) {
    if (p.phones[0] !== phone) continue;
    for (const n of p.phones.length === 1 ? p.last.values() : p.first.values())
      if (n === node) return true;
  }
  return false;
}
