import { bodyParser } from '@koa/bodyparser';
import type { Context, Middleware } from 'koa';

/**
 * Form and JSON bodies up to 64 kB. A body whose Content-Encoding does not decode is the client's
 * fault, not ours: zlib's error would otherwise be a logged 500.
 */
export function bodyParsing(): Middleware {
  return bodyParser({ enableTypes: ['form', 'json'], formLimit: '64kb', jsonLimit: '64kb', onError: refuseUndecodable });
}

function refuseUndecodable(err: Error, ctx: Context): never {
  const e = err as { code?: unknown; errno?: unknown; status?: unknown; message?: unknown };
  // inflation's own wording: "Unsupported Content-Encoding: rot13".
  if (e.status === 415 && typeof e.message === 'string' && e.message.startsWith('Unsupported Content-Encoding')) {
    ctx.throw(415, 'This site accepts bodies sent as is, or with Content-Encoding gzip, deflate or br. Send the form again without the other encoding.');
  }
  // zlib (gzip, deflate) and brotli errors carry a numeric errno and a code such as Z_DATA_ERROR.
  if (typeof e.errno === 'number' && typeof e.code === 'string' && /^(Z_|ERR_)/.test(e.code)) {
    ctx.throw(400, 'The request body could not be decompressed: it does not match its Content-Encoding header. Go back, reload the page and try again.');
  }
  throw err;
}
