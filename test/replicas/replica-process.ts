/**
 * One `elekto serve` process for the replica tests: started from bin/elekto.js on a free loopback
 * port, its JSON log lines kept (with the time each was read), stopped with SIGTERM then SIGKILL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/elekto.js', import.meta.url));

export interface LogLine {
  readonly level: number;
  readonly time: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** The child's environment: ours without Jest's NODE_OPTIONS, plus the test's variables. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _ignored, ...rest } = process.env;
  return { ...rest, ...env };
}

/** Runs `elekto <args>` to completion (e.g. `migrate`); throws with its output when it fails. */
export function runElekto(args: string[], env: Record<string, string>, cwd: string): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: childEnv(env), encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`elekto ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export class Replica {
  readonly logs: LogLine[] = [];
  private readonly child: ChildProcess;
  private stderr = '';
  private listening: Promise<string>;

  constructor(
    readonly name: string,
    env: Record<string, string>,
    cwd: string,
  ) {
    this.child = spawn(process.execPath, [BIN, 'serve', '--host', '127.0.0.1', '--port', '0'], {
      cwd,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.listening = new Promise((resolve, reject) => {
      createInterface({ input: this.child.stdout! }).on('line', (line) => {
        let rec: LogLine;
        try {
          rec = JSON.parse(line) as LogLine;
        } catch {
          return;
        }
        this.logs.push(rec);
        const port = /elekto listening on http:\/\/[^:]+:(\d+)/.exec(rec.msg ?? '')?.[1];
        if (port) resolve(`http://127.0.0.1:${port}`);
      });
      this.child.once('exit', (code, signal) =>
        reject(new Error(`replica ${name} exited (${code ?? signal}) before listening:\n${this.stderr}\n${this.logs.map((l) => l.msg).join('\n')}`)),
      );
    });
  }

  /** The base URL once the replica listens and /ready says the database and the meta are there. */
  async ready(timeoutMs = 60_000): Promise<string> {
    const url = await this.listening;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await fetch(`${url}/ready`).catch(() => null);
      if (res?.status === 200) return url;
      if (Date.now() > deadline) throw new Error(`replica ${this.name} is not ready: ${res ? await res.text() : 'no answer'}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  messages(pattern: RegExp): LogLine[] {
    return this.logs.filter((l) => pattern.test(l.msg ?? ''));
  }

  /** Sends the process a signal (SIGHUP: read ORGANIZATIONS_FILE again). */
  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
