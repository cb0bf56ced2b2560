import type { Browser, BrowserContext, Page } from 'playwright-core';
import { aCandidate, anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { a11yViolations, launchChromium, screenshot } from '../support/http/chromium.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';

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
  .voters('alice', 'bob', 'carol', 'dave', 'erin')
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

async function newPage(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, javaScriptEnabled });
  const page = await context.newPage();
  page.on('console', (m) => {
    // The confirmation pages answer 422 (the ballot was not cast), which Chromium reports as a failed load.
    if (m.type() === 'error' && !/status of 422/.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
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

describe('no page script failed', () => {
  it('produced no CSP violation or script error', () => {
    expect(problems).toEqual([]);
  });
});
