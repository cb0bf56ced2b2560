import type { NewExceptionRequest } from '../../../src/application/ports/exception-requests.js';
import { ADAPTERS, addElections, freshKey, openWorld, type PersistenceWorld } from './persistence-worlds.js';

const AT = new Date('2021-06-08T12:00:00Z');

describe.each(ADAPTERS)('ExceptionRequests contract: %s', (adapter) => {
  let w: PersistenceWorld;
  beforeAll(async () => {
    w = await openWorld(adapter);
  });
  afterAll(() => w?.close());

  async function newRequest(electionKey: string, login: string): Promise<NewExceptionRequest> {
    const user = await w.users.upsertFromSignIn(login, null);
    return { electionKey, userId: user.id, name: 'Ada L.', email: 'ada@example.org', chat: '@ada', description: 'I contributed docs.', comments: '' };
  }

  it('files a request with the requester login and no decision yet', async () => {
    const key = freshKey();
    await addElections(w, key);
    const filed = await w.exceptionRequests.file(await newRequest(key, 'Ada-Lovelace'), AT);
    expect(filed).toMatchObject({
      electionKey: key,
      login: 'Ada-Lovelace',
      name: 'Ada L.',
      email: 'ada@example.org',
      chat: '@ada',
      description: 'I contributed docs.',
      comments: '',
      reviewed: false,
      decision: null,
      decisionNote: null,
      decidedBy: null,
      decidedAt: null,
    });
    expect(filed.createdAt.toISOString()).toBe(AT.toISOString());
    expect(await w.exceptionRequests.ofUser(key, filed.userId)).toEqual(filed);
    expect(await w.exceptionRequests.byId(key, filed.id)).toEqual(filed);
    expect(await w.exceptionRequests.list(key)).toEqual([filed]);
  });

  it('accepts one request per user and election', async () => {
    const key = freshKey();
    await addElections(w, key);
    const req = await newRequest(key, 'twice');
    await w.exceptionRequests.file(req, AT);
    await expect(w.exceptionRequests.file(req, AT)).rejects.toMatchObject({ code: 'EXCEPTION_ALREADY_FILED' });
    expect(await w.exceptionRequests.list(key)).toHaveLength(1);
  });

  it('scopes requests to their election', async () => {
    const [a, b] = [freshKey(), freshKey()];
    await addElections(w, a, b);
    const filed = await w.exceptionRequests.file(await newRequest(a, 'scoped'), AT);
    expect(await w.exceptionRequests.byId(b, filed.id)).toBeNull();
    expect(await w.exceptionRequests.list(b)).toEqual([]);
    await expect(w.exceptionRequests.setReviewed(b, filed.id, true)).rejects.toMatchObject({ code: 'EXCEPTION_NOT_FOUND' });
    await expect(w.exceptionRequests.decide(b, filed.id, { decision: 'granted', note: '', decidedBy: 'x', at: AT })).rejects.toMatchObject({
      code: 'EXCEPTION_NOT_FOUND',
    });
  });

  it('records review and decision', async () => {
    const key = freshKey();
    await addElections(w, key);
    const filed = await w.exceptionRequests.file(await newRequest(key, 'decided'), AT);
    expect((await w.exceptionRequests.setReviewed(key, filed.id, true)).reviewed).toBe(true);
    const at = new Date('2021-06-09T08:30:00Z');
    const decided = await w.exceptionRequests.decide(key, filed.id, { decision: 'declined', note: 'Not enough activity.', decidedBy: 'officer1', at });
    expect(decided).toMatchObject({ reviewed: true, decision: 'declined', decisionNote: 'Not enough activity.', decidedBy: 'officer1' });
    expect(decided.decidedAt?.toISOString()).toBe(at.toISOString());
    expect(await w.exceptionRequests.byId(key, filed.id)).toEqual(decided);
  });
});
