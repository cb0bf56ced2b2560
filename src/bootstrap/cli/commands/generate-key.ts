import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Env } from '../../config/read-env.js';
import { type LinksUnderKey, type RotationCheck, checkKeyRotation } from './key-rotation-check.js';

/** Replaces the APP_KEY line (commented-out ones too) or appends one; other lines stay byte for byte. */
export function withAppKey(text: string, key: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /^\s*(export\s+)?APP_KEY\s*=/.test(l));
  if (i >= 0) {
    lines[i] = `APP_KEY=${key}`;
    return lines.join('\n');
  }
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${sep}APP_KEY=${key}\n`;
}

/**
 * `elekto generate-key [--env-file <path>] [--print] [--force]`; `env` and `cwd` default to the
 * process's (tests pass their own). Exit 0 written, 1 refused or not written.
 */
export async function run(values: { envFile?: string; print?: boolean; force?: boolean }, io: { env?: Env; cwd?: string } = {}): Promise<number> {
  const key = randomBytes(32).toString('hex');
  if (values.print) {
    process.stdout.write(`${key}\n`);
    return 0;
  }
  const cwd = io.cwd ?? process.cwd();
  const file = resolve(cwd, values.envFile ?? ((io.env ?? process.env)['ENV_FILE']?.trim() || '.env'));
  const check = await checkKeyRotation({ envFile: file, env: io.env, cwd });
  if (!reportCheck(check, values.force === true)) return 1;
  const existed = existsSync(file);
  try {
    const text = existed ? readFileSync(file, 'utf8') : '';
    writeFileSync(file, withAppKey(text, key), existed ? {} : { mode: 0o600 });
  } catch (e) {
    process.stderr.write(`elekto generate-key: cannot write ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${existed ? 'Updated' : 'Created'} ${file} with a new APP_KEY (the key itself is not shown).\n`);
  return 0;
}

const list = (elections: readonly LinksUnderKey[]) => elections.map((e) => `  ${e.electionKey}: ${e.links} ballot link(s)`).join('\n');

/** Tells the operator what the new key would strand; false when the key must not be written. */
function reportCheck(check: RotationCheck, force: boolean): boolean {
  const say = (s: string) => process.stderr.write(`elekto generate-key: ${s}\n`);
  if (check.kind === 'nothing') {
    if (check.note) say(`note: ${check.note}.`);
    return true;
  }
  if (check.kind === 'unknown') {
    say(`cannot check the database for ballot links sealed with the current APP_KEY (${check.reason}).`);
    if (force) return true;
    say('APP_KEY was not changed. Fix the database settings, or run again with --force to write a key anyway.');
    return false;
  }
  if (check.metaProblem) say(`note: ${check.metaProblem}; every election with links is treated as still running.`);
  if (check.closed.length > 0) {
    say(
      `note: links of closed elections sealed with the current APP_KEY will no longer open (their voters cannot view their ballots; results are not affected):\n${list(check.closed)}`,
    );
  }
  if (check.running.length === 0) return true;
  const stranded = `these elections are still running, and their voters could no longer view or revoke their ballots under a new APP_KEY:\n${list(check.running)}`;
  if (force) {
    say(`warning (--force): ${stranded}`);
    return true;
  }
  say(`${stranded}\nAPP_KEY was not changed. Wait until they close (then compute their results), or run again with --force to strand these links.`);
  return false;
}
