/** The configuration values the web front needs; bootstrap builds this from the environment (§2). */
export interface HttpConfig {
  /** APP_NAME: shown in the header and titles. */
  readonly appName: string;
  /** APP_KEY: every signing key (sessions, CSRF) is derived from it. */
  readonly appKey: string;
  /** APP_ENV: `production` turns the development sign-in off for good. */
  readonly appEnv: string;
  /** MIN_PASSCODE_LENGTH */
  readonly minPasscodeLength: number;
  /** Trust X-Forwarded-* (behind a TLS-terminating proxy); cookies then become Secure on https. */
  readonly trustProxy: boolean;
  /** APP_URL is https: every cookie is Secure, even when the request reaches us as plain http. */
  readonly secureCookies?: boolean;
  /** SESSION_LIFETIME_HOURS in milliseconds: how long a session lives from sign-in (never renewed). */
  readonly sessionLifetimeMs?: number;
  /** Re-read templates on every request (development). */
  readonly reloadTemplates?: boolean;
}

export const DEFAULT_SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;
