import { jest } from '@jest/globals';
import fc from 'fast-check';
import type { Middleware } from 'koa';
import { rawGet } from '../support/http/raw-get.js';
import { silentLogger } from '../../src/adapters/http/http-logger.js';
import { metaWebhookRoutes } from '../../src/adapters/http/webhook/index.js';
import { InMemoryWebhookDeliveries } from '../../src/adapters/persistence/in-memory/index.js';
import { FixedClock } from '../../src/adapters/system/system-clock.js';
import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { csrfTokenIn, TestClient } from '../support/http/browser-client.js';
import { type RunningWebOn, startWebOn } from '../support/http/web-worlds.js';
import { bodyOf, type Field, type RequestMode, requestModes, unknownCandidateId } from './fuzz-bodies.js';
import { snapshotTables } from './table-snapshot.js';

/**
 * Property-based fuzzing of the state-changing endpoints on the SQLite world: malformed and
 * oversized bodies (form and JSON), unknown candidates, duplicate fields, wrong types, huge and
 * negative ranks, NaN, arrays, prototype keys, missing or foreign CSRF tokens, bad content types.
 * Every generated request is one that must be refused; the properties check that it is refused
 * with a 4xx and a human message (no stack, no SQL), that nothing was written, and that the
 * server keeps answering.
 */
const HOUR = 3600 * 1000;
const CANDIDATES = ['dims', 'paris', 'aaron'];
const election = anElection()
  .key('2021---GB')
  .named('Fuzzed election')
  .runningBetween(new Date(NOW.getTime() - HOUR), new Date(NOW.getTime() + 48 * HOUR))
  .exceptionsDue(new Date(NOW.getTime() + 24 * HOUR))
  .candidates(...CANDIDATES)
  .voters('alice', 'bob')
  .build();
const path = `/app/elections/${election.key}`;
const PASSPHRASE = 'correct horse battery staple';
// About 5 s per property on an idle 2-core machine; FUZZ_RUNS=1000 for a longer hunt.
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

// In what a person reads: no stack frames, JavaScript error names, driver or SQL text.
const INTERNALS_SHOWN =
  /\bat [\w.<>$]+ \(|TypeError|ReferenceError|RangeError|SyntaxError|QueryFailed|SQLITE|typeorm|\bSELECT\b|\bINSERT\b|Unexpected token|in JSON at position|stack trace/i;
// Anywhere in the answer: no file paths of the server.
const PATHS = /node_modules|\/work\/|\/src\/[\w/-]+\.[jt]s|\.ts:\d+/;

let web: RunningWebOn;
let syncCalls = 0;
const clients: Record<'alice' | 'bob' | 'mallory', TestClient> = {} as never;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  web = await startWebOn('sqlite', [election], {
    extra: {
      webhook: metaWebhookRoutes({
        syncMeta: {
          execute: async () => {
            syncCalls++;
            throw new Error('a fuzzed webhook request must never reach the sync');
          },
        },
        deliveries: new InMemoryWebhookDeliveries(),
        clock: new FixedClock(NOW),
        secret: 'fuzz-secret-for-the-webhook',
        branch: 'main',
        logger: silentLogger,
        maxBodyBytes: 64 * 1024,
      }).routes() as unknown as Middleware,
    },
  });
  for (const login of ['alice', 'bob', 'mallory'] as const) {
    clients[login] = new TestClient(web.baseUrl);
    await clients[login].signInAs(login);
  }
  const cast = await clients.alice.submit(`${path}/vote`, `${path}/vote`, {
    'candidate@dims': '1',
    'candidate@paris': '2',
    'candidate@aaron': 'none',
    password: PASSPHRASE,
    password_confirm: PASSPHRASE,
  });
  expect(cast.status).toBe(302);
  tokens['alice'] = csrfTokenIn(await (await clients.alice.get(path)).text());
  tokens['bob'] = csrfTokenIn(await (await clients.bob.get(`${path}/vote`)).text());
  tokens['mallory'] = csrfTokenIn(await (await clients.mallory.get(`${path}/exception`)).text());
});
afterAll(() => web.close());

function cookieOf(client: TestClient): string {
  return client
    .cookieNames()
    .map((n) => `${n}=${client.rawCookie(n)}`)
    .join('; ');
}

/** Sends one hostile request as `who`; `mode` decides CSRF token, content type, method and size. */
async function send(who: 'alice' | 'bob' | 'mallory', action: string, fields: readonly Field[], mode: RequestMode): Promise<Response> {
  const other = who === 'bob' ? tokens['mallory']! : tokens['bob']!;
  const { body, contentType } = bodyOf(fields, mode, tokens[who]!, other);
  const headers: Record<string, string> = { cookie: cookieOf(clients[who]), accept: mode.accept };
  if (contentType !== null) headers['content-type'] = contentType;
  return fetch(`${web.baseUrl}${action}`, { method: mode.method, headers, body, redirect: 'manual' });
}

/** Statuses seen per property, so a run that never got past the CSRF check cannot pass unnoticed. */
let seen = new Map<number, number>();
beforeEach(() => {
  seen = new Map();
});

