/**
 * A progress indicator for long CLI work (sync of a big meta repository, results over many
 * ballots). On a terminal it redraws one line on stderr; elsewhere (CI, logs) it prints a line at
 * most every `intervalMs`, so output stays short. stdout is left alone for the command's result.
 *
 *   const progress = createProgress('Reading elections', total);
 *   for (...) progress.tick();
 *   progress.done('1,000 elections read');
 */
export interface Progress {
  /** Advances by `n` (default 1). */
  tick(n?: number): void;
  /** Sets the absolute position, and the total when it becomes known. */
  update(done: number, total?: number): void;
  /** Changes the label, e.g. from "Fetching" to "Parsing". */
  stage(label: string, total?: number): void;
  /** Clears the line and prints a final message (when given). */
  done(message?: string): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Force the redrawing style on or off; default: whether the stream is a terminal. */
  interactive?: boolean;
  intervalMs?: number;
  now?: () => number;
}

export function createProgress(label: string, total?: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const interactive = options.interactive ?? Boolean((stream as NodeJS.WriteStream).isTTY);
  const interval = options.intervalMs ?? (interactive ? 100 : 5000);
  const now = options.now ?? Date.now;
  const started = now();
  let current = 0;
  let last = -Infinity;
  let drawn = false;

  const line = (): string => {
    const secs = ((now() - started) / 1000).toFixed(1);
    if (total === undefined || total <= 0) return `${label}: ${current.toLocaleString('en')} (${secs}s)`;
    const pct = Math.min(100, Math.floor((current / total) * 100));
    const width = 20;
    const filled = Math.round((pct / 100) * width);
    const bar = interactive ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
    return `${label}: ${bar}${current.toLocaleString('en')}/${total.toLocaleString('en')} (${pct}%, ${secs}s)`;
  };
  const draw = (force = false): void => {
    const t = now();
    if (!force && t - last < interval) return;
    last = t;
    stream.write(interactive ? `\r\x1b[2K${line()}` : `${line()}\n`);
    drawn = true;
  };

  return {
    tick(n = 1) {
      current += n;
      draw();
    },
    update(done, newTotal) {
      current = done;
      if (newTotal !== undefined) total = newTotal;
      draw();
    },
    stage(newLabel, newTotal) {
      label = newLabel;
      total = newTotal;
      current = 0;
      draw(true);
    },
    done(message) {
      if (interactive && drawn) stream.write('\r\x1b[2K');
      if (message) stream.write(`${message}\n`);
    },
  };
}
