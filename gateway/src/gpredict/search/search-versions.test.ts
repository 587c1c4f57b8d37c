import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isSearchError } from './search-error';
import { TPE_DEFAULTS } from './search-options';
import {
  CURRENT_SEARCH_VERSION,
  tpeSettingsOfVersion,
  UNRECORDED_SEARCH_VERSION,
} from './search-versions';

describe('search versions', () => {
  it('the current version is the defaults: a change of the defaults needs a new version', () => {
    assert.deepEqual(tpeSettingsOfVersion(CURRENT_SEARCH_VERSION), TPE_DEFAULTS);
  });

  it('version 1 keeps the settings tasks used before versions were recorded', () => {
    const v1 = tpeSettingsOfVersion(UNRECORDED_SEARCH_VERSION);
    assert.equal(v1.startupTrials, 10);
    assert.equal(v1.gammaFraction, 0.1);
    assert.deepEqual({ ...v1, startupTrials: 5, gammaFraction: 0.15 }, TPE_DEFAULTS);
  });

  it('refuses a version it does not know, naming the field', () => {
    for (const version of [0, CURRENT_SEARCH_VERSION + 1]) {
      assert.throws(
        () => tpeSettingsOfVersion(version),
        (error: unknown) =>
          isSearchError(error, 'DEURO_SEARCH_INVALID_OPTION') && error.field === 'searchVersion',
      );
    }
  });
});
