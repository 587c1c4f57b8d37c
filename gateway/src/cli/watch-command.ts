/*
 * `deuro watch`: the ledger's events as they commit, from the gateway's Server-Sent Events
 * stream. When the connection drops, it reconnects with the last event id it saw, so no event is
 * missed or repeated; Ctrl-C stops it.
 */
import { setTimeout } from 'node:timers/promises';

import type { Command } from 'commander';

import { CliError, exitCodes } from './cli-error';
import { client, globals, type GlobalOptions } from './program';

interface LedgerEvent {
  readonly id: string;
  readonly name: string;
  readonly data: string;
}

/** One SSE field line applied to the event being read. */
function applyField(event: { id: string; name: string; data: string[] }, line: string): void {
  const colon = line.indexOf(':');
  const field = colon < 0 ? line : line.slice(0, colon);
  const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
  if (field === 'id') event.id = value;
  else if (field === 'event') event.name = value;
  else if (field === 'data') event.data.push(value);
}

/** Parse an SSE stream into events. */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<LedgerEvent> {
  const decoder = new TextDecoder();
  let buffered = '';
  let event = { id: '', name: 'message', data: [] as string[] };
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.replace(/\r$/, '');
      if (line === '' && event.data.length > 0) {
        yield { id: event.id, name: event.name, data: event.data.join('\n') };
      }
      if (line === '') {
        event = { id: event.id, name: 'message', data: [] };
      } else if (!line.startsWith(':')) {
        applyField(event, line);
      }
    }
  }
}

function describe(event: LedgerEvent): string {
  try {
    const payload = JSON.parse(event.data) as {
      payload?: { action?: string; id?: string; from?: string | null; to?: string; actor?: string };
      blockNumber?: string;
    };
    const facts = payload.payload ?? {};
    const move = facts.to === undefined ? '' : ` ${facts.from ?? '∅'} → ${facts.to}`;
    return `${event.id}\t${event.name}\t${facts.action ?? ''}\t${facts.id ?? ''}${move}\t${facts.actor ?? ''}`;
  } catch {
    return `${event.id}\t${event.name}\t${event.data}`;
  }
}

function printEvent(options: GlobalOptions, event: LedgerEvent): void {
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ id: event.id, event: event.name, data: JSON.parse(event.data) as unknown })}\n`
      : `${describe(event)}\n`,
  );
}

/** Stream events until the connection ends. @returns The last event id seen. */
async function streamOnce(
  options: GlobalOptions,
  fromBlock: string,
  asset: string | undefined,
  lastEventId: string,
): Promise<string> {
  const query = fromBlock === '' ? '' : `?fromBlock=${fromBlock}`;
  const response = await client(options).request('GET', `/v1/events${query}`, {
    headers: {
      accept: 'text/event-stream',
      ...(lastEventId === '' ? {} : { 'last-event-id': lastEventId }),
    },
  });
  if (response.body === null) {
    throw new Error('the gateway sent no event stream');
  }
  // The stream is open: from here on no committed event is missed.
  process.stderr.write(
    `deuro watch: watching ${lastEventId !== '' ? `after event ${lastEventId}` : fromBlock === '' ? 'from the next block' : `from block ${fromBlock}`}\n`,
  );
  let last = lastEventId;
  for await (const event of serverSentEvents(response.body)) {
    last = event.id;
    if (asset === undefined || event.data.includes(`"id":${JSON.stringify(asset)}`)) {
      printEvent(options, event);
    }
  }
  return last;
}

async function watch(
  options: GlobalOptions,
  fromBlock: string,
  asset: string | undefined,
): Promise<never> {
  let lastEventId = '';
  for (;;) {
    try {
      lastEventId = await streamOnce(options, fromBlock, asset, lastEventId);
    } catch (error) {
      // Refusals (bad credentials, bad block) end the command; lost connections reconnect.
      if (error instanceof CliError && error.exitCode !== exitCodes.unavailable) {
        throw error;
      }
      process.stderr.write(
        `deuro watch: ${error instanceof Error ? error.message : String(error)}; reconnecting\n`,
      );
    }
    await setTimeout(1000);
  }
}

/** Add watch to the program. */
export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('print the ledger events you may see as they commit (Ctrl-C stops)')
    .option('--from-block <n>', 'start at this block (default: the next one)', 'next')
    .option('--asset <id>', 'only events of this asset')
    .action(async (command: { fromBlock: string; asset?: string }) => {
      const options = globals();
      if (command.fromBlock !== 'next' && !/^[0-9]+$/.test(command.fromBlock)) {
        throw new CliError('--from-block must be a block number', exitCodes.usage);
      }
      await watch(options, command.fromBlock === 'next' ? '' : command.fromBlock, command.asset);
    });
}
