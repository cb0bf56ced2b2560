import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Middleware } from 'koa';

const PUBLIC_DIR = fileURLToPath(new URL('../public', import.meta.url));
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
/** Below this a gzip body saves less than it costs. */
const GZIP_FROM_BYTES = 1024;

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  /** Made on first request, then kept: the zxcvbn dictionaries shrink from 1.7 MB to 0.85 MB. */
  gzip?: Buffer;
}

/** A file from outside public/ (a library's browser build) served at /static/vendor/<name>. */
export interface VendorFile {
  readonly name: string;
  readonly file: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function asset(file: string): Asset {
  const body = readFileSync(file);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, type: TYPES[extname(file)]!, etag };
}

/**
 * Serves the files under public/ at /static/, and the named vendor files at /static/vendor/, read
 * once at start-up into memory. Only those names can be served, so no request path can reach
 * anything else on disk.
 */
export function staticAssets(options: { reload?: boolean; vendor?: readonly VendorFile[] } = {}): Middleware {
  const load = (): Map<string, Asset> =>
    new Map([
      ...walk(PUBLIC_DIR)
        .filter((f) => TYPES[extname(f)] !== undefined)
        .map((file) => [`/static/${relative(PUBLIC_DIR, file).split('\\').join('/')}`, asset(file)] as const),
      ...(options.vendor ?? []).map((v) => [`/static/vendor/${v.name}`, asset(v.file)] as const),
    ]);
  let assets = load();
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/static/')) return next();
    if (options.reload) assets = load();
    const found = assets.get(ctx.path);
    if (!found || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.set('ETag', found.etag);
    ctx.type = found.type;
    if (ctx.get('If-None-Match') === found.etag) {
      ctx.status = 304;
      return;
    }
    const compressible = found.body.length >= GZIP_FROM_BYTES && found.type.startsWith('text/');
    if (compressible) ctx.vary('Accept-Encoding');
    if (compressible && ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
      found.gzip ??= gzipSync(found.body);
      ctx.set('Content-Encoding', 'gzip');
      ctx.body = found.gzip;
      return;
    }
    ctx.body = found.body;
  };
}
