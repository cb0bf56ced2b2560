import { DecideExceptionRequest } from '../../../src/application/exceptions/decide-exception-request.js';
import { ExportExceptionDecisions } from '../../../src/application/exceptions/export-exception-decisions.js';
import { csvCell, exceptionDecisionsCsv, exceptionDecisionsJson } from '../../../src/adapters/shared/export/exception-decisions-format.js';
import { FileExceptionRequest } from '../../../src/application/exceptions/file-exception-request.js';
import { ListExceptionRequests, ShowExceptionRequest } from '../../../src/application/exceptions/list-exception-requests.js';
import { ReviewExceptionRequest } from '../../../src/application/exceptions/review-exception-request.js';
import { anElection } from '../../support/builders/election-builder.js';
import { inMemoryWorld } from '../../support/builders/in-memory-world.js';

const KEY = '2021---GB';
const OTHER = '2021---TOC';
const form = { name: 'Mallory M', email: 'mallory@example.org', chat: '@mallory', description: 'Docs and reviews', comments: '' };

async function setup() {
  const w = inMemoryWorld([
    anElection().exceptionsDue('2021-06-10T00:00:00Z').officers('officer1').build(),
    anElection().key(OTHER).exceptionsDue('2021-06-10T00:00:00Z').officers('officer2').build(),
  ]);
  const file = new FileExceptionRequest(w.catalog, w.exceptionRequests, w.clock);
  const list = new ListExceptionRequests(w.catalog, w.exceptionRequests);
  const show = new ShowExceptionRequest(w.catalog, w.exceptionRequests);
  const review = new ReviewExceptionRequest(w.catalog, w.exceptionRequests);
  const decide = new DecideExceptionRequest(w.catalog, w.exceptionRequests, w.clock);
  const exportDecisions = new ExportExceptionDecisions(w.catalog, w.exceptionRequests);
  const officer1 = await w.signIn('Officer1');
  const officer2 = await w.signIn('officer2');
  const mallory = await w.signIn('Mallory');
  return { w, file, list, show, review, decide, exportDecisions, officer1, officer2, mallory };
}

