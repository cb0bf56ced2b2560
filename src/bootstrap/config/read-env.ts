import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expandDotenv, parseDotenv } from './python-dotenv.js';

export type Env = Record<string, string | undefined>;

/**
 * The environment as the application sees it: the dotenv file first, then the process environment
 * on top (the process wins, unlike Elekto, so a container or CI can override a checked-in file).
 * The file is read with python-dotenv's rules (python-dotenv.ts), as Elekto read it. Like Elekto,
 * `.env.testing` is read instead of `.env` when TESTING is set; ENV_FILE (or `elekto --env-file`)
 * names another file. The empty string counts as unset.
 */
export function readEnv(options: { env?: Env; envFile?: string | false; cwd?: string } = {}): {
  env: Env;
  file: string | null;
  /** Lines of the file that do not parse, or an ENV_FILE that does not exist. */
  problems: string[];
} {
  const processEnv = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];
  let file: string | null = null;
  const fromFile: Env = {};
  if (options.envFile !== false) {
    const named = options.envFile ?? processEnv.ENV_FILE?.trim();
    const path = resolve(cwd, named || (processEnv.TESTING ? '.env.testing' : '.env'));
    if (existsSync(path)) {
      file = path;
      const { bindings, badLines } = parseDotenv(readFileSync(path, 'utf8'));
      for (const line of badLines) problems.push(`${path}: line ${line} is not a KEY=value statement (an unclosed quote, or text after a closing quote?)`);
      for (const [k, v] of expandDotenv(bindings, processEnv)) if (v !== null) fromFile[k] = v;
    } else if (named && options.envFile === undefined) {
      problems.push(`ENV_FILE: ${path} does not exist`);
    }
  }
  const merged: Env = {};
  for (const [k, v] of Object.entries(fromFile)) if (v !== '') merged[k] = v;
  for (const [k, v] of Object.entries(processEnv)) {
    const trimmed = v?.trim();
    if (trimmed !== undefined && trimmed !== '') merged[k] = trimmed;
  }
  return { env: merged, file, problems };
}
