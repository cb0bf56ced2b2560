/**
 * What a MariaDB administrator with the data directory sees beyond SQL: the leaf records of a
 * table's clustered index in its `.ibd` file, each with the hidden DB_TRX_ID (the id of the
 * transaction that wrote it, InnoDB's xmin) and its heap number (insertion order within the page).
 * COMPACT/DYNAMIC row format, 16 KiB pages, no page compression or encryption (MariaDB's defaults).
 */
export interface InnoRecord {
  readonly page: number;
  readonly heapNo: number;
  /** The primary key's bytes as stored (a CHAR of ASCII: the text; an INT: sign bit flipped). */
  readonly pk: Buffer;
  readonly trxId: number;
  readonly deleted: boolean;
}

const PAGE = 16384;
const FIL_PAGE_INDEX = 17855;
const PAGE_HEADER = 38;
const INFIMUM = 99;
const SUPREMUM = 112;

/** Records of the clustered index (the table's first index: the smallest index id in the file). */
export function clusteredLeafRecords(file: Buffer, pkBytes: number): InnoRecord[] {
  const pages: Array<{ no: number; page: Buffer; indexId: bigint }> = [];
  for (let off = 0; off + PAGE <= file.length; off += PAGE) {
    const page = file.subarray(off, off + PAGE);
    if (page.readUInt16BE(24) !== FIL_PAGE_INDEX) continue;
    if (page.readUInt16BE(PAGE_HEADER + 26) !== 0) continue; // not a leaf
    pages.push({ no: off / PAGE, page, indexId: page.readBigUInt64BE(PAGE_HEADER + 28) });
  }
  if (pages.length === 0) return [];
  const clustered = pages.reduce((min, p) => (p.indexId < min ? p.indexId : min), pages[0]!.indexId);
  const out: InnoRecord[] = [];
  for (const { no, page, indexId } of pages) {
    if (indexId !== clustered) continue;
    let origin = INFIMUM;
    for (let guard = 0; guard < PAGE; guard++) {
      origin = (origin + page.readInt16BE(origin - 2) + PAGE) % PAGE;
      if (origin === SUPREMUM || origin === 0) break;
      const bits = page.readUInt16BE(origin - 4);
      if ((bits & 7) !== 0) continue; // only ordinary records
      out.push({
        page: no,
        heapNo: bits >> 3,
        pk: Buffer.from(page.subarray(origin, origin + pkBytes)),
        trxId: page.readUIntBE(origin + pkBytes, 6),
        deleted: (page[origin - 5]! & 0x20) !== 0,
      });
    }
  }
  return out;
}

/** An INT primary key as InnoDB stores it (big-endian, sign bit flipped). */
export function innoInt(pk: Buffer): number {
  return (pk.readUInt32BE(0) ^ 0x80000000) | 0;
}
