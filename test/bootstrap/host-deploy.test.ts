import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { APP_CONNECT_SOCKET_NOTE } from '../../src/bootstrap/cli/commands/serve.js';

/**
 * Issue 13: an Elekto operator ran it under uWSGI behind nginx on a host. deploy/nginx/elekto.conf and
 * deploy/systemd/elekto.service are the samples for that path; nginx itself checks the first
 * (`nginx -t`, with a throwaway certificate) and systemd-analyze the second where it is installed.
 */
const root = resolve('.');
const NGINX_SAMPLE = join(root, 'deploy', 'nginx', 'elekto.conf');
const UNIT = join(root, 'deploy', 'systemd', 'elekto.service');

function which(name: string, fallbacks: string[]): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  return fallbacks.find((p) => existsSync(p)) ?? null;
}

describe('deploy/nginx/elekto.conf', () => {
  const text = readFileSync(NGINX_SAMPLE, 'utf8');
  const directive = (name: string): string[] => [...text.matchAll(new RegExp(`^\\s*${name}\\s+([^;]+);`, 'gm'))].map((m) => m[1]!.replace(/\s+/g, ' '));

  it('terminates TLS and proxies HTTP (not uwsgi) to elekto serve on 127.0.0.1:5000', () => {
    expect(directive('listen')).toEqual(expect.arrayContaining(['443 ssl', '[::]:443 ssl', '80']));
    expect(directive('return')).toEqual(['301 https://$host$request_uri']);
    expect(directive('proxy_pass')).toEqual(['http://elekto']);
    expect(directive('server')).toContain('127.0.0.1:5000');
    expect(text).not.toMatch(/^\s*uwsgi_pass/m);
  });

  it('sends the X-Forwarded-* headers TRUST_PROXY=true reads, and a client cannot choose its address', () => {
    const headers = directive('proxy_set_header');
    expect(headers).toEqual(expect.arrayContaining(['Host $host', 'X-Forwarded-Proto $scheme', 'X-Forwarded-Host $host', 'X-Forwarded-For $remote_addr']));
    expect(text).not.toContain('$proxy_add_x_forwarded_for;');
  });

  it('is accepted by `nginx -t` with a throwaway self-signed certificate', () => {
    const nginx = which('nginx', ['/usr/sbin/nginx', '/usr/local/sbin/nginx']);
    const openssl = which('openssl', ['/usr/bin/openssl']);
    if (!nginx || !openssl) {
      // .ci/run installs both; elsewhere the checks above still run.
      if (process.env.CI === 'true') throw new Error(`nginx and openssl are expected here (CI=true; .ci/run installs them) but ${!nginx ? 'nginx' : 'openssl'} was not found`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'elekto-nginx-'));
    const cert = join(dir, 'fullchain.pem');
    const key = join(dir, 'privkey.pem');
    execFileSync(openssl, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=elections.example.org', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const site = text.replace('/etc/letsencrypt/live/elections.example.org/fullchain.pem', cert).replace('/etc/letsencrypt/live/elections.example.org/privkey.pem', key);
    expect(site).not.toContain('/etc/letsencrypt');
    writeFileSync(join(dir, 'elekto.conf'), site);
    // What /etc/nginx/nginx.conf gives a site file: the http context (and mime types, not needed here).
    writeFileSync(join(dir, 'nginx.conf'), `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  include ${dir}/elekto.conf;\n}\n`);
    const r = spawnSync(nginx, ['-t', '-p', `${dir}/`, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(`${r.status} ${r.stderr}`).toMatch(/^0 .*test is successful/s);
  });
});

describe('deploy/systemd/elekto.service', () => {
  const text = readFileSync(UNIT, 'utf8');
  /** [section] → key → values, as systemd reads a unit (comments and blank lines dropped). */
  const sections = new Map<string, Map<string, string[]>>();
  let current = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      sections.set((current = header[1]!), new Map());
      continue;
    }
    const eq = line.indexOf('=');
    expect(eq).toBeGreaterThan(0);
    const values = sections.get(current)!;
    const k = line.slice(0, eq);
    values.set(k, [...(values.get(k) ?? []), line.slice(eq + 1)]);
  }
  const service = sections.get('Service')!;
  const one = (k: string): string | undefined => service.get(k)?.[0];

  it('has the sections and keys a service unit needs', () => {
    expect([...sections.keys()]).toEqual(['Unit', 'Service', 'Install']);
    expect(sections.get('Unit')!.get('Description')).toBeDefined();
    expect(sections.get('Install')!.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('migrates, then serves with bin/elekto.js, reading the .env through ENV_FILE', () => {
    expect(one('ExecStartPre')).toMatch(/^\/\S+\/node \/\S+\/bin\/elekto\.js migrate$/);
    expect(one('ExecStart')).toMatch(/^\/\S+\/node \/\S+\/bin\/elekto\.js serve( --sync)?$/);
    expect(service.get('Environment')).toContain('ENV_FILE=/etc/elekto/elekto.env');
    // The file is read by the application with python-dotenv's rules, not by systemd's.
    expect(service.has('EnvironmentFile')).toBe(false);
    expect(one('Restart')).toBe('on-failure');
  });

  it('runs as a non-root user with the hardening options', () => {
    expect(one('User')).toMatch(/^(?!root$)\w+$/);
    for (const [k, v] of Object.entries({ NoNewPrivileges: 'yes', ProtectSystem: 'strict', ProtectHome: 'yes', PrivateTmp: 'yes', PrivateDevices: 'yes', CapabilityBoundingSet: '', RestrictSUIDSGID: 'yes' })) {
      expect([k, one(k)]).toEqual([k, v]);
    }
    expect(one('ReadWritePaths')?.split(' ')).toEqual(expect.arrayContaining(['/srv/elekto/meta', '/srv/elekto/.data']));
    expect(service.has('MemoryDenyWriteExecute')).toBe(false); // V8's JIT needs it off
  });

  it('passes systemd-analyze verify where systemd is installed', () => {
    const analyze = which('systemd-analyze', ['/usr/bin/systemd-analyze']);
    const node = which('node', []);
    if (!analyze || node !== '/usr/bin/node') return; // the unit names /usr/bin/node, as Debian's nodejs installs it
    const r = spawnSync(analyze, ['verify', UNIT], { encoding: 'utf8', timeout: 60_000 });
    expect(`${r.status} ${r.stderr}`.trim()).toBe('0');
  });
});

describe('APP_CONNECT=socket', () => {
  it('says nginx should proxy HTTP and where the sample is', () => {
    expect(APP_CONNECT_SOCKET_NOTE).toContain('deploy/nginx/elekto.conf');
    expect(APP_CONNECT_SOCKET_NOTE).toMatch(/proxy_pass/);
    expect(existsSync(join(root, 'deploy/nginx/elekto.conf'))).toBe(true);
  });
});
