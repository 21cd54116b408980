/**
 * LOB handling decided from the model's LOB columns and the measured sizes (when given):
 * limited LOB mode per table when its largest LOB is known and within 100 MB, full LOB mode
 * (with small LOBs inline) otherwise. The task-level maximum is the largest limited size.
 */
import { makeFinding } from '../findings/make.js';
import type { Finding } from '../findings/types.js';
import type { DmsTable } from './model.js';

/** DMS limit for LobMaxSize / bulk-max-size in limited mode, in KB. */
export const LIMITED_LOB_MAX_KB = 102400;
/** Default LobMaxSize when no table needs more (the DMS default). */
export const DEFAULT_LOB_MAX_KB = 32;
/** Inline size for full LOB mode tables: LOBs up to this size move inline. */
export const FULL_MODE_INLINE_KB = 64;

export type LobMode =
  | { mode: 'limited'; maxKb: number }
  | { mode: 'unlimited'; inlineKb: number; reason: 'unknown' | 'too-large'; largestKb?: number };

export interface TableLob {
  table: DmsTable;
  columns: string[];
  lob: LobMode;
}

/**
 * `lobStats` maps ORACLE_SCHEMA.TABLE.COLUMN (or TABLE.COLUMN) to the largest value in bytes,
 * as measured on the source (dbms_lob.getlength for BLOB, lengthb(to_char(...)) or getlength*4 for CLOB).
 */
export function planLobs(
  tables: DmsTable[],
  lobStats: Record<string, number> = {},
): { tables: TableLob[]; findings: Finding[] } {
  const stats = new Map(Object.entries(lobStats).map(([k, v]) => [k.toUpperCase(), v]));
  const out: TableLob[] = [];
  const findings: Finding[] = [];
  for (const t of tables) {
    if (t.skip) continue;
    const lobCols = t.columns.filter((c) => c.lob);
    if (!lobCols.length) continue;
    const sizes = lobCols.map(
      (c) =>
        stats.get(`${t.source.schema}.${t.source.name}.${c.source}`.toUpperCase()) ??
        stats.get(`${t.source.name}.${c.source}`.toUpperCase()),
    );
    const where = { object: t.object, location: t.location };
    const columns = lobCols.map((c) => c.source);
    let lob: LobMode;
    if (sizes.some((s) => s === undefined)) {
      const unknown = lobCols.filter((_, i) => sizes[i] === undefined).map((c) => c.source);
      findings.push(makeFinding('OPG-DMS-0005', { object: t.object, columns: unknown.join(', ') }, where));
      lob = { mode: 'unlimited', inlineKb: FULL_MODE_INLINE_KB, reason: 'unknown' };
    } else {
      const largestKb = Math.max(1, ...sizes.map((s) => Math.ceil((s as number) / 1024)));
      if (largestKb > LIMITED_LOB_MAX_KB) {
        findings.push(makeFinding('OPG-DMS-0012', { object: t.object, size: largestKb }, where));
        lob = { mode: 'unlimited', inlineKb: FULL_MODE_INLINE_KB, reason: 'too-large', largestKb };
      } else lob = { mode: 'limited', maxKb: largestKb };
    }
    out.push({ table: t, columns, lob });
  }
  return { tables: out, findings };
}

/** Task-level LobMaxSize: the largest limited size of any table, at least the DMS default. */
export function taskLobMaxKb(lobs: TableLob[]): number {
  return Math.max(DEFAULT_LOB_MAX_KB, ...lobs.map((l) => (l.lob.mode === 'limited' ? l.lob.maxKb : 0)));
}
