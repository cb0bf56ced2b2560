import fc from 'fast-check';

/** One submitted field: any name, any JSON-able value (strings, numbers, arrays, objects, null). */
export type Field = [string, unknown];

/** How a hostile request is wrapped around its fields. */
export interface RequestMode {
  readonly encoding: 'form' | 'json' | 'broken-json';
  readonly csrf: 'own' | 'none' | 'other-session';
  /** null: the type matching the encoding. */
  readonly contentType: string | null;
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly accept: string;
  /** Pads the body past the 64 KiB parser limit. */
  readonly oversized: boolean;
}

export function requestModes(): fc.Arbitrary<RequestMode> {
  return fc.record({
    encoding: fc.constantFrom('form', 'form', 'json', 'json', 'broken-json'),
    csrf: fc.constantFrom('own', 'own', 'own', 'none', 'other-session'),
    contentType: fc.oneof(
      { weight: 4, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded; charset=utf-7',
          'application/json',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
          'image/png',
        ),
      },
    ),
    method: fc.constantFrom('POST', 'POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE'),
    accept: fc.constantFrom('text/html', 'application/json', '*/*'),
    oversized: fc
      .boolean()
      .chain((b) => (b ? fc.boolean() : fc.constant(false)))
      .chain((b) => (b ? fc.boolean() : fc.constant(false))),
  });
}

/** Candidate ids that are certainly not in `known` (nor a case variant of one). */
export function unknownCandidateId(known: readonly string[]): fc.Arbitrary<string> {
  const lower = new Set(known.map((k) => k.toLowerCase()));
  return fc.stringMatching(/^zz[a-z0-9_]{1,10}$/).filter((id) => !lower.has(id.toLowerCase()));
}

const PAD = 'x'.repeat(70 * 1024);

/** The wire body for `fields` in `mode`, with the session's own token, another session's, or none. */
export function bodyOf(fields: readonly Field[], mode: RequestMode, ownToken: string, otherToken: string): { body: string; contentType: string | null } {
  const token = mode.csrf === 'own' ? ownToken : mode.csrf === 'other-session' ? otherToken : null;
  let body: string;
  if (mode.encoding === 'form') {
    const params = new URLSearchParams();
    for (const [k, v] of fields) {
      // Arrays become repeated fields (duplicate names), other non-strings their JSON text.
      if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
      else params.append(k, typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
    }
    if (mode.oversized) params.append('pad', PAD);
    if (token) params.append('_csrf', token);
    body = params.toString();
  } else {
    // Written by hand so duplicate keys and `__proto__` reach the server as sent.
    const pairs = fields.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`);
    if (mode.oversized) pairs.push(`"pad":${JSON.stringify(PAD)}`);
    if (token) pairs.push(`"_csrf":${JSON.stringify(token)}`);
    body = `{${pairs.join(',')}}`;
    if (mode.encoding === 'broken-json') body = breakJson(body, fields.length);
  }
  const natural = mode.encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
  return { body, contentType: mode.contentType ?? natural };
}

/** JSON a lenient parser might still accept: NaN, a trailing comma, a cut-off end, a bare array. */
function breakJson(json: string, seed: number): string {
  switch (seed % 4) {
    case 0:
      return json.replace(/^\{/, '{"candidate@dims":NaN,');
    case 1:
      return json.replace(/\}$/, ',}');
    case 2:
      return json.slice(0, Math.max(1, json.length - 2));
    default:
      return `[${json}]`;
  }
}
