import Koa from 'koa';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { accessLog } from '../../src/adapters/http/middleware/access-log.js';

/** LOG_LEVEL above info: no access line, but the id still reaches the response and the error lines. */
describe('the access log when info lines are not written', () => {
  it('sets X-Request-Id, writes no access line, and an error line through ctx.req.log carries the id', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const logger = pino({ level: 'warn' }, sink);
    const app = new Koa();
    app.use(accessLog(logger, { trustProxy: false }));
    app.use((ctx) => {
      if (ctx.path === '/fail') (ctx.req as unknown as { log: pino.Logger }).log.warn('something went wrong');
      ctx.body = 'ok';
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const ok = await fetch(`${base}/page`);
      expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const failed = await fetch(`${base}/fail`, { headers: { 'X-Request-Id': 'forged-by-client' } });
      const id = failed.headers.get('x-request-id');
      expect(id).not.toBe('forged-by-client'); // no TRUST_PROXY: the client's id is not taken
      await new Promise((r) => setImmediate(r));
      expect(lines).toEqual([expect.objectContaining({ reqId: id, msg: 'something went wrong' })]);
    } finally {
      server.close();
    }
  });
});
