declare module 'koa-csrf' {
  import type { Context, Middleware } from 'koa';
  interface CsrfOptions {
    errorHandler?: (ctx: Context) => unknown;
    excludedMethods?: string[];
    disableQuery?: boolean;
    ignoredPathGlobs?: string[];
  }
  /** Sets `ctx.state._csrf` (the token for forms) and checks it on state-changing requests. */
  export default function CSRF(options?: CsrfOptions): Middleware;
}
