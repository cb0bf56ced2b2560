import type { Browser, BrowserContext, Page } from 'playwright-core';
import { aCandidate, anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { a11yViolations, launchChromium, screenshot } from '../support/http/chromium.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';
import { OTHER_STRONG_PASSPHRASE, STRONG_PASSPHRASE } from '../support/passphrases.js';

import { jest } from '@jest/globals';

jest.setTimeout(120_000);

const election = anElection()
  .key('2021---GB')
  .named('Select our 2021 General Board Rep')
  .status('running', NOW)
  .candidates(
    aCandidate('dims', { name: 'Davanum Srinivas' }),
    aCandidate('paris', { name: 'Paris Pittman' }),
    aCandidate('aaron', { name: 'Aaron Crickenberger' }),
  )
  .voters('alice', 'bob', 'carol', 'dave', 'erin', 'fay')
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

async function newPage(javaScriptEnabled: boolean, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 860 }, javaScriptEnabled });
  const page = await context.newPage();
  page.on('console', (m) => {
    // The question pages answer 422 (nothing was done) and a wrong passphrase 403, which Chromium reports as failed loads.
    if (m.type() === 'error' && !/status of (422|403)/.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return { context, page };
}

async function signIn(page: Page, login: string): Promise<void> {
  await page.goto(`${web.baseUrl}/login`);
  await page.getByLabel('GitHub login').fill(login);
  await page.getByRole('button', { name: 'Sign in (development)' }).click();
  await page.waitForURL(`${web.baseUrl}/app`);
}

async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await a11yViolations(page);
  expect({ page: label, violations }).toEqual({ page: label, violations: [] });
}

// By login, not signIn(): a sign-in would end the browser's session.
const userId = async (login: string): Promise<number> => (await web.world.users.byLogin(login))!.id;
const rankOf = (page: Page, id: string) => page.locator(`#select-${id}`).inputValue();
async function ballotIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const b of web.world.ballotBox.ballots(election.key)) ids.push(b.ballotId);
  return ids.sort();
}

