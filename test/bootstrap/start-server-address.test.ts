/**
 * Issue 10: the start-up log said "listening on http://localhost:…" while the server bound
 * 127.0.0.1 (and "localhost" may resolve to ::1 first). The address printed is the one bound.
 */
import Koa from 'koa';
import type { Application } from '../../src/bootstrap/open-application.js';
import { startServer } from '../../src/bootstrap/serve/start-server.js';

const appServing = (koa: Koa) => ({ get: async () => koa }) as unknown as Application;

describe('startServer', () => {
  it('gives the address it really bound, and that address answers', async () => {
    const koa = new Koa();
    koa.use((ctx) => {
      ctx.body = 'here';
    });
    const running = await startServer(appServing(koa), { host: '127.0.0.1', port: 0 });
    try {
      const port = (running.server.address() as { port: number }).port;
      expect(running.url).toBe(`http://127.0.0.1:${port}`);
      expect(await (await fetch(running.url)).text()).toBe('here');
    } finally {
      await running.close();
    }
  });
});
