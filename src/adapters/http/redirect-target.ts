/**
 * Elekto's `r` parameter: the page to return to after sign-in, base64 with `/` written as `$`.
 * Elekto put any URL there and followed it blindly (an open redirect); we accept the same encoding
 * but only ever return a path on this site.
 */
export function encodeReturnTo(pathAndQuery: string): string {
  return Buffer.from(pathAndQuery, 'utf8').toString('base64').replaceAll('/', '$');
}

/** A same-origin path (`/app/...`) or null when `r` is missing, undecodable or points elsewhere. */
export function decodeReturnTo(r: unknown, ownOrigin: string): string | null {
  if (typeof r !== 'string' || r === '' || r.length > 4096) return null;
  const b64 = r.replaceAll('$', '/');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(b64)) return null;
  return safeLocalPath(Buffer.from(b64, 'base64').toString('utf8'), ownOrigin);
}

/** Keeps `target` only when it stays on this origin; returns its path, query and hash. */
export function safeLocalPath(target: string, ownOrigin: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0000-\u001f\\]/.test(target)) return null;
  let url: URL;
  try {
    url = new URL(target, ownOrigin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(ownOrigin).origin) return null;
  // `/.//evil.com` or `http://us//evil.com` normalise to the path `//evil.com`, which a browser
  // reads as another host: a path must start with exactly one slash.
  if (url.pathname.startsWith('//')) return null;
  // Old Elekto links carry absolute URLs of the same site: keep only the local part.
  return `${url.pathname}${url.search}${url.hash}`;
}

/** This site's origin as the request saw it (Koa 3's `ctx.origin` is the Origin header instead). */
export function siteOrigin(ctx: { protocol: string; host: string }): string {
  return `${ctx.protocol}://${ctx.host}`;
}
