/* eslint-disable @typescript-eslint/no-explicit-any -- page.evaluate bodies run in the browser, and the project compiles without the DOM library's types. */
import type { Browser, Page } from 'playwright-core';
import { aCandidate, anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { launchChromium, screenshot, a11yViolations } from '../support/http/chromium.js';
import { type RunningWeb, startWeb, webUseCases } from '../support/http/web-world.js';

import { jest } from '@jest/globals';

jest.setTimeout(120_000);

// The pages as a newcomer meets them, at phone and desktop widths: nothing wider than the screen,
// no glyph that needs an emoji or symbol font, menus wide enough for "No opinion", wording that
// fits the election's state, a way back from every page, and a focus order that follows the list.

const DAY = 24 * 3600 * 1000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const LONG = 'Maximiliane Featherstonehaugh-Wolfeschlegel';

const running = anElection()
  .key('2021---board')
  .named('2021 Board Election')
  .runningBetween(at(-1), at(5))
  .exceptionsDue(at(2))
  .candidates(aCandidate('max', { name: LONG }), aCandidate('ada'), aCandidate('grace'), aCandidate('alan'), aCandidate('kat'))
  .voters('alice', 'bob')
  .officers('olivia')
  .seats(2)
  .build();
const completed = anElection()
  .key('mascot')
  .named('Name the mascot')
  .runningBetween(at(-10), at(-3))
  .candidates(aCandidate('rex', { name: 'Rex the Robot' }), aCandidate('gopher'), aCandidate('octo', { name: 'Octo Cat' }), aCandidate('tux'))
  .voters('alice', 'bob', 'carol')
  .officers('olivia')
  .resultsHtml('<h1>Results</h1>\n<p>Rex the Robot won.</p>\n')
  .build();
const empty = anElection().key('2020---quiet').named('2020 Quiet Election').runningBetween(at(-40), at(-30)).officers('olivia').build();
const upcoming = anElection().key('2022---next').named('2022 Next Election').runningBetween(at(10), at(20)).build();

const runPath = `/app/elections/${running.key}`;
const mascotPath = `/app/elections/${completed.key}`;

let web: RunningWeb;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  web = await startWeb([running, completed, empty, upcoming]);
  // Three ballots in the completed poll, cast while it ran.
  const { castBallot } = webUseCases(web.world);
  web.world.clock.set(at(-5));
  const ballots: Array<[string, Array<[string, number]>]> = [
    [
      'alice',
      [
        ['rex', 1],
        ['octo', 2],
        ['gopher', 3],
      ],
    ],
    [
      'bob',
      [
        ['rex', 1],
        ['gopher', 2],
        ['octo', 3],
      ],
    ],
    [
      'carol',
      [
        ['octo', 1],
        ['rex', 2],
        ['tux', 3],
      ],
    ],
  ];
  for (const [login, ranks] of ballots) {
    const user = await web.world.signIn(login);
    await castBallot.execute({ user, electionKey: completed.key, entries: ranks.map(([candidate, rank]) => ({ candidate, rank })), passphrase: '' });
  }
  web.world.clock.set(NOW);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

type Width = 320 | 360 | 375 | 1280;

async function open(width: Width): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, timezoneId: 'America/New_York' });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('status of 404')) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return page;
}

async function signIn(page: Page, login: string): Promise<void> {
  await page.goto(`${web.baseUrl}/login`);
  await page.getByLabel('GitHub login').fill(login);
  await page.getByRole('button', { name: 'Sign in (development)' }).click();
  await page.waitForURL(`${web.baseUrl}/app`);
}

/** What a page looks like to the checks below; computed in the browser. */
interface Layout {
  readonly overflow: number;
  readonly symbolText: string[];
  readonly clippedSelects: string[];
}

// Arrows, dingbats, braille, misc. symbols and emoji: headless and minimal systems often lack a font
// for them and draw empty boxes. Text from the meta repository (.prose) is the organisers' choice.
const NEEDS_SYMBOL_FONT = '[\\u2190-\\u21FF\\u2300-\\u23FF\\u2600-\\u27BF\\u2800-\\u28FF\\u2B00-\\u2BFF\\u{1F000}-\\u{1FAFF}]';

