/**
 * Issue 12: the signed-in election page is the hottest read that reaches the database. It reads the
 * session's user once (not again by the use cases), the voter's mark and the user's own exception
 * request: three SELECTs, each one statement (the mark used to look the election id up first).
 */
import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWebOn, startWebOn } from '../support/http/web-worlds.js';

const election = anElection().status('running', NOW).voters('alice').build();
let web: RunningWebOn;

beforeAll(async () => {
  web = await startWebOn('sqlite', [election]);
});
afterAll(() => web.close());

it('runs three SELECTs per signed-in election page, none of them twice', async () => {
  const client = new TestClient(web.baseUrl);
  await client.signInAs('alice');
  const dataSource = web.opened.sql!.persistence.db.dataSource;
  const runner = dataSource.createQueryRunner();
  const prototype = Object.getPrototypeOf(runner) as { query: (sql: string, params?: unknown[]) => Promise<unknown> };
  await runner.release();
  const original = prototype.query;
  const statements: string[] = [];
  prototype.query = function (this: unknown, sql: string, params?: unknown[]) {
    statements.push(sql);
    return original.call(this, sql, params);
  };
  try {
    const page = await client.get(`/app/elections/${election.key}`);
    expect(page.status).toBe(200);
  } finally {
    prototype.query = original;
  }
  expect(statements).toHaveLength(3);
  expect(new Set(statements).size).toBe(3);
  expect(statements.filter((s) => /FROM "user"/.test(s) && !/JOIN/.test(s))).toHaveLength(1);
});
