import { Container } from 'inversify';
import type { AppConfig } from '../config/app-config.js';
import type { OrganizationConfig } from '../config/organizations-file.js';
import { metaModule } from '../container/meta-module.js';
import { useCaseModule } from '../container/use-case-module.js';
import type { Token } from '../tokens.js';
import { organizationAppConfig, organizationStoresModule } from './organization-module.js';

/** One hosted organization: its configuration and its own services (catalog, sync, use cases). */
export interface HostedOrganization {
  readonly config: OrganizationConfig;
  /** Resolves one of its services: TOKENS.SyncMeta, TOKENS.ElectionCatalog, a use case… */
  get<T>(token: Token<T>): Promise<T>;
}

/**
 * Every organization of ORGANIZATIONS_FILE, each composed from the same container modules as a
 * single-organization deployment (meta, use cases) in a child container of the instance's, where
 * its stores are its own view of the shared database. What has no organization in it (users,
 * sign-in, the ballot sealer, the clock, the database itself) is the instance's and shared.
 */
export class HostedOrganizations {
  private byKey = new Map<string, HostedOrganization>();
  /**
   * When this process started: an organization's services are made on first use, later than that,
   * and its sync may serve a catalog another replica saved since (read by the same code as this).
   */
  private readonly startedAt = new Date(performance.timeOrigin);

  constructor(
    private readonly instance: Container,
    private readonly config: AppConfig,
    organizations: readonly OrganizationConfig[],
  ) {
    this.replace(organizations);
  }

  list(): HostedOrganization[] {
    return [...this.byKey.values()];
  }

  get(key: string): HostedOrganization | undefined {
    return this.byKey.get(key);
  }

  /**
   * A new list (SIGHUP): an organization whose entry did not change keeps its services (its catalog
   * keeps serving, nothing is re-read); a new or changed one gets fresh services. Returns what changed.
   */
  replace(organizations: readonly OrganizationConfig[]): { added: string[]; changed: string[]; removed: string[] } {
    const next = new Map<string, HostedOrganization>();
    const report = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
    for (const org of organizations) {
      const current = this.byKey.get(org.key);
      if (current && JSON.stringify(current.config) === JSON.stringify(org)) {
        next.set(org.key, current);
        continue;
      }
      (current ? report.changed : report.added).push(org.key);
      next.set(org.key, this.compose(org));
    }
    for (const key of this.byKey.keys()) if (!next.has(key)) report.removed.push(key);
    this.byKey = next;
    return report;
  }

  private compose(org: OrganizationConfig): HostedOrganization {
    const container = new Container({ parent: this.instance, defaultScope: 'Singleton' });
    const config = organizationAppConfig(this.config, org);
    // The stores first: the meta module binds an in-process sync lock only when none is bound.
    container.load(organizationStoresModule(this.config, org, this.instance), metaModule(config, { startedAt: this.startedAt }), useCaseModule(config));
    return { config: org, get: <T>(token: Token<T>) => container.getAsync<T>(token) };
  }
}
