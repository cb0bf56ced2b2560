import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';

export type Env = Record<string, string | undefined>;

/**
 * The environment as the application sees it: the dotenv file first, then the process environment
 * on top (the process wins, unlike Elekto, so a container or CI can override a checked-in file).
 * Like Elekto, `.env.testing` is read instead of `.env` when TESTING is set, and the empty string
 * counts as unset.
 */
export function readEnv(options: { env?: Env; envFile?: string | false; cwd?: string } = {}): {
  env: Env;
  file: string | null;
} {
  const processEnv = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  let file: string | null = null;
  let fromFile: Env = {};
  if (options.envFile !== false) {
    const name = options.envFile ?? (processEnv.TESTING ? '.env.testing' : '.env');
    const path = resolve(cwd, name);
    if (existsSync(path)) {
      fromFile = parse(readFileSync(path));
      file = path;
    }
  }
  const merged: Env = {};
  for (const [k, v] of Object.entries({ ...fromFile, ...processEnv })) {
    const trimmed = v?.trim();
    if (trimmed !== undefined && trimmed !== '') merged[k] = trimmed;
  }
  return { env: merged, file };
}
