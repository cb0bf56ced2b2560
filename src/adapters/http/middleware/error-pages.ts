import { STATUS_CODES } from 'node:http';
import type { Context, Middleware } from 'koa';
import { DomainError, type DomainErrorCode } from '../../../domain/errors.js';
import type { HttpLogger } from '../http-logger.js';
import type { Render } from '../views.js';

/** Real statuses for the core's error codes (Elekto answered every error with 200). */
const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  ELECTION_NOT_FOUND: 404,
  CANDIDATE_NOT_FOUND: 404,
  // 404 before the close too: whether an election will publish its ballots says nothing a page does not.
  BULLETIN_NOT_PUBLISHED: 404,
  EXCEPTION_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  NOT_AN_OFFICER: 403,
  VOTER_NOT_ELIGIBLE: 403,
  WRONG_PASSPHRASE: 403,
  NO_RECOVERABLE_LINK: 409,
  ELECTION_NOT_RUNNING: 409,
  ELECTION_NOT_COMPLETED: 409,
  ALREADY_VOTED: 409,
  NOT_VOTED: 409,
  EXCEPTION_WINDOW_CLOSED: 409,
  ALREADY_ELIGIBLE: 409,
  EXCEPTION_ALREADY_FILED: 409,
  // Not 429: nothing was attempted too often; this voter's ballot is busy with their earlier request.
  REQUEST_IN_PROGRESS: 409,
  INVALID_BALLOT: 422,
  TIED_RANKS: 422,
  PASSPHRASE_TOO_SHORT: 422,
  PASSPHRASE_TOO_WEAK: 422,
  // Like the "prefers nobody" warning: the ballot is re-shown for the voter to confirm, not cast.
  NO_PASSPHRASE_UNCONFIRMED: 422,
  REVOKE_UNCONFIRMED: 422,
  INVALID_EXCEPTION_REQUEST: 422,
  INVALID_LOGIN: 422,
  INVALID_TALLY_INPUT: 422,
  TOO_MANY_ATTEMPTS: 429,
  STORE_UNAVAILABLE: 503,
  WRITE_FAILED: 503,
  BALLOT_NOT_RECORDED: 503,
  SERVER_BUSY: 503,
};

/** 5xx codes whose message is written for the person who asked (it names no internals): shown as is. */
const SPOKEN_5XX: ReadonlySet<DomainErrorCode> = new Set(['WRITE_FAILED', 'BALLOT_NOT_RECORDED']);

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Not possible right now',
  413: 'Too large',
  415: 'Unsupported form',
  422: 'Please check what you sent',
  429: 'Too many attempts',
  500: 'Something went wrong',
  503: 'Temporarily unavailable',
};

const GENERIC: Record<number, string> = {
  400: 'The request could not be read. Go back, reload the page and try again.',
  401: 'Please sign in first; your session may have expired.',
  403: 'You are not allowed to do this here.',
  404: 'There is no page at this address. It may have moved, or the election key may be misspelt.',
  405: 'This address does not accept that kind of request.',
  413: 'What you sent is larger than this site accepts. Please shorten it and try again.',
  415: 'This address accepts only the forms of this site. Go back, reload the page and try again.',
  500: 'The server could not complete the request. It has been logged; please try again in a moment.',
  503: 'A service this page needs is not available right now. Please try again in a moment.',
};

/** The status of one code, for a route that re-shows its form rather than throwing. */
export function statusFor(code: DomainErrorCode): number {
  return STATUS_BY_CODE[code];
}

export function statusOf(err: unknown): number {
  if (err instanceof DomainError) return STATUS_BY_CODE[err.code] ?? 500;
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * The status of a refusal a route shows itself (on its own page), with what that status promises
 * the client: a 429 says in Retry-After (seconds) when to try again, as its page does in words.
 */
export function refusalStatus(ctx: Context, err: unknown): number {
  const seconds = err instanceof DomainError ? err.details['retryAfterSeconds'] : undefined;
  if (typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0) ctx.set('Retry-After', String(seconds));
  return statusOf(err);
}

/** The one error middleware: a friendly page with a real status; internals only in the log. */
export function errorPages(render: Render, logger: HttpLogger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      // A status set without a body (404, and the router's 405/501) still gets a page that says what to do.
      if (ctx.status >= 400 && ctx.body == null) show(ctx, render, ctx.status, GENERIC[ctx.status] ?? GENERIC[ctx.status >= 500 ? 500 : 400] ?? '');
    } catch (err) {
      const status = statusOf(err);
      // The access log's per-request logger, when there is one: this line then carries the request id.
      const log = (ctx.req as { log?: HttpLogger }).log ?? logger;
      // Overload is expected under a burst and warned about, rate-limited, where it is detected: one
      // ERROR with a stack trace per refused request would drown the log exactly when it matters.
      if (err instanceof DomainError && err.code === 'SERVER_BUSY')
        log.info({ status, method: ctx.method, path: ctx.path, code: err.code }, 'request refused: busy');
      else if (status >= 500) log.error({ err, method: ctx.method, path: ctx.path }, 'request failed');
      else log.info({ status, method: ctx.method, path: ctx.path, code: (err as DomainError).code }, 'request refused');
      refusalStatus(ctx, err);
      show(ctx, render, status, userMessage(err, status));
    }
  };
}

function userMessage(err: unknown, status: number): string {
  if (err instanceof DomainError && SPOKEN_5XX.has(err.code)) return err.message;
  if (status >= 500) return GENERIC[status] ?? GENERIC[500] ?? '';
  if (err instanceof DomainError) return err.message;
  const e = err as { expose?: boolean; message?: string; type?: unknown };
  // Our own ctx.throw(status, sentence) is shown as written; a bare status text ("Not Found") or a
  // body parser's wording ("request entity too large", the JSON parser's complaint) is not for people.
  const own = e.expose && e.message && e.message !== STATUS_CODES[status] && typeof e.type !== 'string';
  return own ? e.message! : (GENERIC[status] ?? 'The request could not be handled. Go back, reload the page and try again.');
}

function show(ctx: Context, render: Render, status: number, message: string): void {
  const title = TITLES[status] ?? (status >= 500 ? TITLES[500] : TITLES[400]) ?? 'Error';
  if (ctx.accepts('html', 'json') === 'json') {
    ctx.status = status;
    ctx.body = { error: title, message };
    return;
  }
  try {
    render(ctx, 'errors/error.njk', { status, title, message }, status);
  } catch {
    ctx.status = status;
    ctx.type = 'text';
    ctx.body = `${title}\n\n${message}`;
  }
}