async function expectHumanRefusal(res: Response): Promise<void> {
  seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
  const text = await res.text();
  if (res.status < 400 || res.status >= 500) throw new Error(`expected a 4xx, got ${res.status}: ${text.slice(0, 300)}`);
  const type = res.headers.get('content-type') ?? '';
  const visible = type.includes('json')
    ? Object.values(JSON.parse(text) as Record<string, unknown>).join(' ')
    : text.replace(/<(script|style)[\s\S]*?<\/\1>|<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  for (const [pattern, where] of [
    [INTERNALS_SHOWN, visible],
    [PATHS, text],
  ] as const) {
    const leak = pattern.exec(where);
    if (leak) throw new Error(`internals in a ${res.status} answer: ${JSON.stringify(where.slice(Math.max(0, leak.index - 80), leak.index + 80))}`);
  }
  // A sentence a person can act on, not a bare status.
  expect(visible).toMatch(/[A-Z][^.!?]{12,}[.!?]/);
}

async function expectServerAlive(): Promise<void> {
  const res = await fetch(`${web.baseUrl}/health`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('ok');
}

/** The property each generated request must satisfy, then /health, so a crash shows at its cause. */
async function expectRefusedAndAlive(res: Response): Promise<void> {
  await expectHumanRefusal(res);
  await expectServerAlive();
}

let before: Awaited<ReturnType<typeof snapshotTables>>;
beforeEach(async () => {
  before = await snapshotTables(web.opened.sql!.persistence.dataSource);
});
afterEach(async () => {
  await expectServerAlive();
  expect(await snapshotTables(web.opened.sql!.persistence.dataSource)).toEqual(before);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

// Any field a hostile client might send, with any value; the poison of each property is added on top.
const KNOWN_FIELDS = CANDIDATES.map((c) => `candidate@${c}`);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '1',
    '2',
    '3',
    'none',
    '',
    '100000000',
    '999999',
    '-1',
    '0',
    'NaN',
    'Infinity',
    '1e3',
    '0x10',
    '1.5',
    '１',
    '9'.repeat(400),
    'null',
    '[]',
    '{}',
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', 'polluted'), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const anyField = fc.oneof(
  fc.constantFrom(
    ...KNOWN_FIELDS,
    '__proto__',
    '__proto__[polluted]',
    'constructor',
    'constructor[prototype][polluted]',
    'prototype',
    'candidate@',
    'candidate@@',
    '@',
    'confirm_no_preference',
    'comments',
    'chat',
  ),
  fc.constantFrom(...KNOWN_FIELDS).map((f) => `${f}[]`),
  fc.string({ maxLength: 20 }),
);
const fieldsWithout = (reserved: readonly string[]) =>
  fc.array(fc.tuple(anyField, anyValue), { maxLength: 25 }).map((fs) => fs.filter(([k]) => !reserved.some((r) => k.includes(r))) as Field[]);

// Generous: the runs are bounded by count, and a loaded CI machine must not turn them into timeouts.
jest.setTimeout(120_000);

describe('fuzzing the endpoints on SQLite (every request must be refused and change nothing)', () => {
  it('POST vote: unknown candidates, bad ranks, differing or guessable passphrases, in any body shape', async () => {
    // Each case carries at least one defect that makes the ballot invalid whatever else it holds.
    const poison = fc.oneof(
      unknownCandidateId(CANDIDATES).chain((id) =>
        anyValue.map((v) => ({ reserved: [`candidate@${id}`], fields: [[`candidate@${id}`, typeof v === 'string' ? v : '1']] as Field[] })),
      ),
      fc
        .tuple(fc.constantFrom(...CANDIDATES), fc.constantFrom('-1', '0', 'NaN', '1e3', '0x10', '1.5', '1234567', '９', 'Infinity', '+1', '1 2', 'none none'))
        .map(([c, rank]) => ({
          reserved: [`candidate@${c}`, `@${c}`],
          fields: [[`candidate@${c}`, rank]] as Field[],
        })),
      fc
        .tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }))
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => ({
          reserved: ['password'],
          fields: [
            ['password', a],
            ['password_confirm', b],
          ] as Field[],
        })),
      // Issue 11: a guessable passphrase typed twice is refused whatever the ranking.
      fc.constantFrom('123456', 'aaaaaa', '      ', 'password1', 'bob123', 'Fuzzed election').map((weak) => ({
        reserved: ['password', 'password_confirm'],
        fields: [
          ['password', weak],
          ['password_confirm', weak],
        ] as Field[],
      })),
    );
    const kase = poison.chain((p) => fieldsWithout(p.reserved).map((rest) => [...p.fields, ...rest] as Field[]));
    await fc.assert(
      fc.asyncProperty(kase, requestModes(), async (fields, mode) => {
        await expectRefusedAndAlive(await send('bob', `${path}/vote`, fields, mode));
      }),
      { numRuns: RUNS },
    );
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(1);
    expect([...seen.keys()]).toEqual(expect.arrayContaining([403, 422]));
  });

  it('POST view and revoke: anything but the right passphrase, in any body shape', async () => {
    const passphrase = fc
      .oneof(
        anyValue,
        fc.string({ maxLength: 70_000 }).map((s) => s.repeat(1)),
      )
      .filter((p) => p !== PASSPHRASE);
    const kase = fc.tuple(fc.constantFrom('view', 'edit'), passphrase, fieldsWithout(['password']));
    await fc.assert(
      fc.asyncProperty(kase, requestModes(), async ([action, pass, rest], mode) => {
        await expectRefusedAndAlive(await send('alice', `${path}/vote/${action}`, [['password', pass], ...rest], mode));
      }),
      { numRuns: RUNS },
    );
    const standing = await clients.alice.get(path);
    expect(await standing.text()).toContain('You have cast your vote.');
    expect([...seen.keys()]).toEqual(expect.arrayContaining([403, 429]));
  });

  it('POST exception: a bad e-mail or missing field, in any body shape', async () => {
    const badEmail = fc.oneof(
      fc.string({ maxLength: 60 }).filter((s) => !/^[^\s@]+@[^\s@]+$/.test(s.trim())),
      fc.constantFrom('a@b c', '@', 'a@', '@b', 'a b@c', 'x'.repeat(300) + '@example.org'),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.integer(),
      fc.constant(null),
    );
    const kase = fc.tuple(badEmail, fieldsWithout(['email'])).map(([email, rest]) => [['email', email], ...rest] as Field[]);
    await fc.assert(
      fc.asyncProperty(kase, requestModes(), async (fields, mode) => {
        await expectRefusedAndAlive(await send('mallory', `${path}/exception`, fields, mode));
      }),
      { numRuns: RUNS },
    );
    expect([...seen.keys()]).toEqual(expect.arrayContaining([403, 422]));
  });

  it('GET pages: hostile keys, ids, broken %-escapes and queries never cause a 5xx or show internals', async () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 30 }).map((t) => encodeURIComponent(t)),
      fc.constantFrom(
        '%',
        '%zz',
        '%E0%A4%A',
        '%C0%AF',
        '%00',
        '%2e%2e',
        '..',
        '.',
        '%2F',
        '%5C',
        '2021---GB',
        'dims',
        '__proto__',
        'constructor',
        '9'.repeat(40),
      ),
    );
    const page = fc
      .tuple(
        fc.constantFrom(
          '/elections/',
          '/app/elections/',
          `${path}/candidates/`,
          `${path}/admin/exception/`,
          `${path}/`,
          '/static/',
          '/login?r=',
          '/elections?status=',
        ),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
      )
      .map(([prefix, parts]) => prefix + parts.join(prefix.includes('?') ? '&status=' : '/'));
    await fc.assert(
      fc.asyncProperty(page, async (target) => {
        const res = await rawGet(web.baseUrl, target, { cookie: cookieOf(clients.alice), accept: 'text/html' });
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        if (res.status >= 500) throw new Error(`${target} answered ${res.status}`);
        expect(res.text).not.toMatch(PATHS);
        expect(res.text.replace(/<(script|style)[\s\S]*?<\/\1>|<[^>]+>/g, ' ')).not.toMatch(INTERNALS_SHOWN);
        await expectServerAlive();
      }),
      { numRuns: RUNS },
    );
    expect([...seen.keys()]).toEqual(expect.arrayContaining([200, 404]));
  });

  it('POST webhook: unsigned, mis-signed or oversized deliveries never trigger a sync', async () => {
    const signature = fc.oneof(
      fc.constant(undefined),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `sha256=${Buffer.from(b).toString('hex')}`),
      fc.string({ maxLength: 80 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
      fc.constantFrom('sha256=', 'sha1=0000', 'sha256=' + 'g'.repeat(64), ''),
    );
    const body = fc.oneof(
      fc.constant(JSON.stringify({ ref: 'refs/heads/main', after: 'abc' })),
      fc.json({ maxDepth: 3 }),
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
      fc.integer({ min: 64 * 1024 + 1, max: 80 * 1024 }).map((n) => 'x'.repeat(n)),
    );
    const kase = fc.record({
      signature,
      body,
      event: fc.constantFrom('push', 'ping', 'issues', '', '__proto__'),
      contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml', ''),
    });
    await fc.assert(
      fc.asyncProperty(kase, async (k) => {
        const headers: Record<string, string> = { 'x-github-event': k.event, accept: 'application/json' };
        if (k.signature !== undefined) headers['x-hub-signature-256'] = k.signature;
        if (k.contentType) headers['content-type'] = k.contentType;
        const res = await fetch(`${web.baseUrl}/v1/webhooks/meta/sync`, { method: 'POST', headers, body: k.body });
        await expectRefusedAndAlive(res);
      }),
      { numRuns: RUNS },
    );
    expect(syncCalls).toBe(0);
    expect([...seen.keys()]).toEqual(expect.arrayContaining([401, 413]));
  });
});
