import type { AppConfig } from '../config/app-config.js';
import { isLoopback } from './listen-guard.js';

const DEFAULT_PORT: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * Elekto ignored APP_URL and its guide's example sets `http://localhost`; here APP_URL is the
 * GitHub redirect_uri, so a copied `.env` breaks sign-in without a word. Warned at start-up (one
 * line) when APP_URL cannot be where people reach this server listening on `port`:
 * - APP_URL names a port other than the one we listen on, and no proxy is trusted to sit between;
 * - APP_URL is this machine (localhost, 127.x, ::1) without a port, i.e. port 80/443, while we
 *   listen elsewhere: only this machine could follow it, and not even to us.
 * Null when APP_URL is unset (the callback URL then comes from each request) or plausible.
 */
export function appUrlProblem(config: AppConfig, port: number): string | null {
  const raw = config.app.url;
  // Only the GitHub sign-in sends people to APP_URL (the development sign-in never leaves the site).
  if (raw === null || config.identity.provider !== 'github') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `APP_URL=${raw} is not a URL; GitHub sign-in will fail. Unset it to build the callback URL from each request.`;
  }
  const implied = DEFAULT_PORT[url.protocol] ?? null;
  const named = url.port === '' ? null : Number(url.port);
  const callback = `${url.origin}${config.identity.github.redirectPath.startsWith('/') ? '' : '/'}${config.identity.github.redirectPath}`;
  const fix = `Set APP_URL to the address people open (scheme, host and port), or unset it to build the callback URL from each request's Host (X-Forwarded-* with TRUST_PROXY=true).`;
  if (config.app.connect !== 'socket' && named !== null && named !== port && !config.app.trustProxy) {
    return `APP_URL=${raw} names port ${named}, but this server listens on ${port} and no proxy is trusted (TRUST_PROXY): GitHub would send people back to ${callback}, where nothing of ours answers. ${fix}`;
  }
  if (named === null && isLoopback(url.hostname) && implied !== port) {
    return `APP_URL=${raw} means port ${implied} of the machine the browser runs on (Elekto's example value; Elekto ignored it), but this server listens on ${port}: GitHub would send people back to ${callback}. ${fix}`;
  }
  return null;
}
