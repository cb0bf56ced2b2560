import { ContainerModule, type Container } from 'inversify';
import type { AppConfig } from '../config/app-config.js';
import { loadOrganizationsFile } from '../config/organizations-file.js';
import { TOKENS as T } from '../tokens.js';
import { HostedOrganizations } from './hosted-organizations.js';

/** ORGANIZATIONS_FILE read and composed on first use; a bad file fails that use with every problem named. */
export function organizationsModule(config: AppConfig, instance: () => Container): ContainerModule {
  const file = config.meta.organizationsFile;
  return new ContainerModule(({ bind }) => {
    // Without the file there is one organization, the instance's own services: the list is empty.
    bind(T.Organizations)
      .toDynamicValue(() => new HostedOrganizations(instance(), config, file === null ? [] : loadOrganizationsFile(file, config)))
      .inSingletonScope();
  });
}
