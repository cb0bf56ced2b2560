import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from './read-env.js';

/** The package root (three levels above src/bootstrap/config or dist/bootstrap/config). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEMO_META_PATH = join(PACKAGE_ROOT, 'examples', 'demo-meta');

/** Only these come from the operator's environment in demo mode; everything else is the demo's. */
const KEPT = [
  'APP_NAME',
  'APP_HOST',
  'APP_PORT',
  'ALLOW_REMOTE_DEVELOPMENT_SIGN_IN',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'MIN_PASSCODE_LENGTH',
  'SEAL_SCHEME',
  'SEAL_OPS_LIMIT',
  'SEAL_MEMORY_MIB',
  'SEAL_WORKERS',
  'METRICS_PORT',
  'METRICS_HOST',
];

/** A key kept under .data/ so demo sessions survive a restart; never a built-in constant. */
function demoKey(dataDir: string): string {
  const file = join(dataDir, 'demo-app-key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length >= 32) return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * The environment of `elekto serve --demo` (npm start): a SQLite file under .data/, the bundled
 * example meta repository read as a plain directory, the development sign-in. The operator's .env
 * is ignored so a production configuration can never leak into, or be changed by, the demo.
 */
export function demoEnv(env: Env, cwd: string): Env {
  const dataDir = resolve(cwd, '.data');
  const out: Env = {};
  for (const k of KEPT) if (env[k] !== undefined) out[k] = env[k];
  return {
    APP_NAME: 'elekto demo',
    APP_PORT: '5000',
    APP_HOST: '127.0.0.1',
    SEAL_OPS_LIMIT: '2',
    SEAL_MEMORY_MIB: '32',
    LOG_FORMAT: 'text',
    ...out,
    APP_ENV: 'development',
    APP_KEY: demoKey(dataDir),
    APP_URL: `http://localhost:${out.APP_PORT ?? '5000'}`,
    DB_CONNECTION: 'sqlite',
    DB_PATH: join(dataDir, 'demo.sqlite'),
    META_DRIVER: 'directory',
    META_PATH: DEMO_META_PATH,
    ELECTION_DIR: 'elections',
    // Random at each start: a constant shared by every demo would let anyone trigger its syncs.
    META_SECRET: randomBytes(32).toString('hex'),
    IDENTITY: 'development',
    SYNC_POLL_SECONDS: '0',
  };
}