async function layoutOf(page: Page): Promise<Layout> {
  return page.evaluate((pattern) => {
    const d = (globalThis as unknown as { document: any }).document;
    const w = globalThis as unknown as { innerWidth: number; getComputedStyle(e: unknown): any };
    const symbol = new RegExp(pattern, 'u');
    const symbolText: string[] = [];
    const walker = d.createTreeWalker(d.body, 4 /* text */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (symbol.test(n.textContent) && !n.parentElement.closest('.prose')) symbolText.push(n.textContent.trim());
    }
    const canvas = d.createElement('canvas').getContext('2d');
    const clippedSelects: string[] = [];
    for (const s of d.querySelectorAll('select')) {
      const style = w.getComputedStyle(s);
      canvas.font = style.font;
      const widest = Math.max(...[...s.options].map((o: any) => canvas.measureText(o.textContent).width));
      // Room for the text: the box minus its padding, its border and about 20 px of drop-down arrow.
      const room =
        s.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) * 2 - 20;
      if (widest > room) clippedSelects.push(`${s.id}: text ${Math.round(widest)} px in ${Math.round(room)} px`);
    }
    return { overflow: d.documentElement.scrollWidth - w.innerWidth, symbolText, clippedSelects };
  }, NEEDS_SYMBOL_FONT);
}

