import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { formatMfccParameterTable } from './audio/index';
import { formatImageParameterTable } from './image/index';

describe('docs/features.md', () => {
  it('lists every parameter of both extractors, with its default, as the code does', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'features.md'), 'utf8');
    assert.ok(doc.includes(formatMfccParameterTable().trim()), 'the MFCC table is current');
    assert.ok(doc.includes(formatImageParameterTable().trim()), 'the image table is current');
  });
});
