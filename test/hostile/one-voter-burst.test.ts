import { KdfWorkerPool } from '../../src/adapters/crypto/kdf-worker-pool.js';
import { SodiumBallotSealer } from '../../src/adapters/crypto/sodium-ballot-sealer.js';
import type { HttpLogger } from '../../src/adapters/http/http-logger.js';
import type { SealedLink } from '../../src/application/ports/ballot-box.js';
import type { BallotSealer } from '../../src/application/ports/ballot-sealer.js';
import { anElection } from '../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../support/builders/in-memory-world.js';
import { TestClient, csrfTokenIn } from '../support/http/browser-client.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';
import type { WebWorld } from '../support/http/web-worlds.js';

/** Cheap enough for a test, costly enough that a queue of them is felt: a few ms each on one worker. */
const SCHEME = { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 4 * 1024 * 1024 } as const;
const OTHERS = Array.from({ length: 30 }, (_, i) => `voter-${i}`);
const election = anElection()
  .key('2021---GB')
  .status('running', NOW)
  .candidates('ada', 'bob')
  .voters('alice', 'bob', ...OTHERS)
  .build();
const path = `/app/elections/${election.key}`;

/** The real sealer and worker pool, counting the derivations each voter's requests asked for. */
class CountingSealer implements BallotSealer {
  seals = 0;
  opens = 0;
  /** While set, every derivation waits for it: a burst then really overlaps the first request. */
  hold: Promise<void> | null = null;
  constructor(private readonly inner: SodiumBallotSealer) {}
  async seal(passphrase: string, ballotId: string, requester?: string): Promise<SealedLink> {
    this.seals++;
    await this.hold;
    return this.inner.seal(passphrase, ballotId, requester);
  }
  async open(passphrase: string, link: SealedLink, requester?: string): Promise<string | null> {
    this.opens++;
    await this.hold;
    return this.inner.open(passphrase, link, requester);
  }
}

/** Holds the sealer until `count` answers came back (or 10 s passed, so a failure cannot hang). */
function holdUntilAnswered(sealer: CountingSealer, count: number): (res: Response) => Response {
  let release!: () => void;
  sealer.hold = new Promise<void>((r) => (release = r));
  const timer = setTimeout(release, 10_000);
  let answered = 0;
  return (res) => {
    if (++answered === count) {
      clearTimeout(timer);
      release();
    }
    return res;
  };
}

class RecordingLogger implements HttpLogger {
  readonly lines: Array<{ level: string; obj: object; msg?: string }> = [];
  info(obj: object, msg?: string) {
    this.lines.push({ level: 'info', obj, msg });
  }
  warn(obj: object, msg?: string) {
    this.lines.push({ level: 'warn', obj, msg });
  }
  error(obj: object, msg?: string) {
    this.lines.push({ level: 'error', obj, msg });
  }
  at(level: string) {
    return this.lines.filter((l) => l.level === level);
  }
}

async function ballotForm(client: TestClient): Promise<URLSearchParams> {
  const token = csrfTokenIn(await (await client.get(`${path}/vote`)).text());
  return new URLSearchParams({ _csrf: token, 'candidate@ada': '1', 'candidate@bob': '2', password: 'correct horse', password_confirm: 'correct horse' });
}

describe('one voter must not slow everyone', () => {
  let web: RunningWeb;
  let pool: KdfWorkerPool;
  let sealer: CountingSealer;
  let logger: RecordingLogger;

  beforeEach(async () => {
    pool = new KdfWorkerPool({ size: 1 });
    sealer = new CountingSealer(new SodiumBallotSealer({ scheme: SCHEME, pool }));
    logger = new RecordingLogger();
    const world = { ...inMemoryWorld([election]), sealer } as unknown as WebWorld;
    web = await startWeb([election], { world, extra: { logger } });
  });
  afterEach(async () => {
    await web.close();
    await pool.close();
  });

  it('answers 149 of 150 concurrent casts by one voter at once, without a key derivation, and no ERROR', async () => {
    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    const bob = new TestClient(web.baseUrl);
    await bob.signInAs('bob');
    const [aliceForm, bobForm] = [await ballotForm(alice), await ballotForm(bob)];

    const answered = holdUntilAnswered(sealer, 149);
    const burst = Array.from({ length: 150 }, () => alice.request('POST', `${path}/vote`, aliceForm).then(answered));
    const bobs = await bob.request('POST', `${path}/vote`, bobForm);
    const answers = await Promise.all(burst);

    expect(bobs.status).toBe(302);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(149);
    for (const r of answers.filter((r) => r.status === 409)) expect(await r.text()).toMatch(/Another request of yours for this ballot is still being handled/);
    // Alice's burst cost one derivation (plus Bob's own), not 150 queued in front of Bob.
    expect(sealer.seals).toBe(2);
    expect(logger.at('error')).toEqual([]);
  });

  it('lets one view per voter and election run at a time; the others are answered at once', async () => {
    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    expect((await alice.request('POST', `${path}/vote`, await ballotForm(alice))).status).toBe(302);
    const token = csrfTokenIn(await (await alice.get(path)).text());
    const answered = holdUntilAnswered(sealer, 39);
    const views = await Promise.all(
      Array.from({ length: 40 }, () => alice.request('POST', `${path}/vote/view`, { _csrf: token, password: 'correct horse' }).then(answered)),
    );
    expect(views.map((r) => r.status).filter((s) => s === 200)).toHaveLength(1);
    expect(views.map((r) => r.status).filter((s) => s === 409)).toHaveLength(39);
    expect(sealer.opens).toBe(1);
    expect(logger.at('error')).toEqual([]);
  });
});

describe('an overloaded key-derivation queue', () => {
  it('refuses with a 503 and a human message, logs no ERROR, and warns once per interval with a count', async () => {
    const logger = new RecordingLogger();
    const pool = new KdfWorkerPool({ size: 1, maxQueue: 2, logger, overloadWarningEveryMs: 300 });
    const sealer = new SodiumBallotSealer({ scheme: SCHEME, pool });
    const world = { ...inMemoryWorld([election]), sealer } as unknown as WebWorld;
    const web = await startWeb([election], { world, extra: { logger } });
    try {
      const clients = await Promise.all(
        OTHERS.map(async (login) => {
          const c = new TestClient(web.baseUrl);
          await c.signInAs(login);
          return { c, form: await ballotForm(c) };
        }),
      );
      const started = performance.now();
      const answers = await Promise.all(clients.map(({ c, form }) => c.request('POST', `${path}/vote`, form)));
      const refused = answers.filter((r) => r.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      expect(answers.filter((r) => r.status === 302).length + refused.length).toBe(OTHERS.length);
      expect(await refused[0]!.text()).toMatch(/try again in a moment/);
      expect(logger.at('error')).toEqual([]);
      // One warning at the first refusal; the ones held back are counted in the next, an interval later.
      await new Promise((r) => setTimeout(r, 400));
      const warnings = logger.at('warn');
      const times = warnings.map((w) => (w.obj as { times: number }).times);
      expect(times[0]).toBe(1);
      expect(times.reduce((a, b) => a + b, 0)).toBe(refused.length);
      // At most one line per 300 ms interval that saw a refusal (a slow machine spreads the burst out).
      expect(warnings.length).toBeLessThanOrEqual(Math.min(refused.length, Math.floor((performance.now() - started) / 300) + 1));
      expect(warnings[0]!.msg).toMatch(/key-derivation queue full/);
    } finally {
      await web.close();
      await pool.close();
    }
  });
});
