import type { Executor } from '@/db/client';
import { selectSealRows, type SealRow } from '@/db/queries/audit-seal';

/** Reads an org's events in internal id order, never past a bound the caller moves forward. */
export class EventReader {
  private buffer: SealRow[] = [];
  private index = 0;
  private exhaustedUpTo: number;

  /** `after`: the internal id to read past (an incremental verification skips what it trusts). */
  constructor(
    private db: Executor,
    private orgId: string,
    private batchRows: number,
    private after = 0,
  ) {
    this.exhaustedUpTo = after;
  }

  async next(bound: number): Promise<SealRow | null> {
    if (this.index < this.buffer.length) {
      const row = this.buffer[this.index]!;
      if (Number(row.rowId) > bound) return null;
      this.index++;
      return row;
    }
    if (this.exhaustedUpTo >= bound) return null;
    this.buffer = await selectSealRows(this.db, this.after, bound, this.batchRows, this.orgId);
    this.index = 0;
    if (this.buffer.length < this.batchRows) this.exhaustedUpTo = bound;
    if (this.buffer.length === 0) return null;
    this.after = Number(this.buffer.at(-1)!.rowId);
    return this.next(bound);
  }
}
