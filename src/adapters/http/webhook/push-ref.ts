/**
 * The `ref` of a push payload, in either of GitHub's content types: `application/json`, or
 * `application/x-www-form-urlencoded` with the JSON in a `payload` field. Null when unreadable.
 */
export function pushRef(raw: Buffer, contentType: string): string | null {
  try {
    let text = raw.toString('utf8');
    if (/application\/x-www-form-urlencoded/i.test(contentType)) text = new URLSearchParams(text).get('payload') ?? '';
    const payload: unknown = JSON.parse(text);
    if (typeof payload !== 'object' || payload === null) return null;
    const ref = (payload as { ref?: unknown }).ref;
    return typeof ref === 'string' ? ref : null;
  } catch {
    return null;
  }
}
