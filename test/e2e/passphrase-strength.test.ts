import type { Browser, Page } from 'playwright-core';
import { aCandidate, anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { launchChromium, screenshot, a11yViolations } from '../support/http/chromium.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';
import { STRONG_PASSPHRASE } from '../support/passphrases.js';

import { jest } from '@jest/globals';

jest.setTimeout(120_000);

const DAY = 24 * 3600 * 1000;
const election = anElection()
  .key('2025---steering')
  .named('Steering Committee Election 2025')
  .runningBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + DAY))
  .candidates(aCandidate('dims', { name: 'Davanum Srinivas' }), aCandidate('paris', { name: 'Paris Pittman' }))
  .voters('octocat-voter')
  .build();
const path = `/app/elections/${election.key}`;

let web: RunningWeb;
let browser: Browser;
beforeAll(async () => {
  web = await startWeb([election]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const strengthText = (page: Page) => page.locator('#passphrase-strength-text').textContent();
const meterValue = (page: Page) => page.locator('#passphrase-meter').evaluate((m) => (m as unknown as { value: number }).value);

// Issue 11: the page runs the server's estimator while the voter types, and refuses a guessable
// passphrase before sending anything; the passphrase never leaves the page unsubmitted.
describe('the passphrase strength shown while typing (Chromium)', () => {
  it('shows the strength, refuses a guessable passphrase in the page, then casts with a strong one', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 860 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const sent: Array<{ method: string; url: string; body: string }> = [];
    page.on('request', (r) => sent.push({ method: r.method(), url: r.url(), body: r.postData() ?? '' }));

    await page.goto(`${web.baseUrl}/login`);
    await page.getByLabel('GitHub login').fill('octocat-voter');
    await page.getByRole('button', { name: 'Sign in (development)' }).click();
    await page.waitForURL(`${web.baseUrl}/app`);
    const signedIn = sent.length;
    await page.goto(`${web.baseUrl}${path}/vote`);
    await page.locator('#select-paris').selectOption('1');
    await page.locator('#select-dims').selectOption('2');
    expect(await strengthText(page)).toContain('type a passphrase');

    for (const weak of ['password1', 'octocat-voter', 'aaaaaa']) {
      await page.getByLabel('Passphrase', { exact: true }).fill(weak);
      await page.waitForFunction(() =>
        /too easy to guess/.test(
          (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }).document.getElementById('passphrase-strength-text')
            .textContent,
        ),
      );
      expect(await meterValue(page)).toBeLessThan(8);
    }
    await screenshot(page, 'passphrase-weak');
    await page.getByLabel('Passphrase again').fill('aaaaaa');
    const before = sent.length;
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForFunction(() =>
      /too easy to guess/.test(
        (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }).document.getElementById('passphrase-problem')
          .textContent,
      ),
    );
    expect(await page.locator('#passphrase-problem').textContent()).toContain('several words');
    expect(sent.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
    expect(page.url()).toBe(`${web.baseUrl}${path}/vote`);
    expect(await page.locator('#select-paris').inputValue()).toBe('1');
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(0);

    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
    await page.waitForFunction(() =>
      /Strength: strong/.test(
        (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }).document.getElementById('passphrase-strength-text')
          .textContent,
      ),
    );
    expect(await meterValue(page)).toBeGreaterThanOrEqual(10);
    expect(await page.locator('#passphrase-strength').getAttribute('class')).not.toContain('is-weak');
    await screenshot(page, 'passphrase-strong');
    const violations = await a11yViolations(page);
    expect(violations).toEqual([]);

    await page.getByLabel('Passphrase again').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(1);

    // The estimator ran in the page: its library and dictionaries came from /static/vendor/, and
    // no passphrase typed went anywhere but the one form post that cast the ballot.
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual(
      expect.arrayContaining(['/static/vendor/zxcvbn-ts/core.js', '/static/vendor/zxcvbn-ts/language-en.js']),
    );
    for (const typed of ['password1', 'octocat-voter', 'aaaaaa', STRONG_PASSPHRASE]) {
      const carrying = sent
        .slice(signedIn)
        .filter((r) => r.url.includes(encodeURIComponent(typed)) || r.body.includes(new URLSearchParams({ p: typed }).toString().slice(2)));
      expect(carrying.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(typed === STRONG_PASSPHRASE ? [`POST ${path}/vote`] : []);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
