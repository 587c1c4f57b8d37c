import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { newLocalBlobStore } from './local-blob-store';

/** A child process that starts an upload which never finishes, then reports it is writing. */
const STALLED_UPLOAD = `
const { Readable } = require('node:stream');
const { newLocalBlobStore } = require(process.argv[1]);
let reads = 0;
const source = new Readable({
  read() {
    reads += 1;
    if (reads === 1) this.push(Buffer.alloc(64 * 1024, 7));
    else process.stdout.write('writing\\n');
  },
});
newLocalBlobStore({ directory: process.argv[2] }).put(source);
`;

describe('LocalBlobStore clean-up of interrupted uploads', () => {
  let root = '';
  let counter = 0;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'deuro-cleanup-'));
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function newDirectory(): Promise<string> {
    counter += 1;
    const directory = join(root, `store-${String(counter)}`);
    await mkdir(join(directory, 'incoming'), { recursive: true });
    return directory;
  }

  it('removes the temporary file of a process killed mid-upload', async () => {
    const directory = await newDirectory();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', STALLED_UPLOAD, join(__dirname, 'local-blob-store.ts'), directory],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = once(child, 'exit');
    try {
      await once(child.stdout, 'data');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const store = newLocalBlobStore({ directory });
    const orphans = await store.listIncomplete();
    assert.equal(orphans.length, 1);
    assert.match(orphans[0]?.name ?? '', /\.part$/);

    assert.equal(await store.cleanUp(0), 1);

    assert.deepEqual(await store.listIncomplete(), []);
    assert.deepEqual(await readdir(join(directory, 'incoming')), []);
  });

  it('keeps temporary files younger than the threshold', async () => {
    const directory = await newDirectory();
    const old = join(directory, 'incoming', 'old.part');
    const recent = join(directory, 'incoming', 'recent.part');
    await writeFile(old, 'partial');
    await writeFile(recent, 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    const store = newLocalBlobStore({ directory });

    assert.equal(await store.cleanUp(60 * 60 * 1000), 1);

    assert.deepEqual(
      (await store.listIncomplete()).map((upload) => upload.name),
      ['recent.part'],
    );
  });

  it('never removes an upload in progress in the same store', async () => {
    const directory = await newDirectory();
    const store = newLocalBlobStore({ directory });
    let release: (() => void) | undefined;
    let reads = 0;
    const source = new Readable({
      read() {
        reads += 1;
        if (reads === 1) {
          this.push(Buffer.from('first part'));
        } else if (reads === 2) {
          release = () => {
            this.push(Buffer.from(', second part'));
            this.push(null);
          };
        }
      },
    });
    const upload = store.put(source);
    while (release === undefined) {
      await new Promise((resolve) => setImmediate(resolve));
    }

    assert.equal((await store.listIncomplete()).length, 1);
    assert.equal(await store.cleanUp(0), 0);
    release();

    assert.equal((await upload).size, 'first part, second part'.length);
    assert.deepEqual(await store.listIncomplete(), []);
  });

  it('ignores files that are not temporary uploads and a missing folder', async () => {
    const directory = await newDirectory();
    await writeFile(join(directory, 'incoming', 'README'), 'not an upload');
    const store = newLocalBlobStore({ directory });

    assert.equal(await store.cleanUp(0), 0);
    assert.equal(await newLocalBlobStore({ directory: join(root, 'absent') }).cleanUp(0), 0);
  });
});
