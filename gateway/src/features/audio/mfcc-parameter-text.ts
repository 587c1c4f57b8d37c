/**
 * The parameter table as text: command-line values parsed into typed values, defaults printed,
 * and the Markdown table docs/features-audio.md carries.
 */

import { AudioError, AudioErrorCode } from './errors.js';
import {
  MFCC_PARAMETERS,
  type MfccParameterSpec,
  type MfccParameterValue,
} from './mfcc-parameters.js';

function invalid(spec: MfccParameterSpec, text: string, expected: string): AudioError {
  return new AudioError(
    AudioErrorCode.invalidParameter,
    `${spec.name} (${spec.flag}) must be ${expected} (got '${text}')`,
    { field: spec.name, value: text },
  );
}

const BOOLEANS: Readonly<Record<string, boolean>> = {
  yes: true,
  no: false,
  true: true,
  false: false,
  '1': true,
  '0': false,
};

function parseNumber(spec: MfccParameterSpec, text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) throw invalid(spec, text, 'a number');
  return value;
}

function parseInteger(spec: MfccParameterSpec, text: string): number {
  const value = parseNumber(spec, text);
  if (!Number.isInteger(value)) throw invalid(spec, text, 'an integer');
  return value;
}

function parseBoolean(spec: MfccParameterSpec, text: string): boolean {
  const value = BOOLEANS[text.trim().toLowerCase()];
  if (value === undefined) throw invalid(spec, text, 'yes or no');
  return value;
}

function parseChoice(spec: MfccParameterSpec, text: string): string {
  if (!(spec.choices ?? []).includes(text)) throw invalid(spec, text, `one of ${spec.range}`);
  return text;
}

/**
 * Parses a command-line value for a parameter of {@link MFCC_PARAMETERS}: numbers, integers,
 * booleans (`yes`/`no`, `true`/`false`, `1`/`0`), one of the choices, comma-separated numbers,
 * or `mix`/an index for the channel. Ranges are checked later, by
 * {@link resolveMfccPipelineOptions}, with the other options in view.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` naming the parameter (`details.field`)
 * for an unknown name or a value of the wrong type.
 */
export function parseMfccParameterValue(name: string, text: string): MfccParameterValue {
  const spec = MFCC_PARAMETERS.find((p) => p.name === name);
  if (spec === undefined) {
    throw new AudioError(AudioErrorCode.invalidParameter, `unknown parameter ${name}`, {
      field: name,
    });
  }
  switch (spec.type) {
    case 'number':
      return parseNumber(spec, text);
    case 'integer':
      return parseInteger(spec, text);
    case 'boolean':
      return parseBoolean(spec, text);
    case 'choice':
      return parseChoice(spec, text);
    case 'number-list':
      return text.split(',').map((part) => parseNumber(spec, part));
    case 'channel':
      return text === 'mix' ? 'mix' : parseInteger(spec, text);
  }
}

/** A default as the docs and `--help` show it. */
export function formatParameterDefault(value: MfccParameterValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/**
 * The table as Markdown, one row per parameter, as docs/features-audio.md carries it; a test
 * fails when the page and this differ.
 */
export function formatMfccParameterTable(): string {
  const lines = [
    '| option | flag | sphinx_fe | type | default | unit | allowed | meaning |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of MFCC_PARAMETERS) {
    const cells = [
      `\`${p.name}\``,
      `\`${p.flag}\``,
      p.sphinxFlag === undefined ? '' : `\`${p.sphinxFlag}\``,
      p.type,
      `\`${formatParameterDefault(p.default)}\``,
      p.unit,
      p.range,
      p.description,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
