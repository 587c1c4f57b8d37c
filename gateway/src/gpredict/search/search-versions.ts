/*
 * Versions of the TPE settings a training task's workers use. A task runs for hours across
 * workers of several organizations, which must all suggest the same configuration for a trial;
 * a task records its version on the ledger, so a task created before a change of the defaults
 * keeps the settings it started with on upgraded workers. Any change to TPE_DEFAULTS adds a
 * version here (a test checks that the newest one is the defaults).
 */
import { SearchError } from './search-error';
import { TPE_DEFAULTS, type TpeSettings } from './search-options';

/**
 * The settings of each version: 1 is Optuna 3.1's defaults (what tasks created before versions
 * were recorded used), 2 the tuned start (docs/gpredict-search.md). Every other setting is the
 * same in both.
 */
const SEARCH_VERSIONS: Readonly<Record<number, TpeSettings>> = {
  1: { ...TPE_DEFAULTS, startupTrials: 10, gammaFraction: 0.1 },
  2: { ...TPE_DEFAULTS, startupTrials: 5, gammaFraction: 0.15 },
};

/** The version new training tasks record. */
export const CURRENT_SEARCH_VERSION = 2;

/** The version a task without one (created before versions were recorded) used. */
export const UNRECORDED_SEARCH_VERSION = 1;

/**
 * The TPE settings of `version`.
 * @throws SearchError `DEURO_SEARCH_INVALID_OPTION` (field `searchVersion`) for a version this
 *   code does not know (a task created by a newer gateway: upgrade the worker).
 */
export function tpeSettingsOfVersion(version: number): TpeSettings {
  const settings = SEARCH_VERSIONS[version];
  if (settings === undefined) {
    throw new SearchError(
      'DEURO_SEARCH_INVALID_OPTION',
      `searchVersion ${String(version)} is not known here (1 to ${String(CURRENT_SEARCH_VERSION)}); a newer Deuro created it: upgrade this worker`,
      { field: 'searchVersion' },
    );
  }
  return settings;
}
