import { availableKdfBackend } from '../../adapters/crypto/kdf-worker-source.js';
import type { AppConfig } from '../config/app-config.js';
import { describeDatabase } from '../config/database-config.js';

/** What the start-up log says about the adapters in use; nothing secret. */
export function describeAdapters(config: AppConfig): Record<string, string> {
  const { meta, sealing, identity } = config;
  const source = meta.driver === 'directory' ? `directory ${meta.path}` : `${meta.driver} ${redactUrl(meta.repo ?? '')}@${meta.branch} -> ${meta.path}`;
  return {
    database: describeDatabase(config.database),
    meta: `${source} (elections in ${meta.electionDir}/)`,
    identity:
      identity.provider === 'github' ? `GitHub OAuth (callback ${identity.github.redirectPath})` : 'development sign-in (any login; never in production)',
    sealing: `${describeSealing(config)}, ${availableKdfBackend() === 'native' ? 'native libsodium' : 'libsodium in WebAssembly (sodium-native did not load)'}, ${sealing.workers} workers`,
    environment: `${config.app.env}${config.app.debug ? ' (debug)' : ''}`,
  };
}

function describeSealing({ sealing, app }: AppConfig): string {
  if (sealing.scheme === 'elekto') return "Elekto's argon2i parameters (new links not peppered)";
  return `argon2id ops=${sealing.opsLimit} mem=${sealing.memoryMiB}MiB, ${app.key ? 'new links peppered with APP_KEY' : 'no APP_KEY: new links not peppered'}`;
}

/** https://user:token@host/x -> https://***@host/x */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@');
}
