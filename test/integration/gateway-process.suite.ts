import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { orgNamed } from '@deuro/gateway';

import type { TestNetwork } from '../harness/test-network';

/** The gateway processes that npm start runs, one per organization, with their enrolled users. */
export function gatewayProcessSuite(network: () => TestNetwork): void {
  void describe('gateway: the processes npm start runs', () => {
    for (const org of ['org1', 'org2']) {
      it(`serves ${org}'s users under their own identities`, async () => {
        const { layout } = network();
        const base = `http://127.0.0.1:${String(orgNamed(layout, org).gatewayPort)}`;
        assert.equal((await fetch(`${base}/readyz`)).status, 200);
        const keys = JSON.parse(
          readFileSync(path.join(layout.runDir, `gateway-${org}`, 'dev-api-keys.json'), 'utf8'),
        ) as Record<string, string>;
        for (const user of ['User1', 'User2', 'Admin']) {
          const label = `${user}@${org}.deuro.local`;
          const response = await fetch(`${base}/v1/me`, {
            headers: { authorization: `Bearer ${keys[label] ?? ''}` },
          });
          assert.equal(response.status, 200, label);
          const me = (await response.json()) as { label: string; mspId: string; isAdmin: boolean };
          assert.equal(me.label, label);
          assert.equal(me.mspId, orgNamed(layout, org).mspId);
          assert.equal(me.isAdmin, user === 'Admin');
        }
      });
    }
  });
}
