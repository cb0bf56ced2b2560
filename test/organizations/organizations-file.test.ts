import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { loadOrganizationsFile, OrganizationsFileError } from '../../src/bootstrap/config/organizations-file.js';

const config = loadConfig({
  env: { ELECTION_DIR: 'elections', META_PATH: '/srv/meta', META_BRANCH: 'main', IDENTITY: 'development', DB_CONNECTION: 'memory' },
  envFile: false,
  purpose: 'tool',
});

describe('ORGANIZATIONS_FILE', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'elekto-orgs-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const load = (text: string, env: Record<string, string> = {}) => {
    const file = join(dir, `o-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, text);
    return loadOrganizationsFile(file, config, env);
  };
  const problems = (text: string, env: Record<string, string> = {}): readonly string[] => {
    try {
      load(text, env);
    } catch (e) {
      if (e instanceof OrganizationsFileError) return e.problems;
      throw e;
    }
    throw new Error('accepted');
  };

  it('applies the defaults: <META_PATH>/<key>, the instance branch and election folder, a plain folder without meta_repo', () => {
    const [k8s, small] = load(
      [
        'organizations:',
        '  - key: kubernetes',
        '    name: Kubernetes',
        '    default: true',
        '    meta_repo: https://github.com/kubernetes/community.git',
        '    meta_branch: master',
        '    election_dir: events/elections',
        '    meta_secret_env: K8S_SECRET',
        '  - key: small-project',
        '    name: Small',
      ].join('\n'),
      { K8S_SECRET: 's3cret' },
    );
    expect(k8s).toEqual({
      key: 'kubernetes',
      name: 'Kubernetes',
      default: true,
      meta: {
        driver: 'git',
        repo: 'https://github.com/kubernetes/community.git',
        path: '/srv/meta/kubernetes',
        branch: 'master',
        electionDir: 'events/elections',
        secret: 's3cret',
        secretEnv: 'K8S_SECRET',
      },
    });
    expect(small?.meta).toMatchObject({
      driver: 'directory',
      repo: null,
      path: '/srv/meta/small-project',
      branch: 'main',
      electionDir: 'elections',
      secret: null,
    });
    expect(small?.default).toBe(false);
  });

  it('names the entry and the field of every problem, all at once', () => {
    const found = problems(
      [
        'organizations:',
        '  - key: Kubernetes',
        '    name: K',
        '  - key: ok',
        '    nme: typo',
        '  - key: two',
        '    name: Two',
        '    meta_branch: "has space"',
        '    meta_secret_env: TWO_SECRET',
      ].join('\n'),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^organizations\[0\] \(Kubernetes\)\.key: must be lower-case letters/),
        'organizations[1] (ok): name is missing',
        'organizations[1] (ok): unknown field nme',
        expect.stringMatching(/^organizations\[2\] \(two\)\.meta_branch: must match pattern/),
      ]),
    );
  });

  it('refuses duplicate keys, two defaults and a secret variable that is not set, without showing secrets', () => {
    const found = problems(
      [
        'organizations:',
        '  - { key: a, name: A, default: true, meta_secret_env: A_SECRET }',
        '  - { key: a, name: A again, default: true }',
        '  - { key: b, name: B, meta_secret_env: B_SECRET }',
      ].join('\n'),
      { A_SECRET: 'do-not-show-me' },
    );
    expect(found).toEqual([
      'organizations[1] (a).key: "a" is already the key of organizations[0]',
      'organizations[2] (b).meta_secret_env: the variable B_SECRET is not set',
      'default: only one organization may be the default, not organizations[0] (a) and organizations[1] (a)',
    ]);
    expect(found.join('\n')).not.toContain('do-not-show-me');
  });

  it('refuses broken YAML, an empty list and a missing file with one clear line', () => {
    expect(problems('organizations: [')[0]).toMatch(/^is not valid YAML/);
    expect(problems('organizations: []')).toEqual(['organizations: must NOT have fewer than 1 items']);
    expect(problems('orgs: []')).toEqual(['(top level): organizations is missing', '(top level): unknown field orgs']);
    expect(() => loadOrganizationsFile(join(dir, 'missing.yaml'), config, {})).toThrow(/cannot be read: ENOENT/);
  });
});
