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
  /** Session lifetime in milliseconds. */
  readonly sessionMaxAgeMs?: number;
  /** Re-read templates on every request (development). */
  readonly reloadTemplates?: boolean;
}

export const DEFAULT_SESSION_MAX_AGE_MS = 24 * 60 * 60 * 1000;
