import type { Browser, BrowserContext, Page } from 'playwright-core';
import { aCandidate, anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { launchChromium, screenshot, a11yViolations } from '../support/http/chromium.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';
import { STRONG_PASSPHRASE } from '../support/passphrases.js';

import { jest } from '@jest/globals';

jest.setTimeout(120_000);

const DAY = 24 * 3600 * 1000;
const election = anElection()
  .key('2021---GB')
  .named('Select our 2021 General Board Rep')
  .organization('Elekto Community')
  .runningBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + DAY))
  .exceptionsDue(new Date(NOW.getTime() + DAY / 2))
  .candidates(
    aCandidate('dims', { name: 'Davanum Srinivas', info: { employer: 'VMware' } }),
    aCandidate('paris', { name: 'Paris Pittman', info: { employer: 'Google' } }),
    aCandidate('aaron', { name: 'Aaron Crickenberger', info: { employer: 'Google' } }),
    aCandidate('jaice', { name: 'Jaice Singer DuMars' }),
  )
  .voters('alice', 'bob', 'carol')
  .officers('officer1')
  .seats(2)
  .build();
const path = `/app/elections/${election.key}`;

let web: RunningWeb;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  web = await startWeb([election]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function newPage(viewport: 'desktop' | 'mobile'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: viewport === 'desktop' ? { width: 1280, height: 860 } : { width: 360, height: 740 },
    timezoneId: 'Europe/Berlin',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  // Any CSP violation or script error shows up here; the test asserts there were none.
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return { context, page };
}

async function signIn(page: Page, login: string, name = ''): Promise<void> {
  await page.goto(`${web.baseUrl}/login`);
  await page.getByLabel('GitHub login').fill(login);
  if (name) await page.getByLabel(/Display name/).fill(name);
  await page.getByRole('button', { name: 'Sign in (development)' }).click();
  await page.waitForURL(`${web.baseUrl}/app`);
}

const rankOf = (page: Page, id: string) => page.locator(`#select-${id}`).inputValue();

async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await a11yViolations(page);
  expect({ page: label, violations }).toEqual({ page: label, violations: [] });
}

