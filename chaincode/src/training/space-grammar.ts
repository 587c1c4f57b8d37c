/*
 * The search-space grammar (docs/gpredict-search.md) as the chaincode checks it, so that a task
 * never stores a space its workers would refuse, whatever client submitted it. Everything below
 * the header is a verbatim copy of gateway/src/gpredict/search/space-validator.ts, which was
 * written to be carried here: a pure function of parsed JSON with no imports that only compares
 * numbers (no arithmetic on floats), checks integers with Number.isSafeInteger, and walks object
 * keys in sorted order, so every endorser reports the same first fault. A unit test fails when
 * the two copies drift. The space itself stays JSON text in state; nothing here stores a number.
 */

/** The grammar's size limits, so that a space stored on chain stays small. */
export const SPACE_LIMITS = {
  /** Parameters in the whole space, over every branch. */
  maxParameters: 256,
  /** Choices nested inside one another. */
  maxChoiceDepth: 8,
  /** Options of one choice. */
  maxOptions: 256,
  /** Characters of a parameter name. */
  maxNameLength: 64,
  /** Characters of a string option label. */
  maxLabelLength: 128,
  /** Largest magnitude of a bound or step (floats and integers alike). */
  maxMagnitude: 1e15,
} as const;

/** The parameter types of the grammar. */
export const PARAMETER_TYPES = [
  'uniform',
  'loguniform',
  'quniform',
  'qloguniform',
  'int',
  'choice',
] as const;

/** Where a space description breaks the grammar. */
export interface SpaceProblem {
  /** JSON Pointer (RFC 6901) of the faulty value, `""` for the whole document. */
  readonly path: string;
  /** What the grammar requires there. */
  readonly reason: string;
}

type Json = Record<string, unknown>;

