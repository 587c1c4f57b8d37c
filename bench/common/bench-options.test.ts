import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  applySettings,
  type BenchSetting,
  commaListOf,
  numberIn,
  parseCommaList,
  parseText,
  parseYesNo,
  readFlags,
  wantsHelp,
  wholeNumberIn,
} from './bench-options';

interface Example {
  readonly rounds: number;
  readonly level: number;
  readonly fast: boolean;
  readonly dir: string;
  readonly names: readonly string[];
}

const defaults: Example = { rounds: 3, level: 0.5, fast: false, dir: '/tmp', names: [] };

const settings: readonly BenchSetting<Example>[] = [
  { key: 'rounds', flag: '--rounds', env: 'EXAMPLE_ROUNDS', parse: wholeNumberIn(1, 100) },
  { key: 'level', flag: '--level', env: 'EXAMPLE_LEVEL', parse: numberIn(0, 1) },
  { key: 'fast', flag: '--fast', env: 'EXAMPLE_FAST', parse: parseYesNo },
  { key: 'dir', flag: '--dir', env: 'EXAMPLE_DIR', parse: parseText },
  { key: 'names', flag: '--names', env: 'EXAMPLE_NAMES', parse: parseCommaList },
];

const usage = 'usage: example [options]';

function parse(argv: readonly string[], env: Readonly<Record<string, string>> = {}): Example {
  const flags = readFlags(
    argv,
    settings.map((setting) => setting.flag),
    usage,
  );
  return applySettings(defaults, settings, flags, env);
}

describe('bench options: precedence', () => {
  it('takes the flag, then a non-empty variable, then the default', () => {
    assert.deepEqual(parse([]), defaults);
    assert.equal(parse([], { EXAMPLE_ROUNDS: '7' }).rounds, 7);
    assert.equal(parse(['--rounds', '5'], { EXAMPLE_ROUNDS: '7' }).rounds, 5);
    assert.equal(parse([], { EXAMPLE_ROUNDS: '' }).rounds, 3);
    assert.equal(parse(['--dir', '/data'], { EXAMPLE_DIR: '/env' }).dir, '/data');
    assert.equal(parse([], { EXAMPLE_DIR: '/env' }).dir, '/env');
  });

  it('does not change the defaults', () => {
    parse(['--rounds', '9']);
    assert.equal(defaults.rounds, 3);
  });
});

describe('bench options: flags', () => {
  it('reads `--flag value` and `--flag=value`', () => {
    assert.deepEqual(
      [...readFlags(['--a', '1', '--b=x=y'], ['--a', '--b'], usage)],
      [
        ['--a', '1'],
        ['--b', 'x=y'],
      ],
    );
  });

  it('rejects an unknown flag with the usage text', () => {
    assert.throws(() => parse(['--slow', '1']), /^Error: unknown option --slow\nusage: example/);
    assert.throws(() => parse(['--slow=1']), /unknown option --slow\n/);
  });

  it('names a flag that has no value', () => {
    assert.throws(() => parse(['--rounds']), /^Error: --rounds needs a value$/);
    assert.throws(() => parse(['--dir', '/data', '--rounds']), /--rounds needs a value/);
  });

  it('reads switches without a value', () => {
    const flags = readFlags(['--now', '--a', '1'], ['--a'], usage, ['--now']);
    assert.equal(flags.get('--now'), '');
    assert.equal(flags.get('--a'), '1');
    assert.throws(() => readFlags(['--now=1'], ['--a'], usage, ['--now']), /--now takes no value/);
  });

  it('sees a request for help', () => {
    assert.ok(wantsHelp(['--rounds', '3', '--help']));
    assert.ok(wantsHelp(['-h']));
    assert.ok(!wantsHelp(['--rounds', '3']));
  });
});

describe('bench options: values', () => {
  it('reads whole numbers in range, naming the flag or variable otherwise', () => {
    assert.equal(parse(['--rounds', '100']).rounds, 100);
    assert.throws(
      () => parse(['--rounds', '0']),
      /^Error: --rounds must be a whole number from 1 to 100, got 0$/,
    );
    assert.throws(() => parse(['--rounds', '2.5']), /--rounds must be a whole number/);
    assert.throws(() => parse(['--rounds', '']), /--rounds must be a whole number/);
    assert.throws(
      () => parse([], { EXAMPLE_ROUNDS: 'x' }),
      /^Error: EXAMPLE_ROUNDS must be a whole number from 1 to 100, got x$/,
    );
  });

  it('reads numbers with fractions in range', () => {
    assert.equal(parse(['--level', '0.25']).level, 0.25);
    assert.throws(
      () => parse(['--level', '1.5']),
      /^Error: --level must be a number from 0 to 1, got 1\.5$/,
    );
    assert.throws(() => parse([], { EXAMPLE_LEVEL: 'NaN' }), /EXAMPLE_LEVEL must be a number/);
    assert.throws(() => parse(['--level', ' ']), /--level must be a number/);
  });

  it('reads yes or no', () => {
    assert.equal(parse(['--fast', 'yes']).fast, true);
    assert.equal(parse(['--fast', 'no'], { EXAMPLE_FAST: 'yes' }).fast, false);
    assert.equal(parse([], { EXAMPLE_FAST: 'true' }).fast, true);
    assert.equal(parseYesNo('false', '--fast'), false);
    assert.throws(() => parse(['--fast', 'maybe']), /^Error: --fast must be yes or no, got maybe$/);
    assert.throws(() => parse([], { EXAMPLE_FAST: 'Yes' }), /EXAMPLE_FAST must be yes or no/);
  });

  it('reads comma lists, trimmed, without empty items', () => {
    assert.deepEqual(parse(['--names', 'a, b,,c,']).names, ['a', 'b', 'c']);
    assert.deepEqual(parse(['--names', '']).names, []);
  });

  it('reads comma lists of checked items, naming the first bad one', () => {
    const sizes = commaListOf((item) => (item === 'small' || item === 'large' ? item : undefined));
    assert.deepEqual(sizes(' small,large ', '--sizes'), ['small', 'large']);
    assert.throws(() => sizes('small,huge,tiny', '--sizes'), /^Error: --sizes: huge is not valid$/);
    assert.throws(
      () => sizes('small,', 'EXAMPLE_SIZES'),
      /^Error: EXAMPLE_SIZES: empty item is not valid$/,
    );
  });
});
