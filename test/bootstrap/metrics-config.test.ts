import { readFileSync } from 'node:fs';
import { ConfigError } from '../../src/bootstrap/config/app-config.js';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { PromMetrics } from '../../src/adapters/metrics/prom-metrics.js';

const BASE = { APP_ENV: 'development', IDENTITY: 'development', ELECTION_DIR: 'elections', DB_CONNECTION: 'memory' };
const load = (env: Record<string, string>) => loadConfig({ env: { ...BASE, ...env }, envFile: false });

describe('METRICS_PORT and METRICS_HOST', () => {
  it('leave the metrics off by default, on loopback when only the port is set', () => {
    expect(load({}).metrics).toEqual({ host: '127.0.0.1', port: null });
    expect(load({ METRICS_PORT: '9464' }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
  });
  it('refuse a port that is not one, or the public port', () => {
    expect(() => load({ METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT: must be a port number/);
    expect(() => load({ APP_PORT: '8080', METRICS_PORT: '8080' })).toThrow(ConfigError);
    expect(() => load({ METRICS_PORT: '5000' })).toThrow(/METRICS_PORT: must differ from APP_PORT/);
  });
});

describe('docs/operator-guide.md', () => {
  it('lists every metric the listener serves', async () => {
    const text = readFileSync('docs/operator-guide.md', 'utf8');
    const names = (await new PromMetrics().registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) expect(text).toContain(`\`${name}\``);
  });
});