describe('a ballot without a passphrase is confirmed first', () => {
  it('with JavaScript: a double-click on Submit Vote does not skip the warning', async () => {
    const { context, page } = await newPage(true);
    await signIn(page, 'alice');
    await page.goto(`${web.baseUrl}${path}/vote`);
    await page.locator('#select-paris').selectOption('1');
    await page.locator('#select-dims').selectOption('2');
    await page.getByRole('button', { name: 'Submit Vote' }).dblclick();
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${web.baseUrl}${path}/vote`);
    expect(await web.world.ballotBox.mark(election.key, await userId('alice'))).toBeNull();
    const warning = page.locator('#no-passphrase-warning');
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toMatch(/cannot view, change or revoke/);
    expect(await page.getByRole('button', { name: 'Submit Vote' }).isDisabled()).toBe(true);
    await screenshot(page, 'desktop-ballot-no-passphrase-warning');
    await expectAccessible(page, 'ballot with the no-passphrase warning');

    // "Type a passphrase" puts the voter back in the field, Submit Vote works again.
    await page.getByRole('button', { name: 'Type a passphrase' }).click();
    expect(await warning.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Submit Vote' }).isDisabled()).toBe(false);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('password');

    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.getByRole('button', { name: 'Cast without a passphrase' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);
    expect((await web.world.ballotBox.mark(election.key, await userId('alice')))?.hasLink).toBe(false);
    await context.close();
  });

  it('without JavaScript: a confirmation page, "Go back" keeps the ranking, then cast', async () => {
    const { context, page } = await newPage(false);
    await signIn(page, 'bob');
    await page.goto(`${web.baseUrl}${path}/vote`);
    await page.locator('#select-aaron').selectOption('1');
    await page.locator('#select-dims').selectOption('2');
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/vote`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('without a passphrase');
    expect(await page.locator('main').textContent()).toMatch(/cannot view, change or revoke/);
    expect(await web.world.ballotBox.mark(election.key, await userId('bob'))).toBeNull();
    await screenshot(page, 'desktop-no-passphrase-confirmation');

    await page.getByRole('button', { name: 'Go back' }).click();
    expect(await rankOf(page, 'aaron')).toBe('1');
    expect(await rankOf(page, 'dims')).toBe('2');
    expect(await rankOf(page, 'paris')).toBe('none');

    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.getByRole('button', { name: 'Cast without a passphrase' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);
    expect((await web.world.ballotBox.mark(election.key, await userId('bob')))?.hasLink).toBe(false);
    await context.close();
  });

  it('the confirmation page passes axe', async () => {
    // axe needs scripts in the page (a context without JavaScript cannot run it): here the ballot's
    // own script is left out instead, so the form posts as it does without JavaScript.
    const { context, page } = await newPage(true);
    await page.route('**/static/js/ballot.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    await signIn(page, 'carol');
    await page.goto(`${web.baseUrl}${path}/vote`);
    await page.locator('#select-dims').selectOption('1');
    await page.locator('#select-paris').selectOption('2');
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.getByRole('button', { name: 'Cast without a passphrase' }).waitFor();
    await expectAccessible(page, 'no-passphrase confirmation');
    await context.close();
  });
});

describe('change my vote, and revoke', () => {
  it('opens the ballot filled in, replaces it, and shows the new ranking', async () => {
    const { context, page } = await newPage(true);
    await signIn(page, 'dave');
    await page.goto(`${web.baseUrl}${path}/vote`);
    await page.locator('#select-dims').selectOption('1');
    await page.locator('#select-paris').selectOption('2');
    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
    await page.getByLabel('Passphrase again').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);
    const first = await ballotIds();

    await page.goto(`${web.baseUrl}${path}`);
    await page.getByLabel('Your passphrase').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Change my vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/vote/change`);
    expect(await rankOf(page, 'dims')).toBe('1');
    expect(await rankOf(page, 'paris')).toBe('2');
    expect(await rankOf(page, 'aaron')).toBe('none');
    expect(await page.locator('#ballot-summary-text').textContent()).toBe('Davanum Srinivas > Paris Pittman; no opinion on Aaron Crickenberger');
    await screenshot(page, 'desktop-change-vote');
    await expectAccessible(page, 'change my vote');

    await page.getByRole('button', { name: 'Move Aaron Crickenberger (arrow keys)' }).focus();
    await page.keyboard.press('Home');
    expect(await rankOf(page, 'aaron')).toBe('1');
    // Without a new passphrase the current one is kept: no "no passphrase" question here.
    await page.getByLabel('Current passphrase').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Replace my ballot' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);
    expect(await page.locator('#changed-note').textContent()).toContain('Your vote is changed');
    expect(await page.locator('#cast-summary').textContent()).toBe('Aaron Crickenberger > Davanum Srinivas > Paris Pittman');
    await expectAccessible(page, 'confirmation after a change');
    const second = await ballotIds();
    expect(second).toHaveLength(first.length);
    expect(second).not.toEqual(first);

    await page.goto(`${web.baseUrl}${path}`);
    await page.getByLabel('Your passphrase').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'View Ballot' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/vote/view`);
    const rows = (await page.locator('.ballot-table tbody tr').allTextContents()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual(['1Aaron Crickenberger (aaron)', '2Davanum Srinivas (dims)', '3Paris Pittman (paris)']);
    await expectAccessible(page, 'own ballot');
    await context.close();
  });

  it('asks before revoking, and "Keep my ballot" keeps it', async () => {
    const { context, page } = await newPage(true);
    await signIn(page, 'erin');
    await page.goto(`${web.baseUrl}${path}/vote`);
    await page.locator('#select-paris').selectOption('1');
    await page.locator('#select-aaron').selectOption('2');
    await page.getByLabel('Passphrase', { exact: true }).fill(OTHER_STRONG_PASSPHRASE);
    await page.getByLabel('Passphrase again').fill(OTHER_STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);

    await page.goto(`${web.baseUrl}${path}`);
    await expectAccessible(page, 'election page of a voter with a ballot');
    await page.getByRole('link', { name: 'Revoke Ballot' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/vote/revoke`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Revoke your ballot?');
    await screenshot(page, 'desktop-revoke-question');
    await expectAccessible(page, 'revoke question');
    await page.getByRole('link', { name: 'Keep my ballot' }).click();
    await page.waitForURL(`${web.baseUrl}${path}`);
    expect(await web.world.ballotBox.mark(election.key, await userId('erin'))).not.toBeNull();

    await page.getByRole('link', { name: 'Revoke Ballot' }).click();
    await page.getByLabel('Your passphrase').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Revoke my ballot' }).click();
    expect(await page.locator('#revoke-passphrase-error').textContent()).toContain('does not match');
    await expectAccessible(page, 'revoke question with a wrong passphrase');
    expect(await web.world.ballotBox.mark(election.key, await userId('erin'))).not.toBeNull();
    await page.getByLabel('Your passphrase').fill(OTHER_STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Revoke my ballot' }).click();
    await page.waitForURL(`${web.baseUrl}${path}`);
    expect(await page.locator('.flash').textContent()).toContain('Your ballot was deleted');
    expect(await web.world.ballotBox.mark(election.key, await userId('erin'))).toBeNull();
    await context.close();
  });
});

describe('at 375 px', () => {
  const pageWidth = (page: Page) =>
    page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

  it('the questions and the change form fit a phone without scrolling sideways', async () => {
    const { context, page } = await newPage(true, 375);
    await page.route('**/static/js/ballot.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    await signIn(page, 'fay');
    await page.goto(`${web.baseUrl}${path}/vote`);
    await page.locator('#select-dims').selectOption('1');
    await page.locator('#select-paris').selectOption('2');
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.getByRole('button', { name: 'Go back' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await screenshot(page, 'mobile-no-passphrase-confirmation');
    await page.getByRole('button', { name: 'Go back' }).click();
    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
    await page.getByLabel('Passphrase again').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/confirmation`);

    await page.goto(`${web.baseUrl}${path}`);
    await page.getByLabel('Your passphrase').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Change my vote' }).click();
    await page.waitForURL(`${web.baseUrl}${path}/vote/change`);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await screenshot(page, 'mobile-change-vote');
    await page.goto(`${web.baseUrl}${path}/vote/revoke`);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await screenshot(page, 'mobile-revoke-question');
    await context.close();
  });
});

describe('no page script failed', () => {
  it('produced no CSP violation or script error', () => {
    expect(problems).toEqual([]);
  });
});
