import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request as httpRequest, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { APP_CONNECT_SOCKET_NOTE } from '../../src/bootstrap/cli/commands/serve.js';
import { freePort } from '../support/free-port.js';

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

  const nginx = which('nginx', ['/usr/sbin/nginx', '/usr/local/sbin/nginx']);
  const openssl = which('openssl', ['/usr/bin/openssl']);
  /** nginx and openssl, or a clear failure where they must be (CI); null elsewhere without them. */
  function tools(): { nginx: string; openssl: string } | null {
    if (nginx && openssl) return { nginx, openssl };
    // .ci/run installs both; elsewhere the checks above still run.
    if (process.env.CI === 'true')
      throw new Error(`nginx and openssl are expected here (CI=true; .ci/run installs them) but ${!nginx ? 'nginx' : 'openssl'} was not found`);
    return null;
  }

  /** The sample with a throwaway certificate, inside the http context /etc/nginx/nginx.conf gives a site. */
  function siteDir(t: { openssl: string }, edit: (site: string) => string = (x) => x): string {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-nginx-'));
    const cert = join(dir, 'fullchain.pem');
    const key = join(dir, 'privkey.pem');
    execFileSync(
      t.openssl,
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=elections.example.org',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const site = text
      .replace('/etc/letsencrypt/live/elections.example.org/fullchain.pem', cert)
      .replace('/etc/letsencrypt/live/elections.example.org/privkey.pem', key);
    expect(site).not.toContain('/etc/letsencrypt');
    writeFileSync(join(dir, 'elekto.conf'), edit(site));
    writeFileSync(
      join(dir, 'nginx.conf'),
      `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\ndaemon off;\nmaster_process off;\nevents {}\nhttp {\n  access_log off;\n  include ${dir}/elekto.conf;\n}\n`,
    );
    return dir;
  }
  const nginxArgs = (dir: string) => ['-p', `${dir}/`, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')];

  it('is accepted by `nginx -t` with a throwaway self-signed certificate', () => {
    const t = tools();
    if (!t) return;
    const r = spawnSync(t.nginx, ['-t', ...nginxArgs(siteDir(t))], { encoding: 'utf8' });
    expect(`${r.status} ${r.stderr}`).toMatch(/^0 .*test is successful/s);
  });

  describe('running, in front of an application', () => {
    let app: Server;
    let proc: ChildProcess | null = null;
    let https = 0;
    let http = 0;
    const seen: IncomingHttpHeaders[] = [];

    beforeAll(async () => {
      const t = tools();
      if (!t) return;
      app = createServer((req, res) => {
        seen.push(req.headers);
        res.end('ok');
      });
      await new Promise<void>((done) => app.listen(0, '127.0.0.1', done));
      const upstream = (app.address() as { port: number }).port;
      [https, http] = [await freePort(), await freePort()];
      const dir = siteDir(t, (site) =>
        site
          .replace(/listen 443 ssl;/, `listen 127.0.0.1:${https} ssl;`)
          .replace(/listen 80;/, `listen 127.0.0.1:${http};`)
          .replace(/^\s*listen \[::\]:\d+( ssl)?;$/gm, '')
          .replace('server 127.0.0.1:5000;', `server 127.0.0.1:${upstream};`),
      );
      proc = spawn(t.nginx, nginxArgs(dir), { stdio: 'ignore' });
      for (let i = 0; i < 100 && !existsSync(join(dir, 'nginx.pid')); i++) await new Promise((r) => setTimeout(r, 50));
    });
    afterAll(async () => {
      proc?.kill('SIGQUIT');
      if (app) await new Promise((done) => app.close(done));
    });

    const get = (port: number, tls: boolean, headers: Record<string, string>) =>
      new Promise<{ status: number; location?: string }>((done, fail) => {
        const options = { host: '127.0.0.1', port, path: '/elections?x=1', headers: { host: 'elections.example.org', ...headers }, rejectUnauthorized: false };
        (tls ? httpsRequest : httpRequest)(options, (res) => {
          res.resume();
          res.on('end', () => done({ status: res.statusCode ?? 0, location: res.headers.location }));
        })
          .on('error', fail)
          .end();
      });

    it('sends HTTPS requests on with X-Forwarded-Proto https, and the real client address however the client lies', async () => {
      if (!proc) return; // no nginx on this machine, and not CI (where beforeAll fails instead)
      const r = await get(https, true, { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'http', 'x-real-ip': '6.6.6.6' });
      expect(r.status).toBe(200);
      expect(seen.at(-1)).toMatchObject({
        host: 'elections.example.org',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'elections.example.org',
        'x-forwarded-for': '127.0.0.1',
        'x-real-ip': '127.0.0.1',
      });
    });

    it('redirects plain HTTP to HTTPS without reaching the application', async () => {
      if (!proc) return; // no nginx on this machine, and not CI (where beforeAll fails instead)
      const before = seen.length;
      const r = await get(http, false, {});
      expect(r).toEqual({ status: 301, location: 'https://elections.example.org/elections?x=1' });
      expect(seen.length).toBe(before);
    });
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
    for (const [k, v] of Object.entries({
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      CapabilityBoundingSet: '',
      RestrictSUIDSGID: 'yes',
    })) {
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
