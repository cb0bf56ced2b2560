import { createServer, type Server } from 'node:http';
import type { Application } from '../open-application.js';
import { TOKENS } from '../tokens.js';

export interface RunningServer {
  readonly server: Server;
  /** Where it listens, as bound: e.g. http://127.0.0.1:5000, http://[::]:5000 (the real port when 0 was asked for). */
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
  return {
    server,
    url: boundUrl(server, listen),
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

/**
 * The address the socket really bound, not a friendlier name for it: "localhost" may resolve to ::1
 * while the server listens on 127.0.0.1 only, and an operator copying the logged address must reach it.
 */
export function boundUrl(server: Server, listen: { host: string; port: number }): string {
  const address = server.address();
  const host = typeof address === 'object' && address ? address.address : listen.host;
  const port = typeof address === 'object' && address ? address.port : listen.port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