/** Layout and axe (every impact) on every page the tour visits. */
async function check(page: Page, label: string): Promise<void> {
  const layout = await layoutOf(page);
  expect({ page: label, ...layout }).toEqual({ page: label, overflow: 0, symbolText: [], clippedSelects: [] });
  expect({ page: label, violations: await a11yViolations(page) }).toEqual({ page: label, violations: [] });
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

describe('a newcomer tours the pages', () => {
  it('reads the public pages at 360 px and on a desktop, each worded for its election state', async () => {
    for (const width of [360, 1280] as const) {
      const page = await open(width);
      await page.goto(web.baseUrl);
      await check(page, `home ${width}`);
      await page.goto(`${web.baseUrl}/elections`);
      await check(page, `public elections ${width}`);
      await page.goto(`${web.baseUrl}/elections?status=completed`);
      await check(page, `completed elections ${width}`);
      expect(await page.locator('.card-title').allInnerTexts()).toEqual(expect.arrayContaining(['Name the mascot', '2020 Quiet Election']));

      await page.goto(`${web.baseUrl}/elections/${running.key}`);
      await check(page, `public running election ${width}`);
      expect(await text(page, '.schedule')).toMatch(/^Voting opened .* and closes /);
      expect(await page.getByRole('link', { name: 'Sign in to vote' }).count()).toBe(1);

      await page.goto(`${web.baseUrl}/elections/${completed.key}`);
      await check(page, `public completed election ${width}`);
      expect(await text(page, '.schedule')).toMatch(/^Voting ran from .* to /);
      // results.md brings its own heading: the page does not add a second "Results".
      expect(await page.getByRole('heading', { name: 'Results' }).count()).toBe(1);

      await page.goto(`${web.baseUrl}/elections/${upcoming.key}`);
      await check(page, `public upcoming election ${width}`);
      expect(await text(page, '.schedule')).toMatch(/^Voting opens .* and closes /);
      await page.goto(`${web.baseUrl}/login`);
      await check(page, `login ${width}`);
      if (width === 360) await screenshot(page, 'tour-mobile-login');
      await page.context().close();
    }
  });

  it('ranks on a 320 px phone: the menus show "No opinion" whole and the focus follows the list', async () => {
    const page = await open(320);
    await signIn(page, 'alice');
    await check(page, 'dashboard 320');
    await page.goto(`${web.baseUrl}/app/elections`);
    await check(page, 'signed-in elections 320');
    await page.goto(`${web.baseUrl}/app`);
    await page.getByRole('link', { name: running.name }).first().click();
    await page.waitForURL(`${web.baseUrl}${runPath}`);
    await check(page, 'election 320');
    expect(await page.locator('.pill-ok').first().innerText()).toBe('You are eligible');

    await page.getByRole('link', { name: 'Vote', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}${runPath}/vote`);
    await check(page, 'ballot 320');
    const handle = (name: string) => page.getByRole('button', { name: `Move ${name} (arrow keys)` });
    await handle('Grace').focus();
    await page.keyboard.press('ArrowUp');
    await handle(LONG).focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // A tie by menu: both rows say "tied" beside the name.
    await page.locator('#select-ada').selectOption('2');
    expect(
      await page.locator('.ballot-item.is-tied').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { candidate: string } }).dataset.candidate)),
    ).toEqual(['grace', 'ada']);
    await check(page, 'ranked ballot 320');
    await screenshot(page, 'tour-320-ballot');

    // Tab from the first handle: every control of one candidate, then the next candidate, in the
    // order the list shows them (the script moves the rows themselves, not just their looks).
    const shown = await page
      .locator('.ballot-item')
      .evaluateAll((items) => items.map((i) => (i as unknown as { dataset: { candidate: string } }).dataset.candidate));
    expect(shown.slice(0, 2)).toEqual(['max', 'grace']);
    await page.locator('.ballot-item .drag-handle').first().focus();
    const visited: string[] = [];
    for (let i = 0; i < shown.length * 5; i++) {
      visited.push(
        await page.evaluate(() => (globalThis as unknown as { document: any }).document.activeElement?.closest('.ballot-item')?.dataset.candidate ?? 'outside'),
      );
      await page.keyboard.press('Tab');
    }
    const runs = visited.filter((id, i) => id !== visited[i - 1]);
    expect(runs).toEqual(shown);
    expect(visited.filter((id) => id === 'max')).toHaveLength(5);

    await page.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
    await page.getByLabel('Passphrase again').fill('a long passphrase');
    await page.getByRole('button', { name: 'Submit Vote' }).click();
    await page.waitForURL(`${web.baseUrl}${runPath}/confirmation`);
    await check(page, 'confirmation 320');
    await page.getByRole('link', { name: 'Back to the election page' }).click();
    await page.getByLabel('Your passphrase').fill('a long passphrase');
    await page.getByRole('button', { name: 'View Ballot' }).click();
    await page.waitForURL(`${web.baseUrl}${runPath}/vote/view`);
    await check(page, 'own ballot 320');
    expect(await page.getByRole('link', { name: 'Back to the election page' }).count()).toBe(1);

    await page.goto(`${web.baseUrl}${runPath}/candidates/max`);
    await check(page, 'candidate 320');
    expect(await page.getByRole('link', { name: 'Back to the election' }).count()).toBe(1);
    await page.goto(`${web.baseUrl}${mascotPath}`);
    expect(await text(page, '.schedule')).toMatch(/^Voting ran from /);
    expect(await text(page, '.side-col')).toContain('You voted in this election.');
    await page.getByRole('link', { name: 'Results' }).click();
    await page.waitForURL(`${web.baseUrl}${mascotPath}/results/`);
    await check(page, 'published results 320');
    expect(await page.getByRole('link', { name: 'Back to the election page' }).count()).toBe(1);
    await page.context().close();
  });

  it('tells someone off the roll plainly, and lets an officer decide and read results at 360 px', async () => {
    const page = await open(360);
    await signIn(page, 'erin');
    await page.goto(`${web.baseUrl}${runPath}`);
    await check(page, 'not eligible 360');
    expect(await text(page, '.side-col')).toContain("You are not on this election's voter roll.");
    await page.getByRole('link', { name: 'Fill in the exception form' }).click();
    await check(page, 'exception form 360');
    expect(await page.getByRole('link', { name: 'Cancel' }).getAttribute('href')).toBe(runPath);
    await page.getByLabel('Full name').fill('Erin Example');
    await page.getByLabel('E-mail').fill('erin@example.org');
    await page.getByLabel('Chat ID').fill('erin');
    await page.getByLabel('Contributions').fill('Ran the docs sprint.');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.waitForURL(`${web.baseUrl}${runPath}`);
    // The dashboard greets by name and tells where this person stands in each election.
    await page.goto(`${web.baseUrl}/app`);
    await check(page, 'dashboard with a pending exception 360');
    expect(await text(page, 'h1')).toBe('Welcome, erin');
    const card = (page: Page, name: string) =>
      page
        .locator('.election-card', { has: page.getByRole('link', { name, exact: true }) })
        .locator('.card-meta')
        .first()
        .innerText();
    expect(await card(page, running.name)).toContain('Not eligible: exception pending');
    await page.context().close();

    const op = await open(360);
    await signIn(op, 'olivia');
    expect(await card(op, running.name)).toMatch(/Not eligible · Officer$/);
    expect(await card(op, completed.name)).toContain('Officer');
    await op.goto(`${web.baseUrl}${runPath}/admin/`);
    await check(op, 'officer dashboard 360');
    expect(await text(op, 'main')).toContain('appear here once voting closes');
    await screenshot(op, 'tour-mobile-officer-dashboard');
    await op.getByRole('link', { name: 'Erin Example' }).click();
    await op.getByLabel('Grant').check();
    await op.getByRole('button', { name: 'Save the decision' }).click();
    expect(await text(op, '.flash')).toContain('Your decision was saved');
    await check(op, 'request 360');
    await op.goto(`${web.baseUrl}/app`);
    expect(await card(op, running.name)).toMatch(/Not eligible · Officer$/);

    await op.goto(`${web.baseUrl}${mascotPath}/admin/results`);
    await check(op, 'results 360');
    expect(await text(op, '.winner-box')).toContain('Rex the Robot');
    expect(await op.locator('.winner-box svg.icon').count()).toBe(1);
    await screenshot(op, 'tour-mobile-results');
    expect(await op.getByRole('link', { name: "Back to the officers' dashboard" }).count()).toBe(1);

    await op.goto(`${web.baseUrl}${mascotPath}/admin/purge-links`);
    await check(op, 'purge-links confirmation 360');
    await op.goto(`${web.baseUrl}/app/elections/${empty.key}/admin/results`);
    expect(await text(op, '.winner-box')).toContain('No ballots were cast.');
    await check(op, 'empty results 360');
    const missing = await op.goto(`${web.baseUrl}/elections/no-such-election`);
    expect(missing?.status()).toBe(404);
    await check(op, 'not found 360');
    await op.context().close();
  });

  it('at 375 px keeps each legend inside its fieldset and says when a results table scrolls sideways', async () => {
    const page = await open(375);
    await signIn(page, 'bob');
    await page.goto(`${web.baseUrl}${runPath}/vote`);
    await check(page, 'ballot 375');
    // A legend drawn across the top border cuts a gap in it; a long one wrapping on a phone made the gap a hole.
    const legends = await page.locator('fieldset').evaluateAll((sets) =>
      sets.map((f) => {
        const el = f as unknown as {
          getBoundingClientRect(): { top: number };
          querySelector(s: string): { getBoundingClientRect(): { top: number }; textContent: string } | null;
        };
        const legend = el.querySelector('legend')!;
        return { legend: legend.textContent, inside: legend.getBoundingClientRect().top > el.getBoundingClientRect().top };
      }),
    );
    expect(legends).toEqual([
      { legend: 'Your ranking', inside: true },
      { legend: 'Passphrase (to view or change your ballot later)', inside: true },
    ]);
    await screenshot(page, 'tour-375-ballot');
    await page.context().close();

    const op = await open(375);
    await signIn(op, 'olivia');
    await op.goto(`${web.baseUrl}${mascotPath}/admin/results`);
    await check(op, 'results 375');
    const tables = await op.locator('.table-scroll').evaluateAll((boxes) =>
      boxes.map((b) => {
        const box = b as unknown as {
          scrollWidth: number;
          clientWidth: number;
          classList: { contains(c: string): boolean };
          previousElementSibling: { className: string; hidden: boolean } | null;
        };
        const hint = box.previousElementSibling?.className === 'scroll-hint' ? box.previousElementSibling : null;
        return { wider: box.scrollWidth > box.clientWidth + 1, hinted: hint !== null && !hint.hidden, faded: box.classList.contains('more-right') };
      }),
    );
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.some((t) => t.wider)).toBe(true);
    for (const t of tables) expect(t).toEqual({ wider: t.wider, hinted: t.wider, faded: t.wider });
    await screenshot(op, 'tour-375-results');
    await op.getByText('Wider than the screen: scroll sideways to see every column.').first().waitFor();
    await op.context().close();
  });

  it('produced no script error or CSP violation on any page', () => {
    expect(problems).toEqual([]);
  });
});
