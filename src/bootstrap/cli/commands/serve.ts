import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppConfig } from '../../config/app-config.js';

export const summary = 'Serve the web application';

/** Elekto's APP_CONNECT=socket made uWSGI speak its own protocol to nginx; `serve` speaks HTTP only. */
export const APP_CONNECT_SOCKET_NOTE =
  'APP_CONNECT=socket: elekto serves HTTP only (no uwsgi protocol); in nginx replace uwsgi_pass with proxy_pass http://127.0.0.1:<APP_PORT> and set TRUST_PROXY=true. A sample: deploy/nginx/elekto.conf';

const HELP = `Usage: elekto serve [--host <address>] [--port <number>] [--demo] [--sync]
       elekto run ...   (the same)

Reads the configuration (.env, then the environment), reads the meta repository into the catalog
and serves the web application until SIGINT/SIGTERM.

Options:
  --host <address>  address to listen on (default: APP_HOST, else 127.0.0.1)
  --port <number>   port to listen on (default: APP_PORT, else 5000)
  --demo            the one-command demo (what \`npm start\` runs): SQLite under .data/, migrated
                    automatically, the bundled example meta repository, the development sign-in
  --sync            fetch the meta repository before serving (also done when no checkout exists)
  -h, --help        show this help

Exit codes: 0 stopped cleanly, 1 failed at run time, 2 bad usage, 78 bad configuration.
`;

export async function run(argv: string[]): Promise<number> {
  let values: { host?: string; port?: string; demo?: boolean; sync?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { host: { type: 'string' }, port: { type: 'string', short: 'p' }, demo: { type: 'boolean' }, sync: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    process.stderr.write(`elekto serve: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.port !== undefined && !/^\d{1,5}$/.test(values.port)) {
    process.stderr.write(`elekto serve: --port must be a number, got "${values.port}"\n`);
    return 2;
  }

  // Imported after argument parsing so `--help` and usage errors answer at once.
  const [{ ConfigError }, { loadConfig }, { openApplication }, { describeAdapters }, { followReplicas }, { startServer }, { syncAtStartUp }] =
    await Promise.all([
      import('../../config/app-config.js'),
      import('../../config/load-config.js'),
      import('../../open-application.js'),
      import('../../serve/describe.js'),
      import('../../serve/follow-replicas.js'),
      import('../../serve/start-server.js'),
      import('../../serve/sync-at-start-up.js'),
    ]);
  let config: AppConfig;
  try {
    config = loadConfig({ demo: values.demo ?? false, purpose: 'serve' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`elekto serve: ${e.message}\nSee .env.example and docs/operator-guide.md.\n`);
    return 78;
  }
  const host = values.host ?? config.app.host;
  const port = values.port !== undefined ? Number(values.port) : config.app.port;
  const { developmentSignInListenProblem } = await import('../../serve/listen-guard.js');
  const listenProblem = developmentSignInListenProblem(config, host);
  if (listenProblem) {
    process.stderr.write(`elekto serve: ${listenProblem}\n`);
    return 78;
  }
  const started = Date.now();
  const app = await openApplication(config);
  const log = app.logger;
  if (config.app.connect === 'socket') log.warn(APP_CONNECT_SOCKET_NOTE);

  try {
    const checkoutMissing = config.meta.driver !== 'directory' && !existsSync(join(config.meta.path, '.git'));
    const report = await syncAtStartUp(app, (values.sync ?? false) || checkoutMissing);
    if (config.demo && report.ok) {
      const { seedDemoBallots } = await import('../../serve/seed-demo-ballots.js');
      const seeded = await seedDemoBallots(app);
      if (seeded > 0) log.info({ ballots: seeded }, 'demo: ballots cast in the completed elections so their results have something to show');
    }
    const server = await startServer(app, { host, port });
    const { startMetrics } = await import('../../serve/start-metrics.js');
    const metrics = await startMetrics(app);
    if (metrics) log.info(`metrics on ${metrics.url}`);
    const stopFollowing = await followReplicas(app);
    const { settleOnClose } = await import('../../serve/settle-on-close.js');
    const stopSettling = await settleOnClose(app);
    log.info({ ...describeAdapters(config), startedInMs: Date.now() - started }, `elekto listening on ${server.url}`);
    if (config.demo) {
      log.info(`demo: open ${server.url}, sign in as alice (a voter), erin (try the exception form) or olivia-officer (officer); see examples/demo-meta/README.md`);
    }
    await waitForSignal();
    log.info('stopping');
    stopFollowing();
    stopSettling();
    await server.close();
    await metrics?.close();
    return 0;
  } catch (e) {
    log.error({ err: e }, `elekto serve failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await app.close();
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