describe('filing an exception request', () => {
  it('stores a trimmed request by a user not on the roll, not reviewed and undecided', async () => {
    const { file, mallory } = await setup();
    const r = await file.execute({ user: mallory, electionKey: KEY, form: { ...form, name: '  Mallory M  ' } });
    expect(r).toMatchObject({ electionKey: KEY, login: 'Mallory', name: 'Mallory M', reviewed: false, decision: null });
  });

  it('checks the deadline first, then eligibility, then an earlier request (Elekto §6.2)', async () => {
    const { w, file, mallory } = await setup();
    const alice = await w.signIn('alice');
    await expect(file.execute({ user: alice, electionKey: KEY, form })).rejects.toMatchObject({ code: 'ALREADY_ELIGIBLE' });
    await file.execute({ user: mallory, electionKey: KEY, form });
    await expect(file.execute({ user: mallory, electionKey: KEY, form })).rejects.toMatchObject({ code: 'EXCEPTION_ALREADY_FILED' });
    w.clock.set(new Date('2021-06-10T00:00:01Z'));
    await expect(file.execute({ user: alice, electionKey: KEY, form })).rejects.toMatchObject({ code: 'EXCEPTION_WINDOW_CLOSED' });
  });

  it('accepts a request exactly at the deadline, and in a completed election whose deadline is later', async () => {
    const w = inMemoryWorld([anElection().status('completed', new Date('2021-06-08T12:00:00Z')).exceptionsDue('2021-12-31T00:00:00Z').build()]);
    const file = new FileExceptionRequest(w.catalog, w.exceptionRequests, w.clock);
    await expect(file.execute({ user: await w.signIn('mallory'), electionKey: KEY, form })).resolves.toBeDefined();
    w.clock.set(new Date('2021-12-31T00:00:00Z'));
    await expect(file.execute({ user: await w.signIn('eve'), electionKey: KEY, form })).resolves.toBeDefined();
  });

  it('names every missing or bad field at once', async () => {
    const { file, mallory } = await setup();
    const err = await file.execute({ user: mallory, electionKey: KEY, form: { name: ' ', email: 'nope', chat: 'x'.repeat(256) } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_EXCEPTION_REQUEST' });
    expect(Object.keys((err as { details: { fields: object } }).details.fields).sort()).toEqual(['chat', 'description', 'email', 'name']);
  });

  it('one request per user per election, even when two submissions race', async () => {
    const { w, file, mallory } = await setup();
    const results = await Promise.allSettled([1, 2, 3].map(() => file.execute({ user: mallory, electionKey: KEY, form })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await w.exceptionRequests.list(KEY)).toHaveLength(1);
    await expect(file.execute({ user: mallory, electionKey: OTHER, form })).resolves.toBeDefined();
  });
});

describe('officers handling exception requests', () => {
  it('only officers of THAT election list, show, review, decide and export', async () => {
    const { file, list, show, review, decide, exportDecisions, officer2, mallory } = await setup();
    const r = await file.execute({ user: mallory, electionKey: KEY, form });
    const denied = { code: 'NOT_AN_OFFICER' };
    await expect(list.execute({ user: officer2, electionKey: KEY })).rejects.toMatchObject(denied);
    await expect(show.execute({ user: officer2, electionKey: KEY, requestId: r.id })).rejects.toMatchObject(denied);
    await expect(review.execute({ user: officer2, electionKey: KEY, requestId: r.id })).rejects.toMatchObject(denied);
    await expect(decide.execute({ user: officer2, electionKey: KEY, requestId: r.id, decision: 'granted', note: '' })).rejects.toMatchObject(denied);
    await expect(exportDecisions.execute({ user: mallory, electionKey: KEY })).rejects.toMatchObject(denied);
  });

  it('a request id of another election is not found through this one (Elekto leaked them)', async () => {
    const { file, show, review, officer2, mallory } = await setup();
    const r = await file.execute({ user: mallory, electionKey: KEY, form });
    await expect(show.execute({ user: officer2, electionKey: OTHER, requestId: r.id })).rejects.toMatchObject({ code: 'EXCEPTION_NOT_FOUND' });
    await expect(review.execute({ user: officer2, electionKey: OTHER, requestId: r.id })).rejects.toMatchObject({ code: 'EXCEPTION_NOT_FOUND' });
  });

  it('lists oldest first with counts; review toggles or sets the flag', async () => {
    const { w, file, list, review, officer1, mallory } = await setup();
    const first = await file.execute({ user: mallory, electionKey: KEY, form });
    w.clock.set(new Date('2021-06-09T00:00:00Z'));
    await file.execute({ user: await w.signIn('eve'), electionKey: KEY, form: { ...form, name: 'Eve' } });
    expect(await review.execute({ user: officer1, electionKey: KEY, requestId: first.id })).toMatchObject({ reviewed: true });
    expect(await review.execute({ user: officer1, electionKey: KEY, requestId: first.id })).toMatchObject({ reviewed: false });
    expect(await review.execute({ user: officer1, electionKey: KEY, requestId: first.id, reviewed: true })).toMatchObject({ reviewed: true });
    expect(await review.execute({ user: officer1, electionKey: KEY, requestId: first.id, reviewed: true })).toMatchObject({ reviewed: true });
    const listed = await list.execute({ user: officer1, electionKey: KEY });
    expect(listed.requests.map((r) => r.name)).toEqual(['Mallory M', 'Eve']);
    expect(listed.counts).toEqual({ total: 2, notReviewed: 1, granted: 0, declined: 0 });
  });

  it('records a decision with its note, author and time; marks the request reviewed; may be changed', async () => {
    const { w, file, decide, officer1, mallory } = await setup();
    const r = await file.execute({ user: mallory, electionKey: KEY, form });
    const d = await decide.execute({ user: officer1, electionKey: KEY, requestId: r.id, decision: 'declined', note: '  Not yet.  ' });
    expect(d).toMatchObject({ decision: 'declined', decisionNote: 'Not yet.', decidedBy: 'Officer1', reviewed: true, decidedAt: w.clock.now() });
    const again = await decide.execute({ user: officer1, electionKey: KEY, requestId: r.id, decision: 'granted', note: 'Added to voters.yaml.' });
    expect(again).toMatchObject({ decision: 'granted', decisionNote: 'Added to voters.yaml.' });
    expect(await w.exceptionRequests.ofUser(KEY, mallory.id)).toMatchObject({ decision: 'granted' });
  });

  it('refuses a decision that is neither granted nor declined, an overlong note, an unknown id', async () => {
    const { file, decide, officer1, mallory } = await setup();
    const r = await file.execute({ user: mallory, electionKey: KEY, form });
    await expect(decide.execute({ user: officer1, electionKey: KEY, requestId: r.id, decision: 'maybe', note: '' })).rejects.toMatchObject({
      code: 'INVALID_EXCEPTION_REQUEST',
    });
    await expect(decide.execute({ user: officer1, electionKey: KEY, requestId: r.id, decision: 'granted', note: 'x'.repeat(2001) })).rejects.toMatchObject({
      code: 'INVALID_EXCEPTION_REQUEST',
    });
    await expect(decide.execute({ user: officer1, electionKey: KEY, requestId: 999, decision: 'granted', note: '' })).rejects.toMatchObject({
      code: 'EXCEPTION_NOT_FOUND',
    });
  });

  it('exports the decisions as CSV and JSON, a record officers can keep', async () => {
    const { w, file, decide, exportDecisions, officer1, mallory } = await setup();
    const r = await file.execute({
      user: mallory,
      electionKey: KEY,
      form: { ...form, comments: '=HYPERLINK("http://evil")', description: 'line one\nline, two' },
    });
    await file.execute({ user: await w.signIn('eve'), electionKey: KEY, form: { ...form, name: 'Eve' } });
    await decide.execute({ user: officer1, electionKey: KEY, requestId: r.id, decision: 'granted', note: 'Welcome "aboard"' });
    const records = await exportDecisions.execute({ user: officer1, electionKey: KEY });
    const out = { csv: exceptionDecisionsCsv(records), json: exceptionDecisionsJson(records) };
    const lines = out.csv.split('\r\n');
    expect(lines[0]).toBe('id,login,name,email,chat,description,comments,filedAt,reviewed,decision,decisionNote,decidedBy,decidedAt');
    expect(out.csv).toContain(`"line one\nline, two","'=HYPERLINK(""http://evil"")"`);
    expect(out.csv).toContain(',true,granted,"Welcome ""aboard""",Officer1,2021-06-08T12:00:00.000Z');
    expect(out.csv).toContain(',false,,,,');
    const json = JSON.parse(out.json);
    expect(json.election).toBe(KEY);
    expect(json.requests).toHaveLength(2);
    expect(json.requests[0]).toMatchObject({ login: 'Mallory', decision: 'granted', comments: '=HYPERLINK("http://evil")' });
    expect(await exportDecisions.execute({ user: null, electionKey: KEY })).toMatchObject({ electionKey: KEY });
  });

  it('csvCell quotes only when needed', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('-1+1')).toBe("'-1+1");
  });
});
