import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

import { keepLeaseRenewed } from './lease-renewal';

/** Poll `condition` every 5 ms for up to 5 s (timers are late on a loaded machine). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    assert.ok(waited < 5000, 'timed out');
    await delay(5);
  }
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

void describe('keepLeaseRenewed', () => {
  before(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  after(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  void it('logs a renewal that fails with an error and keeps renewing: no unhandled rejection, the lease is not lost', async () => {
    const lines: string[] = [];
    let calls = 0;
    const renewal = keepLeaseRenewed({
      renew: () => {
        calls++;
        return calls <= 2
          ? Promise.reject(new Error('DEURO_LEDGER_UNAVAILABLE: the ledger did not answer'))
          : Promise.resolve(true);
      },
      everyMs: 10,
      log: (line) => lines.push(line),
    });
    await until(() => calls >= 3);
    await renewal.stop();
    await delay(20);
    assert.equal(renewal.isLost(), false);
    assert.equal(renewal.lost.aborted, false);
    assert.equal(renewal.failures(), 2);
    assert.equal(lines.length, 2);
    assert.match(
      lines[0] ?? '',
      /renewing the lease failed \(1 in a row\): DEURO_LEDGER_UNAVAILABLE/,
    );
    assert.match(lines[1] ?? '', /\(2 in a row\)/);
    assert.deepEqual(unhandled, []);
  });

  void it('aborts `lost` when a renewal is refused, and renews no more', async () => {
    let calls = 0;
    const renewal = keepLeaseRenewed({
      renew: () => {
        calls++;
        return Promise.resolve(calls < 2);
      },
      everyMs: 10,
      log: () => undefined,
    });
    await until(() => renewal.isLost());
    await delay(50);
    assert.equal(calls, 2);
    assert.ok(renewal.lost.aborted);
    await renewal.stop();
  });

  void it('renews one at a time, and stop() waits for the renewal in flight and ends the renewals', async () => {
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    let finished = 0;
    const renewal = keepLeaseRenewed({
      renew: async () => {
        calls++;
        inFlight++;
        most = Math.max(most, inFlight);
        await delay(35);
        inFlight--;
        finished++;
        return true;
      },
      everyMs: 5,
      log: () => undefined,
    });
    await until(() => calls >= 2 && inFlight === 1);
    await renewal.stop();
    assert.equal(inFlight, 0, 'stop() resolved with a renewal in flight');
    assert.equal(finished, calls);
    assert.equal(most, 1);
    const stoppedAt = calls;
    await delay(40);
    assert.equal(calls, stoppedAt, 'renewed after stop()');
    await renewal.stop();
  });
});
