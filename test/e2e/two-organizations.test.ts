import type { Browser, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { launchChromium } from '../support/http/chromium.js';
import { STRONG_PASSPHRASE } from '../support/passphrases.js';
import { type OrgSpec, type RunningOrganizations, startOrganizations } from '../support/organizations.js';

jest.setTimeout(120_000);

// One instance, two organizations, the same election key in both; alice votes in each with a ballot of its own.
const KEY = '2025---steering';
const ORGS: OrgSpec[] = [
  { key: 'alpha', name: 'Alpha Project', default: true, elections: { [KEY]: { name: 'Alpha steering', voters: ['alice'], officers: ['ann-officer'] } } },
  { key: 'beta', name: 'Beta Project', elections: { [KEY]: { name: 'Beta steering', voters: ['alice', 'bob'], officers: ['bob'] } } },
];

let web: RunningOrganizations;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  web = await startOrganizations(ORGS);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function vote(page: Page, org: string, electionName: string): Promise<void> {
  const base = `${web.baseUrl}/o/${org}`;
  await page.goto(`${web.baseUrl}/`);
  await page.getByRole('link', { name: electionName }).click();
  await page.waitForURL(`${base}/elections/${KEY}`);
  await page.getByRole('link', { name: /Open the election's page|Sign in to vote/ }).click();
  await page.waitForURL(`${base}/app/elections/${KEY}`);
  await page.getByRole('link', { name: 'Vote', exact: true }).click();
  await page.waitForURL(`${base}/app/elections/${KEY}/vote`);
  await page.getByRole('button', { name: 'Move Candidate ann (arrow keys)' }).focus();
  await page.keyboard.press('ArrowUp');
  await page.getByRole('button', { name: 'Move Candidate ben (arrow keys)' }).focus();
  await page.keyboard.press('ArrowUp');
  expect(await page.locator('#ballot-summary-text').textContent()).toBe('Candidate ann > Candidate ben');
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Submit Vote' }).click();
  await page.waitForURL(`${base}/app/elections/${KEY}/confirmation`);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(electionName);
}

describe('two organizations in Chromium', () => {
  it('signs in once, votes in each organization, and sees each ballot only under its own organization', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));

    // The front page lists both organizations and their running elections.
    await page.goto(`${web.baseUrl}/`);
    expect(await page.getByRole('link', { name: 'Alpha Project' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Beta Project' }).count()).toBe(1);

    // Signed out, the election page sends alice to the one sign-in, which brings her back.
    await page.goto(`${web.baseUrl}/o/alpha/app/elections/${KEY}`);
    await page.waitForURL(/\/login\?r=/);
    await page.getByLabel('GitHub login').fill('alice');
    await page.getByRole('button', { name: 'Sign in (development)' }).click();
    await page.waitForURL(`${web.baseUrl}/o/alpha/app/elections/${KEY}`);

    await vote(page, 'alpha', 'Alpha steering');
    // Her vote in alpha is not a vote in beta: beta's page still offers the ballot.
    await page.goto(`${web.baseUrl}/o/beta/app/elections/${KEY}`);
    expect(await page.getByRole('link', { name: 'Vote', exact: true }).count()).toBe(1);
    await vote(page, 'beta', 'Beta steering');

    // Each election page says she voted, and her ballot opens under its own organization only.
    for (const org of ['alpha', 'beta']) {
      await page.goto(`${web.baseUrl}/o/${org}/app/elections/${KEY}`);
      await page.getByLabel('Your passphrase').fill(STRONG_PASSPHRASE);
      await page.getByRole('button', { name: 'View Ballot' }).click();
      expect(await page.content()).toContain('Candidate ann');
    }
    // The officers' pages of one organization are closed to the other's officer.
    const officer = await browser.newContext();
    const o = await officer.newPage();
    await o.goto(`${web.baseUrl}/login`);
    await o.getByLabel('GitHub login').fill('ann-officer');
    await o.getByRole('button', { name: 'Sign in (development)' }).click();
    await o.waitForURL(`${web.baseUrl}/`);
    expect((await o.goto(`${web.baseUrl}/o/beta/app/elections/${KEY}/admin/`))?.status()).toBe(403);
    expect((await o.goto(`${web.baseUrl}/o/alpha/app/elections/${KEY}/admin/`))?.status()).toBe(200);
    expect((await o.goto(`${web.baseUrl}/o/nowhere/elections`))?.status()).toBe(404);
    await officer.close();
    await context.close();
    expect(problems).toEqual([]);
  });
});
