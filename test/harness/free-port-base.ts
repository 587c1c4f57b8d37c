/**
 * Picks a port base for a test network whose whole block of ports is free, so
 * a test network never collides with a running product (base 7000) or another
 * test run. Bases stay below Linux's ephemeral range (32768 and up), where
 * outgoing connections could take a port between the check and the start.
 */
import net from 'node:net';

const BLOCK_SIZE = 500;
const FIRST_BASE = 10_000;
const LAST_BASE = 32_000;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

async function blockIsFree(base: number): Promise<boolean> {
  for (let port = base + 100; port < base + 450; port++) {
    if (!(await portIsFree(port))) {
      return false;
    }
  }
  return true;
}

/** A port base whose block of ports is free now. @throws Error when none is. */
export async function freePortBase(): Promise<number> {
  const count = (LAST_BASE - FIRST_BASE) / BLOCK_SIZE;
  const start = Math.floor(Math.random() * count);
  for (let i = 0; i < count; i++) {
    const base = FIRST_BASE + ((start + i) % count) * BLOCK_SIZE;
    if (base !== 7000 && (await blockIsFree(base))) {
      return base;
    }
  }
  throw new Error(`no free block of ports between ${String(FIRST_BASE)} and ${String(LAST_BASE)}`);
}
