import type { Context } from 'koa';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The request body exactly as received, for the signature check. Reads the stream itself, capped,
 * so no JSON parser has a chance to normalise it first. If a body parser did run earlier (it should
 * not: the webhook is mounted before it), its `rawBody` text is used.
 */
export async function readRawBody(ctx: Context, limit: number): Promise<Buffer> {
  const parsed = (ctx.request as { rawBody?: unknown }).rawBody;
  if (typeof parsed === 'string') return Buffer.from(parsed, 'utf8');
  const declared = Number(ctx.get('content-length') || '0');
  if (declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}
