import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureVerdict = 'valid' | 'missing' | 'malformed' | 'mismatch';

/** `sha256=<hex>` of the body under the secret, as GitHub sends it in `X-Hub-Signature-256`. */
export function signBody(secret: string, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Checks the HMAC-SHA256 of the exact bytes received. Both sides are 32-byte digests by the time
 * they meet, and timingSafeEqual compares them in constant time.
 */
export function verifySignature(secret: string, body: Uint8Array, header: string | undefined): SignatureVerdict {
  if (header === undefined || header.trim() === '') return 'missing';
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return 'malformed';
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(match[1] as string, 'hex');
  return timingSafeEqual(expected, given) ? 'valid' : 'mismatch';
}
