/**
 * `--org KEY` of the CLI commands (ORGANIZATIONS_FILE): which services a command works with, the
 * instance's own (one organization, as Elekto) or one hosted organization's.
 */
import { OrganizationsFileError } from '../../config/organizations-file.js';
import type { Application } from '../../open-application.js';
import type { HostedOrganization } from '../../organizations/hosted-organizations.js';
import { TOKENS, type Token } from '../../tokens.js';

/** What a command resolves its services from. */
export interface Services {
  get<T>(token: Token<T>): Promise<T>;
}

/** The organizations of ORGANIZATIONS_FILE, or a message saying why there are none. */
export async function organizationsOf(app: Application): Promise<HostedOrganization[] | string> {
  if (app.config.meta.organizationsFile === null) return 'ORGANIZATIONS_FILE is not set: this instance hosts one organization (leave --org out).';
  try {
    return (await app.get(TOKENS.Organizations)).list();
  } catch (e) {
    if (e instanceof OrganizationsFileError) return e.message;
    throw e;
  }
}

/**
 * The services of `--org KEY`, or the instance's when no key is given and there is no
 * ORGANIZATIONS_FILE. With the file, a key is required: guessing would act on the wrong community.
 */
export async function servicesFor(app: Application, org: string | undefined): Promise<Services | string> {
  if (org === undefined) {
    if (app.config.meta.organizationsFile === null) return app;
    return 'ORGANIZATIONS_FILE is set: name the organization with --org KEY (see `elekto orgs`).';
  }
  const orgs = await organizationsOf(app);
  if (typeof orgs === 'string') return orgs;
  const found = orgs.find((o) => o.config.key === org);
  return found ?? `there is no organization "${org}" in ORGANIZATIONS_FILE. Known: ${orgs.map((o) => o.config.key).join(', ')}.`;
}
