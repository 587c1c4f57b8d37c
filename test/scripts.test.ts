/**
 * The operator scripts: bad input gets a clear error before anything starts,
 * and the Fabric binaries are the pinned release.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';

import { repoRoot } from './harness/run-script';

const execFileAsync = promisify(execFile);
const runDir = mkdtempSync(path.join(tmpdir(), 'deuro-scripts-'));

interface Outcome {
  readonly code: number;
  readonly output: string;
}

async function run(command: string, args: readonly string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd: repoRoot,
      env: { ...process.env, DEURO_RUN_DIR: path.join(runDir, 'network') },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

const script = (name: string, ...args: string[]): Promise<Outcome> =>
  run('bash', [path.join(repoRoot, 'scripts', name), ...args]);

function pinned(name: string): string {
  const versionFile = readFileSync(path.join(repoRoot, 'scripts', 'fabric-version.sh'), 'utf8');
  const match = new RegExp(`^${name}="([^"]+)"`, 'm').exec(versionFile);
  assert.ok(match?.[1], `${name} is pinned in scripts/fabric-version.sh`);
  return match[1];
}

void describe('operator scripts', () => {
  after(() => {
    rmSync(runDir, { recursive: true, force: true });
  });

  it('network.sh names the valid nodes when given an unknown one', async () => {
    const outcome = await script('network.sh', 'stop', 'orderer9');
    assert.equal(outcome.code, 1);
    assert.match(outcome.output, /unknown node 'orderer9'; nodes are: orderer1 .* gateway\.org2/);
  });

  it('network.sh up rejects an unknown consensus before starting anything', async () => {
    const outcome = await script('network.sh', 'up', '--consensus', 'paxos');
    assert.equal(outcome.code, 1);
    assert.match(outcome.output, /--consensus must be bft or raft, not 'paxos'/);
    assert.equal((await script('network.sh', 'status')).output.match(/stopped/g)?.length, 12);
  });

  it('deploy-chaincode.sh rejects a version a chaincode label cannot carry', async () => {
    const outcome = await script('deploy-chaincode.sh', '--version', 'one two');
    assert.equal(outcome.code, 1);
    assert.match(outcome.output, /version 'one two' must be letters, digits and \. _ \+ -/);
  });

  it('deploy-chaincode.sh says to start the network when it is not running', async () => {
    const outcome = await script('deploy-chaincode.sh', '--skip-build');
    assert.equal(outcome.code, 1);
    assert.match(outcome.output, /is not running: start the network with scripts\/network.sh up/);
  });

  it('builds peer and orderer that report the pinned Fabric version and commit', async () => {
    const binDir = (await script('fabric-binaries.sh', '--path')).output.trim();
    const version = pinned('FABRIC_VERSION');
    const commit = pinned('FABRIC_COMMIT').slice(0, 9);
    for (const binary of ['peer', 'orderer']) {
      const { output } = await run(path.join(binDir, binary), ['version']);
      assert.match(output, new RegExp(`Version: ${version.replace(/\./g, '\\.')}\\n`), binary);
      assert.match(output, new RegExp(`Commit SHA: ${commit}\\n`), binary);
    }
  });
});