interface WalkState {
  /** Parameter name to the path where it was first declared. */
  readonly names: Map<string, string>;
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * The first fault of a search-space description, or undefined when it is valid.
 * @param space - Parsed JSON (the result of `JSON.parse`).
 */
export function findSpaceProblem(space: unknown): SpaceProblem | undefined {
  if (!isObject(space)) {
    return problem('', 'a search space must be a JSON object');
  }
  const extra = unknownKey(space, '', ['parameters', 'version']);
  if (extra !== undefined) {
    return extra;
  }
  if (space['version'] !== undefined && space['version'] !== 1) {
    return problem('/version', 'version must be 1 when given');
  }
  if (space['parameters'] === undefined) {
    return problem('/parameters', 'parameters is required');
  }
  const state: WalkState = { names: new Map() };
  const found = checkParameters(space['parameters'], '/parameters', 0, state);
  if (found === undefined && state.names.size === 0) {
    return problem('/parameters', 'a search space needs at least one parameter');
  }
  return found;
}

function checkParameters(
  value: unknown,
  path: string,
  depth: number,
  state: WalkState,
): SpaceProblem | undefined {
  if (!isObject(value)) {
    return problem(path, 'parameters must be an object of name to parameter');
  }
  for (const name of Object.keys(value).sort()) {
    const childPath = `${path}/${escapePointer(name)}`;
    const found =
      checkName(name, childPath, state) ?? checkParameter(value[name], childPath, depth, state);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

function checkName(name: string, path: string, state: WalkState): SpaceProblem | undefined {
  if (name.length > SPACE_LIMITS.maxNameLength || !NAME_PATTERN.test(name)) {
    return problem(
      path,
      `a parameter name is a letter then letters, digits, '_', '.' or '-', at most ${String(SPACE_LIMITS.maxNameLength)} characters`,
    );
  }
  const first = state.names.get(name);
  if (first !== undefined) {
    return problem(path, `parameter name already used at ${first}; names are unique in a space`);
  }
  if (state.names.size >= SPACE_LIMITS.maxParameters) {
    return problem(path, `a space has at most ${String(SPACE_LIMITS.maxParameters)} parameters`);
  }
  state.names.set(name, path);
  return undefined;
}

function checkParameter(
  value: unknown,
  path: string,
  depth: number,
  state: WalkState,
): SpaceProblem | undefined {
  if (!isObject(value)) {
    return problem(path, 'a parameter must be an object with a type');
  }
  switch (value['type']) {
    case 'uniform':
    case 'loguniform':
      return checkFloatParameter(value, path, value['type'] === 'loguniform', false);
    case 'quniform':
    case 'qloguniform':
      return checkFloatParameter(value, path, value['type'] === 'qloguniform', true);
    case 'int':
      return checkIntParameter(value, path);
    case 'choice':
      return checkChoice(value, path, depth + 1, state);
    default:
      return problem(`${path}/type`, `type must be one of ${PARAMETER_TYPES.join(', ')}`);
  }
}

function checkFloatParameter(
  value: Json,
  path: string,
  log: boolean,
  quantized: boolean,
): SpaceProblem | undefined {
  const extra = unknownKey(
    value,
    path,
    quantized ? ['high', 'low', 'q', 'type'] : ['high', 'low', 'type'],
  );
  if (extra !== undefined) {
    return extra;
  }
  const low = value['low'];
  const high = value['high'];
  const found = checkFloat(low, `${path}/low`) ?? checkFloat(high, `${path}/high`);
  if (found !== undefined) {
    return found;
  }
  if (log && !((low as number) > 0)) {
    return problem(`${path}/low`, 'low must be greater than 0 on a log scale');
  }
  if (!((low as number) < (high as number))) {
    return problem(`${path}/high`, 'high must be greater than low');
  }
  if (quantized) {
    return checkFloat(value['q'], `${path}/q`) ?? checkPositive(value['q'], `${path}/q`);
  }
  return undefined;
}

function checkIntParameter(value: Json, path: string): SpaceProblem | undefined {
  const extra = unknownKey(value, path, ['high', 'log', 'low', 'step', 'type']);
  if (extra !== undefined) {
    return extra;
  }
  const { low, high, step, log } = value;
  const found =
    checkInteger(low, `${path}/low`) ??
    checkInteger(high, `${path}/high`) ??
    checkStep(step, `${path}/step`);
  if (found !== undefined) {
    return found;
  }
  if (!((low as number) < (high as number))) {
    return problem(`${path}/high`, 'high must be greater than low');
  }
  if (log !== undefined && typeof log !== 'boolean') {
    return problem(`${path}/log`, 'log must be true or false');
  }
  return log === true ? checkLogInt(low as number, step, path) : undefined;
}

function checkStep(step: unknown, path: string): SpaceProblem | undefined {
  return step === undefined ? undefined : (checkInteger(step, path) ?? checkPositive(step, path));
}

function checkLogInt(low: number, step: unknown, path: string): SpaceProblem | undefined {
  if (low < 1) {
    return problem(`${path}/low`, 'low must be at least 1 on a log scale');
  }
  if (step !== undefined && step !== 1) {
    return problem(`${path}/step`, 'step must be 1 on a log scale');
  }
  return undefined;
}

function checkChoice(
  value: Json,
  path: string,
  depth: number,
  state: WalkState,
): SpaceProblem | undefined {
  const extra = unknownKey(value, path, ['options', 'type']);
  if (extra !== undefined) {
    return extra;
  }
  if (depth > SPACE_LIMITS.maxChoiceDepth) {
    return problem(path, `choices nest at most ${String(SPACE_LIMITS.maxChoiceDepth)} deep`);
  }
  const options = value['options'];
  if (!Array.isArray(options) || options.length === 0) {
    return problem(`${path}/options`, 'options must be a non-empty array');
  }
  if (options.length > SPACE_LIMITS.maxOptions) {
    return problem(
      `${path}/options`,
      `a choice has at most ${String(SPACE_LIMITS.maxOptions)} options`,
    );
  }
  const labels = new Map<string, number>();
  for (let index = 0; index < options.length; index += 1) {
    const found = checkOption(options[index], index, `${path}/options/${String(index)}`, depth, {
      state,
      labels,
    });
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

interface ChoiceState {
  readonly state: WalkState;
  /** Option label (as `type:value`) to the index of the option that has it. */
  readonly labels: Map<string, number>;
}

function checkOption(
  option: unknown,
  index: number,
  path: string,
  depth: number,
  choice: ChoiceState,
): SpaceProblem | undefined {
  if (!isObject(option)) {
    return checkLabel(option, index, path, choice.labels);
  }
  const extra = unknownKey(option, path, ['parameters', 'value']);
  if (extra !== undefined) {
    return extra;
  }
  return (
    checkLabel(option['value'], index, `${path}/value`, choice.labels) ??
    (option['parameters'] === undefined
      ? undefined
      : checkParameters(option['parameters'], `${path}/parameters`, depth, choice.state))
  );
}

function checkLabel(
  label: unknown,
  index: number,
  path: string,
  labels: Map<string, number>,
): SpaceProblem | undefined {
  const ok =
    typeof label === 'boolean' ||
    Number.isSafeInteger(label) ||
    (typeof label === 'string' && label.length <= SPACE_LIMITS.maxLabelLength);
  if (!ok) {
    return problem(
      path,
      `an option is a string of at most ${String(SPACE_LIMITS.maxLabelLength)} characters, a safe integer, a boolean, or an object with a value`,
    );
  }
  const key = `${typeof label}:${String(label)}`;
  if (labels.has(key)) {
    return problem(path, `option value repeats option ${String(labels.get(key))}`);
  }
  labels.set(key, index);
  return undefined;
}

function checkFloat(value: unknown, path: string): SpaceProblem | undefined {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value <= SPACE_LIMITS.maxMagnitude &&
    value >= -SPACE_LIMITS.maxMagnitude;
  return ok
    ? undefined
    : problem(path, `must be a number of magnitude at most ${String(SPACE_LIMITS.maxMagnitude)}`);
}

function checkInteger(value: unknown, path: string): SpaceProblem | undefined {
  const ok =
    Number.isSafeInteger(value) &&
    (value as number) <= SPACE_LIMITS.maxMagnitude &&
    (value as number) >= -SPACE_LIMITS.maxMagnitude;
  return ok
    ? undefined
    : problem(path, `must be an integer of magnitude at most ${String(SPACE_LIMITS.maxMagnitude)}`);
}

function checkPositive(value: unknown, path: string): SpaceProblem | undefined {
  return (value as number) > 0 ? undefined : problem(path, 'must be greater than 0');
}

function unknownKey(
  value: Json,
  path: string,
  allowed: readonly string[],
): SpaceProblem | undefined {
  const extra = Object.keys(value)
    .sort()
    .find((key) => !allowed.includes(key));
  return extra === undefined
    ? undefined
    : problem(`${path}/${escapePointer(extra)}`, `unknown key; allowed: ${allowed.join(', ')}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON Pointer reference token: `~` as `~0`, `/` as `~1`. */
function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function problem(path: string, reason: string): SpaceProblem {
  return { path, reason };
}
