import type { Browser, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { aCandidate, anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { a11yViolations, launchChromium, screenshot } from '../support/http/chromium.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';
import { STV_KEY, castCappedStvBallots, cappedStvElection } from '../support/stv/capped-stv-election.js';

jest.setTimeout(120_000);

/** A running STV election, for the ballot's script: one candidate per rank. */
const running = anElection()
  .key('2026---board')
  .named('Board 2026')
  .countedBy('stv-scottish')
  .seats(2)
  .status('running', NOW)
  .candidates(
    aCandidate('dims', { name: 'Davanum Srinivas' }),
    aCandidate('paris', { name: 'Paris Pittman' }),
    aCandidate('aaron', { name: 'Aaron Crickenberger' }),
  )
  .voters('alice')
  .build();

let web: RunningWeb;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  web = await startWeb([cappedStvElection(), running]);
  await castCappedStvBallots(web.world);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function signedIn(login: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  await page.goto(`${web.baseUrl}/login`);
  await page.getByLabel('GitHub login').fill(login);
  await page.getByRole('button', { name: 'Sign in (development)' }).click();
  await page.waitForURL(`${web.baseUrl}/app`);
  return page;
}

describe('STV in Chromium (issue 16)', () => {
  it('shows the officers the rounds as a table and charts, axe-clean on desktop and mobile, with no CSP or script error', async () => {
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 860 }],
      ['mobile', { width: 360, height: 740 }],
    ] as const) {
      const page = await signedIn('officer1', viewport);
      await page.goto(`${web.baseUrl}/app/elections/${STV_KEY}/admin/results`);
      await page.getByRole('heading', { name: 'Winners, in order of election' }).waitFor();
      expect(await page.locator('.stv-winners li').allTextContents()).toEqual([
        expect.stringContaining('Ada One'),
        expect.stringContaining('Alan Two'),
        expect.stringContaining('Bea Beta'),
      ]);
      const table = page.getByRole('table', { name: 'Votes per candidate and round' });
      expect(await table.getByRole('rowheader').allTextContents()).toEqual([
        'Ada One',
        'Alan Two',
        'Anita Three',
        'Bea Beta',
        'Gus Gamma',
        'Quota',
        'Exhausted',
      ]);
      // Each chart is an image whose name lists the figures; the first round's is open and drawn.
      const chart = page.getByRole('img', { name: /^Votes in round 1, quota 32\.5/ });
      expect(await chart.isVisible()).toBe(true);
      const box = await chart.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(viewport.width);
      const bar = chart.locator('rect.stv-bar-elected').first();
      expect(Number(await bar.getAttribute('width'))).toBeGreaterThan(0);
      expect(await bar.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(el).fill)).toBe(
        'rgb(29, 107, 58)',
      ); // --ok, from the stylesheet
      await screenshot(page, `stv-results-${label}`);
      expect({ page: `stv results (${label})`, violations: await a11yViolations(page) }).toEqual({ page: `stv results (${label})`, violations: [] });
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  it('the ballot offers no ties: choosing a rank another candidate holds moves that one down', async () => {
    const page = await signedIn('alice');
    await page.goto(`${web.baseUrl}/app/elections/2026---board/vote`);
    await page.locator('#select-dims').selectOption('1');
    await page.locator('#select-paris').selectOption('1');
    expect(await page.locator('#select-paris').inputValue()).toBe('1');
    expect(await page.locator('#select-dims').inputValue()).toBe('2');
    expect(await page.locator('.is-tied').count()).toBe(0);
    expect(await page.locator('#ballot-summary-text').textContent()).toBe('Paris Pittman > Davanum Srinivas; not ranked: Aaron Crickenberger');
    expect({ page: 'stv ballot', violations: await a11yViolations(page) }).toEqual({ page: 'stv ballot', violations: [] });
    // One candidate ranked: cast without the Condorcet "prefers nobody" warning.
    await page.locator('#select-dims').selectOption('none');
    await page.locator('#password').fill('');
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.getByRole('button', { name: 'Cast without a passphrase' }).click(); // confirms the empty passphrase
    await page.waitForURL(/\/confirmation$/);
    expect(problems).toEqual([]);
  });
});
