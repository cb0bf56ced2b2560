import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
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

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * Serves the files under public/ at /static/, read once at start-up into memory. Only names found
 * there can be served, so no request path can reach anything else on disk.
 */
export function staticAssets(options: { reload?: boolean } = {}): Middleware {
  const load = (): Map<string, Asset> =>
    new Map(
      walk(PUBLIC_DIR)
        .filter((f) => TYPES[extname(f)] !== undefined)
        .map((file) => {
          const body = readFileSync(file);
          const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
          return [`/static/${relative(PUBLIC_DIR, file).split('\\').join('/')}`, { body, type: TYPES[extname(file)]!, etag }];
        }),
    );
  let assets = load();
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/static/')) return next();
    if (options.reload) assets = load();
    const asset = assets.get(ctx.path);
    if (!asset || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.set('ETag', asset.etag);
    ctx.type = asset.type;
    if (ctx.get('If-None-Match') === asset.etag) {
      ctx.status = 304;
      return;
    }
    ctx.body = asset.body;
  };
}
