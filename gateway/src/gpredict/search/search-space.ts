/*
 * A validated search space as a tree: groups of parameters that are active together (the top
 * level, and each choice option's own parameters), each group sorted by name so that traversal
 * (and so every random draw) is the same whatever the key order of the JSON text.
 */
import { newNumericDomain, type NumericDomain, type NumericType } from './numeric-domain.js';
import { SearchError } from './search-error.js';
import { findSpaceProblem } from './space-validator.js';

/** The value of an option of a choice. */
export type OptionLabel = string | number | boolean;

/** The value of one parameter in a configuration. */
export type ParameterValue = number | OptionLabel;

/** A sampled configuration: the active parameters only, by name. */
export type Configuration = Readonly<Record<string, ParameterValue>>;

/** A numeric parameter (uniform, loguniform, quniform, qloguniform, int). */
export interface NumericParameter {
  readonly kind: 'numeric';
  readonly name: string;
  readonly domain: NumericDomain;
}

/** A categorical parameter; each option may activate parameters of its own. */
export interface ChoiceParameter {
  readonly kind: 'choice';
  readonly name: string;
  readonly options: readonly ChoiceOption[];
}

/** One option of a {@link ChoiceParameter}. */
export interface ChoiceOption {
  readonly label: OptionLabel;
  /** The parameters active when this option is chosen (possibly none). */
  readonly group: ParameterGroup;
}

/** A parameter of a search space. */
export type SearchParameter = NumericParameter | ChoiceParameter;

/** Parameters that are active together. */
export interface ParameterGroup {
  /** `""` for the top level, `choiceName=optionIndex` for an option's parameters. */
  readonly key: string;
  /** Sorted by name. */
  readonly parameters: readonly SearchParameter[];
}

/** A search space that passed the grammar. */
export interface SearchSpace {
  /** The top-level group. */
  readonly root: ParameterGroup;
  /** Every parameter of every branch, by name. */
  readonly parameters: ReadonlyMap<string, SearchParameter>;
  /** A copy of the description it was built from (plain JSON). */
  readonly description: unknown;
}

type Json = Record<string, unknown>;

const builtSpaces = new WeakSet();

/** Whether a value is a {@link SearchSpace} built by {@link validateSearchSpace}. */
export function isSearchSpace(value: unknown): value is SearchSpace {
  return typeof value === 'object' && value !== null && builtSpaces.has(value);
}

/**
 * Check a search-space description (parsed JSON) against the grammar and build the space.
 * @throws SearchError `DEURO_SEARCH_INVALID_SPACE` with `path`, the JSON Pointer of the fault.
 */
export function validateSearchSpace(description: unknown): SearchSpace {
  const found = findSpaceProblem(description);
  if (found !== undefined) {
    throw new SearchError(
      'DEURO_SEARCH_INVALID_SPACE',
      `${found.path === '' ? '(document)' : found.path}: ${found.reason}`,
      { path: found.path },
    );
  }
  const parameters = new Map<string, SearchParameter>();
  const root = buildGroup('', (description as Json)['parameters'] as Json, parameters);
  // A copy, so that changing the caller's object later cannot make the two disagree.
  const space: SearchSpace = {
    root,
    parameters,
    description: JSON.parse(JSON.stringify(description)),
  };
  builtSpaces.add(space);
  return space;
}

/**
 * Parse a search-space description from JSON text and build the space.
 * @throws SearchError `DEURO_SEARCH_INVALID_SPACE` when the text is not JSON (path `""`) or breaks
 * the grammar.
 */
export function parseSearchSpace(text: string): SearchSpace {
  let description: unknown;
  try {
    description = JSON.parse(text);
  } catch (error) {
    throw new SearchError(
      'DEURO_SEARCH_INVALID_SPACE',
      `(document): not JSON (${error instanceof Error ? error.message : String(error)})`,
      { path: '' },
    );
  }
  return validateSearchSpace(description);
}

function buildGroup(
  key: string,
  description: Json,
  parameters: Map<string, SearchParameter>,
): ParameterGroup {
  const group: SearchParameter[] = [];
  for (const name of Object.keys(description).sort()) {
    const parameter = buildParameter(name, description[name] as Json, parameters);
    parameters.set(name, parameter);
    group.push(parameter);
  }
  return { key, parameters: group };
}

function buildParameter(
  name: string,
  description: Json,
  parameters: Map<string, SearchParameter>,
): SearchParameter {
  const type = description['type'] as NumericType | 'choice';
  if (type === 'choice') {
    const options = (description['options'] as unknown[]).map((option, index) =>
      buildOption(`${name}=${String(index)}`, option, parameters),
    );
    return { kind: 'choice', name, options };
  }
  const step =
    type === 'int' ? ((description['step'] as number | undefined) ?? 1) : description['q'];
  const domain = newNumericDomain({
    type,
    low: description['low'] as number,
    high: description['high'] as number,
    step: step as number | undefined,
    log: type === 'loguniform' || type === 'qloguniform' || description['log'] === true,
  });
  return { kind: 'numeric', name, domain };
}

function buildOption(
  key: string,
  option: unknown,
  parameters: Map<string, SearchParameter>,
): ChoiceOption {
  if (typeof option !== 'object' || option === null) {
    return { label: option as OptionLabel, group: { key, parameters: [] } };
  }
  const json = option as Json;
  const branch = (json['parameters'] ?? {}) as Json;
  return { label: json['value'] as OptionLabel, group: buildGroup(key, branch, parameters) };
}
