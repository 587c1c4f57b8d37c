/*
 * Progress of uploads and downloads on standard error: a bar when it is a terminal, nothing
 * otherwise (scripts read --json on standard output).
 */
import { Transform } from 'node:stream';

/** A pass-through stream that draws progress. */
export function progressMeter(label: string, total: number | undefined): Transform {
  const tty = process.stderr.isTTY;
  let done = 0;
  let drawn = 0;
  const draw = (final: boolean): void => {
    if (!tty) {
      return;
    }
    const mib = (done / 1024 / 1024).toFixed(1);
    const text =
      total === undefined || total === 0
        ? `${label} ${mib} MiB`
        : `${label} [${'#'.repeat(Math.round((done / total) * 30)).padEnd(30)}] ${String(Math.floor((done / total) * 100))}% ${mib} MiB`;
    process.stderr.write(`\r${text}${final ? '\n' : ''}`);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      if (done - drawn > 256 * 1024) {
        drawn = done;
        draw(false);
      }
      callback(null, chunk);
    },
    flush(callback) {
      draw(true);
      callback();
    },
  });
}
