import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { readEnv } from '../../src/bootstrap/config/read-env.js';
import { VARIABLES } from '../../src/bootstrap/config/variables.js';

const root = resolve('.');
const yamlDocs = (file: string) => parseAllDocuments(readFileSync(join(root, 'deploy', file), 'utf8')).map((d) => d.toJS());

/** Runs docker-entrypoint.sh with a stub CLI that records its calls and fails where told. */
function entrypoint(args: string[], env: Record<string, string> = {}): { calls: string[]; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'elekto-entry-'));
  const log = join(dir, 'calls');
  const stub = join(dir, 'elekto');
  writeFileSync(stub, `#!/bin/sh\necho "$*" >> "${log}"\ncase "$1" in migrate) exit \${FAIL_MIGRATE:-0};; sync) exit \${FAIL_SYNC:-0};; esac\nexit 0\n`);
  chmodSync(stub, 0o755);
  writeFileSync(log, '');
  const r = spawnSync('sh', [join(root, 'docker-entrypoint.sh'), ...args], {
    env: { PATH: process.env.PATH ?? '', ELEKTO_CLI: stub, ...env },
    encoding: 'utf8',
  });
  return { calls: readFileSync(log, 'utf8').trim().split('\n').filter(Boolean), status: r.status };
}

describe('docker-entrypoint.sh', () => {
  it("migrates, syncs, then serves, as Elekto's entrypoint did", () => {
    expect(entrypoint([])).toEqual({ calls: ['migrate', 'sync', 'serve'], status: 0 });
    expect(entrypoint(['serve', '--port', '8080']).calls).toEqual(['migrate', 'sync', 'serve --port 8080']);
  });
  it('stops when the migration fails, but serves when only the sync fails', () => {
    expect(entrypoint([], { FAIL_MIGRATE: '1' })).toEqual({ calls: ['migrate'], status: 1 });
    expect(entrypoint([], { FAIL_SYNC: '1' })).toEqual({ calls: ['migrate', 'sync', 'serve'], status: 0 });
  });
  it('can skip steps and runs any other command as is', () => {
    expect(entrypoint(['run'], { SKIP_MIGRATE: 'true', SKIP_SYNC: 'true' }).calls).toEqual(['serve']);
    expect(entrypoint(['tally', 'ballots.csv']).calls).toEqual(['tally ballots.csv']);
  });
  it('is valid POSIX sh', () => {
    expect(() => execFileSync('sh', ['-n', join(root, 'docker-entrypoint.sh')])).not.toThrow();
  });
});

describe('deploy/ manifests', () => {
  const [configMap] = yamlDocs('configmap.yaml');
  const [secret] = yamlDocs('secret.example.yaml');
  const [deployment] = yamlDocs('deployment.yaml');
  const [service] = yamlDocs('service.yaml');

  it('configure a production instance that passes start-up validation', () => {
    const env = { ...configMap.data, ...secret.stringData, APP_KEY: 'a'.repeat(64) };
    const config = loadConfig({ env, envFile: false, purpose: 'serve' });
    expect(config.app.production).toBe(true);
    expect(config.database.dialect).toBe('postgres');
    expect(config.meta.driver).toBe('git');
  });
  it('only name variables the application knows', () => {
    const known = new Set(VARIABLES.map((v) => v.name));
    expect(Object.keys({ ...configMap.data, ...secret.stringData }).filter((k) => !known.has(k))).toEqual([]);
    // Secrets never sit in the ConfigMap.
    expect(Object.keys(configMap.data).filter((k) => VARIABLES.find((v) => v.name === k)?.secret)).toEqual([]);
  });
  it('wire the config map, the secret and the probes on /health and /ready', () => {
    const container = deployment.spec.template.spec.containers[0];
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }, { secretRef: { name: secret.metadata.name } }]);
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.ports[0].containerPort).toBe(Number(configMap.data.APP_PORT));
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });
  it('serve the metrics on their own port, bound to the pod IP, scraped by a ServiceMonitor and never public', () => {
    const [metricsService] = yamlDocs('metrics-service.yaml');
    const [monitor] = yamlDocs('servicemonitor.yaml');
    const [ingress] = yamlDocs('ingress.yaml');
    const kustomization = yamlDocs('kustomization.yaml')[0];
    const container = deployment.spec.template.spec.containers[0];
    const metricsPort = container.ports.find((p: { name: string }) => p.name === 'metrics');
    expect(metricsPort.containerPort).toBe(Number(configMap.data.METRICS_PORT));
    expect(configMap.data.METRICS_PORT).not.toBe(configMap.data.APP_PORT);
    expect(container.env).toContainEqual({ name: 'METRICS_HOST', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
    const config = loadConfig({
      env: { ...configMap.data, ...secret.stringData, APP_KEY: 'a'.repeat(64), METRICS_HOST: '10.1.2.3' },
      envFile: false,
      purpose: 'serve',
    });
    expect(config.metrics).toEqual({ host: '10.1.2.3', port: metricsPort.containerPort });
    // The public Service and the Ingress carry the http port only.
    expect(service.spec.ports.map((p: { name: string }) => p.name)).toEqual(['http']);
    for (const rule of ingress.spec.rules)
      for (const path of rule.http.paths) expect(path.backend.service).toEqual({ name: service.metadata.name, port: { name: 'http' } });
    expect(metricsService.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(metricsService.spec.ports).toEqual([{ name: 'metrics', port: metricsPort.containerPort, targetPort: 'metrics' }]);
    expect(monitor.kind).toBe('ServiceMonitor');
    expect(metricsService.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    expect(service.metadata.labels).not.toMatchObject(monitor.spec.selector.matchLabels);
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
    expect(kustomization.resources).toEqual(expect.arrayContaining(['metrics-service.yaml', 'servicemonitor.yaml']));
  });
});

describe('.env.example', () => {
  it('documents every variable, and parses into a configuration the validator accepts', () => {
    const text = readFileSync(join(root, '.env.example'), 'utf8');
    for (const v of VARIABLES) expect(text).toMatch(new RegExp(`^(# )?${v.name}=`, 'm'));
    const read = readEnv({ env: {}, envFile: '.env.example', cwd: root });
    expect(read.problems).toEqual([]);
    const env = { ...read.env, APP_KEY: 'b'.repeat(64), META_SECRET: 's', GITHUB_CLIENT_ID: 'i', GITHUB_CLIENT_SECRET: 'c' };
    expect(loadConfig({ env, envFile: false, purpose: 'serve' }).database.dialect).toBe('postgres');
  });
});

describe('docs/operator-guide.md', () => {
  it('has a configuration table row for every variable', () => {
    const text = readFileSync(join(root, 'docs', 'operator-guide.md'), 'utf8');
    for (const v of VARIABLES) expect(text).toContain(`| \`${v.name}\` |`);
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
  it('is multi-stage, runs as a non-root user and has a health check', () => {
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
    expect(text).toContain('docker-entrypoint.sh');
  });

  it('ships what the runtime reads: dist/, bin/, the JSON Schemas of the meta files', () => {
    const runtime = text.slice(text.lastIndexOf('\nFROM '));
    for (const line of ['COPY --from=deps /app/dist ./dist', 'COPY bin ./bin', 'COPY docs/schemas ./docs/schemas']) expect(runtime).toContain(line);
  });
});
