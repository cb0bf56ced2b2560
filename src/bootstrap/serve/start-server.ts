import { createServer, type Server } from 'node:http';
import type { Application } from '../open-application.js';
import { TOKENS } from '../tokens.js';

export interface RunningServer {
  readonly server: Server;
  /** Where it listens, e.g. http://localhost:5000 (the bound port when 0 was asked for). */
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the Koa app from the container and listens; `port: 0` picks a free port (tests). */
export async function startServer(app: Application, listen: { host: string; port: number }): Promise<RunningServer> {
  const koa = await app.get(TOKENS.HttpApp);
  const handle = koa.callback();
  // Requests still being handled. A client may hang up while its request runs (a load balancer's
  // timeout, a closed tab), so waiting for the sockets is not enough: close() waits for these too,
  // so a vote in flight is finished (or refused) before the database and the sealer close.
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const done: Promise<void> = Promise.resolve(handle(req, res)).finally(() => inFlight.delete(done));
    inFlight.add(done);
  });
  // Slow clients must not hold sockets forever; keep-alive a little longer than common proxies'.
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const shownHost = ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(listen.host) ? 'localhost' : listen.host;
  return {
    server,
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.allSettled([...inFlight]);
      // The connections that carried them are idle now.
      server.closeIdleConnections();
      await closed;
    },
  };
}
