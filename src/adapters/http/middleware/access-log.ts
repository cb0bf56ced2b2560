import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** A caller's request id is kept only when it is short and plain (it goes into every log line). */
const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The proxy's X-Request-Id when it is trusted (TRUST_PROXY) and sane, else a new UUID. */
export function requestIdFor(header: string | string[] | undefined, trustProxy: boolean): string {
  const v = Array.isArray(header) ? header[0] : header;
  return trustProxy && v && SANE_ID.test(v) ? v : randomUUID();
}

/**
 * One line per request when its response is finished: id, method, path, status, time. Only those:
 * no headers (cookies, sessions, webhook signatures), no query string (OAuth codes and states), no
 * body (passphrases, CSRF tokens). A 500's error is logged once, with its stack, by errorPages,
 * which logs through `ctx.req.log` so that line carries the same request id.
 */
export function accessLog(logger: Logger, options: { trustProxy: boolean }): Middleware {
  const log = pinoHttp({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdFor(req.headers['x-request-id'], options.trustProxy);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'warn' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.headersSent ? res.statusCode : 'aborted'}`,
    customSuccessObject: (req, res, val: Record<string, unknown>) => line(req, res, val),
    customErrorObject: (req, res, _err, val: Record<string, unknown>) => line(req, res, val),
  });
  if (!logger.isLevelEnabled('info')) {
    // No access line will be written (LOG_LEVEL above info): keep the id in the response and in the
    // error lines, but make the per-request child logger only when an error is logged. pino-http's
    // bookkeeping cost about 0.2 ms a request, which doubled the cost of a cached public page.
    return async (ctx, next) => {
      const id = requestIdFor(ctx.req.headers['x-request-id'], options.trustProxy);
      ctx.set('X-Request-Id', id);
      (ctx.req as unknown as { log: LazyRequestLogger }).log = new LazyRequestLogger(logger, id);
      await next();
    };
  }
  return async (ctx, next) => {
    log(ctx.req, ctx.res);
    await next();
  };
}

/**
 * The request's child logger, made only when a line is written. A getter defined per request on the
 * IncomingMessage (the first version) cost 0.4 s of CPU in a 10-second read-path bench, the cached
 * public page ~20 % of its throughput; a plain property holding this object costs next to nothing.
 */
class LazyRequestLogger {
  private child: Logger | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly reqId: string,
  ) {}

  info(...args: unknown[]): void {
    this.write('info', args);
  }

  warn(...args: unknown[]): void {
    this.write('warn', args);
  }

  error(...args: unknown[]): void {
    this.write('error', args);
  }

  private write(level: 'info' | 'warn' | 'error', args: unknown[]): void {
    this.child ??= this.logger.child({ reqId: this.reqId });
    Reflect.apply(this.child[level], this.child, args);
  }
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!.slice(0, 300);
}

function line(req: IncomingMessage, res: ServerResponse, val: Record<string, unknown>): Record<string, unknown> {
  return { method: req.method, path: pathOf(req), status: res.statusCode, responseTime: val['responseTime'] };
}
