/**
 * The one row a per-deployment state lives in. A single-organization deployment (and the default
 * organization) keep Elekto-ts's original row, `id = 1`; any other organization has its row, keyed
 * by its key, in a table of its own kind (migration Organizations_1766000000000).
 */
export interface RowSlot {
  readonly table: string;
  readonly where: Readonly<Record<string, string | number>>;
}

export const SYNC_STATE_SLOT: RowSlot = { table: 'elekto_meta_sync', where: { id: 1 } };
export const CATALOG_SNAPSHOT_SLOT: RowSlot = { table: 'elekto_catalog_snapshot', where: { id: 1 } };

/** The slots of one organization: the original rows for the default one. */
export function organizationSlots(organization: string, isDefault: boolean): { syncState: RowSlot; catalogSnapshot: RowSlot } {
  if (isDefault) return { syncState: SYNC_STATE_SLOT, catalogSnapshot: CATALOG_SNAPSHOT_SLOT };
  return {
    syncState: { table: 'elekto_org_meta_sync', where: { organization } },
    catalogSnapshot: { table: 'elekto_org_catalog_snapshot', where: { organization } },
  };
}
