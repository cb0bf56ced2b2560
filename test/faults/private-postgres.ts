import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from '../support/free-port.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout). */
const BIN = process.env['PG_BIN'] ?? newestPostgresBin();

function newestPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return join(root, versions[0] ?? '15', 'bin');
}

/** True when this machine can run a throwaway PostgreSQL server of its own (binaries, root, a postgres user). */
export function canRunPrivatePostgres(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl')) && process.getuid?.() === 0;
}

/**
 * A PostgreSQL server of the test's own, in a temporary folder on a free port, so a test can stop
 * and start it without touching the shared server on 5432 that other suites use concurrently.
 * PostgreSQL refuses to run as root, hence `runuser -u postgres`.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-private-pg-'));
    chownSync(dir, uidOf('postgres'), gidOf('postgres'));
    const pg = new PrivatePostgres(dir, await freePort());
    await pg.asPostgres('initdb', ['-D', pg.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    await pg.start();
    await pg.asPostgres('createdb', ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', 'elekto']);
    return pg;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/elekto`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    await this.asPostgres('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', join(this.dir, 'server.log'), '-w', '-t', '30', 'start']);
  }

  /** `fast` ends every session at once (what a restart by an operator or an orchestrator does). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.asPostgres('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async asPostgres(tool: string, args: string[]): Promise<void> {
    await run('runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args], { cwd: this.dir, timeout: 60_000 });
  }
}

/** Numeric id of a system user (`id -u` / `id -g`); runs once, before anything else. */
function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}
