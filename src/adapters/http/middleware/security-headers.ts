import type { Middleware } from 'koa';
import helmet from 'koa-helmet';

/**
 * Helmet's headers with a Content-Security-Policy that allows no inline script or style at all:
 * every script is a file under /static, so an injected `<script>` or `onclick` cannot run.
 * `formOrigins` are where sign-in forms may redirect the browser (GitHub's authorize page).
 */
export function securityHeaders(formOrigins: readonly string[], upgradeInsecure: boolean): Middleware {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https://avatars.githubusercontent.com'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'", ...formOrigins],
        ...(upgradeInsecure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Only meaningful over https; harmless otherwise (browsers ignore it on http).
    strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}

/** Pages carry personal state (who voted, passphrase forms): never cache them in shared caches. */
export const noStore: Middleware = async (ctx, next) => {
  await next();
  if (!ctx.response.get('Cache-Control') && ctx.type === 'text/html') ctx.set('Cache-Control', 'no-store');
};
