import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeSavedCatalog, encodeSavedCatalog } from '../../../src/adapters/shared/saved-catalog-codec.js';
import { anElection } from '../../support/builders/election-builder.js';

describe('the saved catalog codec', () => {
  it('reads a catalog saved before eligibility and exception texts were rendered: the text stays, the HTML is null', async () => {
    const election = anElection().key('e').eligibility('Members *only*', '<p>Members <em>only</em></p>\n').exceptionDescription('Ask', '<p>Ask</p>\n').build();
    const bytes = await encodeSavedCatalog({
      revision: 'r',
      syncedAt: new Date('2025-01-01T00:00:00Z'),
      elections: new Map([['e', election]]),
      problems: [],
      readAt: new Map(),
    });
    expect((await decodeSavedCatalog(bytes)).elections.get('e')).toMatchObject({
      eligibilityHtml: '<p>Members <em>only</em></p>\n',
      exceptionDescriptionHtml: '<p>Ask</p>\n',
    });

    const body = JSON.parse(gunzipSync(bytes).toString('utf8')) as { elections: Array<Record<string, unknown>> };
    for (const e of body.elections) {
      delete e['eligibilityHtml'];
      delete e['exceptionDescriptionHtml'];
    }
    const old = (await decodeSavedCatalog(gzipSync(JSON.stringify(body)))).elections.get('e')!;
    expect([old.eligibility, old.eligibilityHtml, old.exceptionDescription, old.exceptionDescriptionHtml]).toEqual(['Members *only*', null, 'Ask', null]);
  });

  it('keeps the counting method, reads a catalog saved before `method` existed as Schulze, and refuses an unknown one', async () => {
    const save = (election: ReturnType<ReturnType<typeof anElection>['build']>) =>
      encodeSavedCatalog({ revision: 'r', syncedAt: new Date('2025-01-01T00:00:00Z'), elections: new Map([['e', election]]), problems: [], readAt: new Map() });
    const bytes = await save(anElection().key('e').countedBy('stv-meek').build());
    expect((await decodeSavedCatalog(bytes)).elections.get('e')?.method).toBe('stv-meek');

    const body = JSON.parse(gunzipSync(bytes).toString('utf8')) as { elections: Array<Record<string, unknown>> };
    delete body.elections[0]!['method'];
    expect((await decodeSavedCatalog(gzipSync(JSON.stringify(body)))).elections.get('e')?.method).toBe('schulze');
    body.elections[0]!['method'] = 'borda';
    await expect(decodeSavedCatalog(gzipSync(JSON.stringify(body)))).rejects.toThrow('elections[0].method is not one of schulze, ranked-pairs');
  });
});