describe('a voter, a late applicant and an officer in Chromium', () => {
  it('votes by keyboard and drag, views, revokes and votes again', async () => {
    const { context, page } = await newPage('desktop');
    await signIn(page, 'alice', 'Alice Liddell');
    expect(page.getByRole('heading', { name: 'Welcome, Alice Liddell' })).toBeDefined();
    await screenshot(page, 'desktop-dashboard');
    await expectAccessible(page, 'dashboard');

    await page.getByRole('link', { name: election.name }).first().click();
    await page.waitForURL(`${web.baseUrl}${path}`);
    expect(await page.locator('time[data-local-time] + .local-time').first().textContent()).toMatch(/your time/);
    await screenshot(page, 'desktop-election');
    await expectAccessible(page, 'election');

    await page.getByRole('link', { name: 'Vote', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}${path}/vote`);
    await expectAccessible(page, 'ballot');

    // Keyboard: from "No opinion", ArrowUp on a handle ranks; buttons move up and down.
    await page.getByRole('button', { name: 'Move Paris Pittman (arrow keys)' }).focus();
    await page.keyboard.press('ArrowUp');
    expect(await rankOf(page, 'paris')).toBe('1');
    await page.getByRole('button', { name: 'Move Davanum Srinivas (arrow keys)' }).focus();
    await page.keyboard.press('ArrowUp');
    expect(await rankOf(page, 'dims')).toBe('2');
    await page.keyboard.press('ArrowUp');
    expect(await rankOf(page, 'dims')).toBe('1');
    expect(await rankOf(page, 'paris')).toBe('2');
    expect(await page.locator('#ballot-live').textContent()).toContain('Davanum Srinivas: rank 1');
    // Focus stays on the moved candidate's handle, so repeated presses keep working.
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute(
          'aria-label',
        ),
      ),
    ).toBe('Move Davanum Srinivas (arrow keys)');

    // Drag: Aaron's handle dropped between Paris and the "No opinion" line ranks Aaron third.
    const aaron = page.locator('#div-aaron .drag-handle');
    const parisBox = (await page.locator('#div-paris').boundingBox())!;
    const from = (await aaron.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 10, parisBox.y + parisBox.height * 0.9, { steps: 8 });
    // Mid-drag: the row follows the pointer, and the mark shows on the "No opinion" divider (last ranked place).
    const dragged = (await page.locator('#div-aaron').boundingBox())!;
    expect(Math.abs(dragged.y + dragged.height / 2 - (parisBox.y + parisBox.height * 0.9))).toBeLessThan(from.height);
    expect(await page.locator('.ballot-divider.drop-before').count()).toBe(1);
    expect(
      await page
        .locator('.ballot-divider')
        .evaluate((d) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopStyle: string } }).getComputedStyle(d).borderTopStyle),
    ).toBe('solid');
    await screenshot(page, 'desktop-ballot-dragging');
    await page.mouse.up();
    expect(await rankOf(page, 'aaron')).toBe('3');
    expect(await rankOf(page, 'jaice')).toBe('none');
    expect(await page.locator('#div-aaron').getAttribute('style')).toBeFalsy();

    // The summary says what the ballot says, and what "No opinion" means for the one left out.
    expect(await page.locator('#ballot-summary-text').textContent()).toBe(
      'Davanum Srinivas > Paris Pittman > Aaron Crickenberger; no opinion on Jaice Singer DuMars',
    );
    expect(await page.locator('#ballot-summary-no-opinion').isVisible()).toBe(true);
    expect(await page.locator('#ballot-summary-no-opinion').textContent()).toContain(
      '"No opinion" is not a low rank: this ballot does not say that you prefer the candidates you ranked to Jaice Singer DuMars.',
    );

    // A tie by menu: Jaice gets rank 2 too.
    await page.locator('#select-jaice').selectOption('2');
    expect(await rankOf(page, 'jaice')).toBe('2');
    expect(await rankOf(page, 'paris')).toBe('2');
    expect(await page.locator('#ballot-summary-text').textContent()).toBe('Davanum Srinivas > Paris Pittman = Jaice Singer DuMars > Aaron Crickenberger');
    expect(await page.locator('#ballot-summary-no-opinion').isVisible()).toBe(false);
    await screenshot(page, 'desktop-ballot');

    // Too short a passphrase is caught in the page; the ranking stays.
    await page.getByLabel('Passphrase', { exact: true }).fill('abc');
    await page.getByLabel('Passphrase again').fill('abc');
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    expect(await page.locator('#passphrase-problem').textContent()).toContain('at least 6 characters');
    expect(page.url()).toBe(`${web.baseUrl}${path}/vote`);
    expect(await rankOf(page, 'dims')).toBe('1');
    expect(await rankOf(page, 'aaron')).toBe('3');

    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
    await page.getByLabel('Passphrase again').fill(`${STRONG_PASSPHRASE}!`);
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    expect(await page.locator('#passphrase-problem').textContent()).toContain('differ');
    await page.getByLabel('Passphrase again').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Thank you for voting in');
    expect(await page.locator('#cast-summary').textContent()).toBe('Davanum Srinivas > Paris Pittman = Jaice Singer DuMars > Aaron Crickenberger');
    await screenshot(page, 'desktop-confirmation');
    await expectAccessible(page, 'confirmation');

    await page.getByRole('link', { name: 'Back to the election page' }).click();
    await page.getByLabel('Your passphrase').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'View Ballot' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/vote/view`);
    const rows = await page.locator('.ballot-table tbody tr').allTextContents();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      '1Davanum Srinivas (dims)',
      '2Paris Pittman (paris)',
      '2Jaice Singer DuMars (jaice)',
      '3Aaron Crickenberger (aaron)',
    ]);
    await screenshot(page, 'desktop-own-ballot');
    await expectAccessible(page, 'own ballot');

    // Revoking asks first (ballot-confirmations.test.ts walks it, and "Change my vote").
    await page.getByRole('link', { name: 'Revoke Ballot' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/vote/revoke`);
    await page.getByLabel('Your passphrase').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Revoke my ballot' }).click();
    await page.waitForURL(`${web.baseUrl}${path}`);
    expect(await page.locator('.flash').textContent()).toContain('Your ballot was deleted');

    // Again, this time without JavaScript's help: the rank menus alone.
    await page.getByRole('link', { name: 'Vote', exact: true }).click();
    await page.locator('#select-aaron').selectOption('1');
    await page.locator('#select-paris').selectOption('2');
    await page.getByLabel('Passphrase', { exact: true }).fill('another passphrase');
    await page.getByLabel('Passphrase again').fill('another passphrase');
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(1);
    expect(await page.locator('#cast-summary').textContent()).toMatch(
      /^Aaron Crickenberger > Paris Pittman; no opinion on (Davanum Srinivas, Jaice Singer DuMars|Jaice Singer DuMars, Davanum Srinivas)$/,
    );
    expect(await page.locator('#cast-no-opinion').textContent()).toContain('"No opinion" is not a low rank');
    await context.close();
  });

  it('works at 360 px: a second voter casts a ballot on a phone', async () => {
    const { context, page } = await newPage('mobile');
    await signIn(page, 'bob');
    await screenshot(page, 'mobile-dashboard');
    await page.goto(`${web.baseUrl}${path}/vote`);
    await page.getByRole('button', { name: 'Move Aaron Crickenberger up' }).click();
    await page.getByRole('button', { name: 'Move Jaice Singer DuMars up' }).click();
    expect(await rankOf(page, 'aaron')).toBe('1');
    expect(await rankOf(page, 'jaice')).toBe('2');
    const width = await page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(360);
    await screenshot(page, 'mobile-ballot');
    await page.getByLabel('Passphrase', { exact: true }).fill('bobs passphrase');
    await page.getByLabel('Passphrase again').fill('bobs passphrase');
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);
    await page.goto(`${web.baseUrl}${path}`);
    await screenshot(page, 'mobile-election');
    await expectAccessible(page, 'election (mobile)');
    await context.close();
  });

  it('lets someone off the roll file an exception and an officer grant it, then read results and download the CSV', async () => {
    const { context, page } = await newPage('mobile');
    await signIn(page, 'dave', 'Dave Smith');
    await page.goto(`${web.baseUrl}${path}`);
    expect(await page.locator('.pill-no').textContent()).toBe('Not eligible');
    await page.getByRole('link', { name: 'exception form' }).click();
    await expectAccessible(page, 'exception form');
    await page.getByLabel('Full name').fill('Dave Smith');
    await page.getByLabel('E-mail').fill('dave@example.org');
    await page.getByLabel('Chat ID').fill('dave');
    await page.getByLabel('Contributions').fill('Reviewed 40 pull requests in sig-docs.');
    await screenshot(page, 'mobile-exception-form');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.waitForURL(`${web.baseUrl}${path}`);
    expect(await page.locator('.flash').textContent()).toContain('sent to the election officers');
    await context.close();

    const officer = await newPage('desktop');
    const op = officer.page;
    await signIn(op, 'officer1', 'Olive Officer');
    await op.goto(`${web.baseUrl}${path}`);
    await op.getByRole('link', { name: 'Admin' }).click();
    await op.waitForURL(`${web.baseUrl}${path}/admin/`);
    await expectAccessible(op, 'officer dashboard');
    await op.getByRole('link', { name: 'Dave Smith' }).click();
    await op.getByRole('button', { name: 'Mark as reviewed' }).click();
    expect(await op.locator('.banner-subtitle .badge').textContent()).toBe('Reviewed');
    await op.getByLabel('Grant').check();
    await op.getByLabel('Note to the requester').fill('Welcome! We will add you to voters.yaml.');
    await op.getByRole('button', { name: 'Save the decision' }).click();
    await screenshot(op, 'desktop-officer-request');

    // The poll closes; results appear for the officers.
    web.world.clock.set(new Date(NOW.getTime() + 2 * DAY));
    await op.goto(`${web.baseUrl}${path}/admin/`);
    await screenshot(op, 'desktop-officer-dashboard');
    await op.getByRole('link', { name: 'Generate Results' }).click();
    await op.waitForURL(`${web.baseUrl}${path}/admin/results`);
    expect(await op.locator('.winner-box').textContent()).toContain('Aaron Crickenberger');
    expect(await op.locator('table.matrix td.cell-win').count()).toBeGreaterThan(0);
    await screenshot(op, 'desktop-results');
    await expectAccessible(op, 'results');
    const [download] = await Promise.all([op.waitForEvent('download'), op.locator('.winner-box ~ section a', { hasText: 'Ballots (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('ballots.csv');
    const csv = await new Promise<string>((resolve, reject) => {
      download.createReadStream().then((s) => {
        let text = '';
        s.on('data', (c: Buffer) => (text += c.toString('utf8')));
        s.on('end', () => resolve(text));
        s.on('error', reject);
      }, reject);
    });
    expect(csv.split('\n')[0]).toBe('dims,paris,aaron,jaice');
    expect(csv.trim().split('\n')).toHaveLength(3);
    await officer.context.close();

    const phone = await newPage('mobile');
    await signIn(phone.page, 'officer1');
    await phone.page.goto(`${web.baseUrl}${path}/admin/results`);
    await screenshot(phone.page, 'mobile-results');
    await phone.context.close();
  });

  it('produced no CSP violation or script error on any page', () => {
    expect(problems).toEqual([]);
  });
});
