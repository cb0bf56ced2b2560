import type { AppConfig } from '../config/app-config.js';
import { describeDatabase } from '../config/database-config.js';

/** What the start-up log says about the adapters in use; nothing secret. */
export function describeAdapters(config: AppConfig): Record<string, string> {
  const { meta, sealing, identity } = config;
  const source =
    meta.driver === 'directory' ? `directory ${meta.path}` : `${meta.driver} ${redactUrl(meta.repo ?? '')}@${meta.branch} -> ${meta.path}`;
  return {
    database: describeDatabase(config.database),
    meta: `${source} (elections in ${meta.electionDir}/)`,
    identity: identity.provider === 'github' ? `GitHub OAuth (callback ${identity.github.redirectPath})` : 'development sign-in (any login; never in production)',
    sealing: sealing.scheme === 'elekto' ? `Elekto's argon2i parameters, ${sealing.workers} workers` : `argon2id ops=${sealing.opsLimit} mem=${sealing.memoryMiB}MiB, ${sealing.workers} workers`,
    environment: `${config.app.env}${config.app.debug ? ' (debug)' : ''}`,
  };
}

/** https://user:token@host/x -> https://***@host/x */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@');
}
