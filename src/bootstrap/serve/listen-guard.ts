import { isIPv4, isIPv6 } from 'node:net';
import type { AppConfig } from '../config/app-config.js';

export const REMOTE_DEVELOPMENT_OPT_IN = 'ALLOW_REMOTE_DEVELOPMENT_SIGN_IN';

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and the name localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (isIPv6(h)) return h === '::1' || /^(0:){7}1$/.test(h) || (h.startsWith('::ffff:') && isIPv4(h.slice(7)) && h.slice(7).startsWith('127.'));
  return false;
}

/**
 * The development sign-in lets anyone become anyone, officers included: served on an address that
 * other machines reach (0.0.0.0 in a container, a LAN address), it hands the election to whoever
 * finds the port. Refused unless the operator says in so many words that this is wanted.
 */
export function developmentSignInListenProblem(config: AppConfig, host: string): string | null {
  if (config.identity.provider !== 'development' || isLoopback(host)) return null;
  if (config.identity.allowRemoteDevelopmentSignIn) return null;
  return (
    `refusing to serve the development sign-in (anyone can sign in as anyone, officers included) on ${host}, ` +
    `which other machines can reach. Listen on 127.0.0.1 (APP_HOST or --host), use IDENTITY=github, or set ` +
    `${REMOTE_DEVELOPMENT_OPT_IN}=true if every machine that can reach this address may act as any user.`
  );
}
