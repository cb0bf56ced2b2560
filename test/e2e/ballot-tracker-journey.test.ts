import type { Browser, Page } from 'playwright-core';
import { JcsSha256BulletinHasher } from '../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { FreezeBulletin } from '../../src/application/results/freeze-bulletin.js';
import { aCandidate, anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { a11yViolations, launchChromium, screenshot } from '../support/http/chromium.js';
import { type RunningWeb, startWeb, webUseCases } from '../support/http/web-world.js';
import { STRONG_PASSPHRASE } from '../support/passphrases.js';

import { jest } from '@jest/globals';

jest.setTimeout(120_000);

// Issue 15: in an election with `publish_ballots` and `ballot_trackers`, a voter writes down the
// tracker the confirmation page shows, and after the close finds it, with their ranking, in the
// published bulletin from the public page (searched in the browser, the server never told which).

const DAY = 24 * 3600 * 1000;
const election = anElection()
  .key('2026---open-count')
  .named('Open Count 2026')
  .organization('Elekto Community')
  .runningBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + DAY))
  .candidates(aCandidate('ada', { name: 'Ada Lovelace' }), aCandidate('grace', { name: 'Grace Hopper' }), aCandidate('alan', { name: 'Alan Turing' }))
  .voters('alice', 'bob', 'carol')
  .officers('olivia')
  .publishBallots()
  .ballotTrackers()
  .build();
const path = `/app/elections/${election.key}`;

let web: RunningWeb;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  web = await startWeb([election]);
  browser = await launchChromium();
  // Two other voters, so the bulletin holds more than one ballot.
  const { castBallot } = webUseCases(web.world);
  for (const [login, entries] of [
    ['bob', [{ candidate: 'alan', rank: 1 }]],
    [
      'carol',
      [
        { candidate: 'ada', rank: 1 },
        { candidate: 'alan', rank: 2 },
      ],
    ],
  ] as const) {
    await castBallot.execute({ user: await web.world.signIn(login), electionKey: election.key, entries, passphrase: '' });
  }
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await a11yViolations(page);
  expect({ page: label, violations }).toEqual({ page: label, violations: [] });
}

describe('a voter finds their ballot in the published bulletin', () => {
  it('by the tracker shown when they voted', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));

    await page.goto(`${web.baseUrl}/login`);
    await page.getByLabel('GitHub login').fill('alice');
    await page.getByRole('button', { name: 'Sign in (development)' }).click();
    await page.waitForURL(`${web.baseUrl}/app`);
    await page.goto(`${web.baseUrl}${path}/vote`);
    await page.locator('#select-grace').selectOption('1');
    await page.locator('#select-ada').selectOption('2');
    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
    await page.getByLabel('Passphrase again').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);
    const tracker = ((await page.locator('#cast-tracker').textContent()) ?? '').trim();
    expect(tracker).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await page.getByText('keep it to yourself').count()).toBe(1);
    await screenshot(page, 'tracker-confirmation');
    await expectAccessible(page, 'confirmation with tracker');

    // The same tracker on "view my ballot".
    await page.getByRole('link', { name: 'Back to the election page' }).click();
    await page.getByLabel('Your passphrase').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'View Ballot' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/vote/view`);
    expect(((await page.locator('#own-tracker').textContent()) ?? '').trim()).toBe(tracker);
    await expectAccessible(page, 'own ballot with tracker');

    // The close: the server freezes the bulletin.
    web.world.clock.set(new Date(NOW.getTime() + 2 * DAY));
    const w = web.world;
    const frozen = await new FreezeBulletin(w.catalog, w.ballotBox, w.frozenBulletins, w.clock, new JcsSha256BulletinHasher()).execute(election.key);

    await page.goto(`${web.baseUrl}/elections/${election.key}`);
    expect(((await page.locator('#bulletin-digest').textContent()) ?? '').trim()).toBe(frozen.digest);
    await expectAccessible(page, 'public page with the lookup form');
    // Typed carelessly: lower case, spaces for dashes.
    await page.getByLabel('Your ballot tracker').fill(tracker.toLowerCase().replace(/-/g, ' '));
    requested.length = 0;
    await page.getByRole('button', { name: 'Find my ballot' }).click();
    await page.locator('#tracker-result ol.ranking').waitFor();
    expect(await page.locator('#tracker-result').textContent()).toContain(`Your ballot (tracker ${tracker}) is in the bulletin`);
    expect(await page.locator('#tracker-result ol.ranking li').allTextContents()).toEqual(['grace', 'ada']);
    expect(await page.locator('#tracker-result').textContent()).toContain('No opinion: alan');
    // The browser fetched the whole bulletin; no request carried the tracker.
    expect(requested.some((u) => u.endsWith(`/elections/${election.key}/bulletin.json`))).toBe(true);
    expect(requested.filter((u) => u.toUpperCase().includes(tracker.slice(0, 4) + '-') || u.toLowerCase().includes(tracker.toLowerCase()))).toEqual([]);
    await screenshot(page, 'tracker-found');
    await expectAccessible(page, 'public page with the ballot found');

    // On a phone the digest and the command wrap instead of widening the page.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(360);

    await page.getByLabel('Your ballot tracker').fill('0000-0000-0000-0000');
    await page.getByRole('button', { name: 'Find my ballot' }).click();
    await page.getByText('No ballot in the bulletin has the tracker 0000-0000-0000-0000').waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });
});
