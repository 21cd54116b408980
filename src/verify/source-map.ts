/**
 * From an error position in emitted SQL back to the Oracle source. Objects carry the location of
 * the Oracle statement that produced them; inside that statement, the identifier PostgreSQL points
 * at (e.g. the missing relation) is looked up in the Oracle text, so the error lands on the line
 * that names it. When the file cannot be read or the word is not found, the statement line stays.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SourceLocation } from '../findings/types.js';
import type { Unit } from './units.js';

const WORD = /^(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$#]*))/;

export class SourceMap {
  private readonly files = new Map<string, string[] | undefined>();
  /** Statement start lines per source file, sorted. */
  private readonly starts = new Map<string, number[]>();

  constructor(units: Unit[]) {
    for (const u of units) {
      if (!u.source) continue;
      const list = this.starts.get(u.source.file) ?? [];
      list.push(u.source.line);
      this.starts.set(u.source.file, list);
    }
    for (const list of this.starts.values()) list.sort((a, b) => a - b);
  }

  private lines(file: string): string[] | undefined {
    if (!this.files.has(file)) {
      let text: string | undefined;
      try {
        text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      } catch {
        text = undefined;
      }
      this.files.set(file, text?.split('\n'));
    }
    return this.files.get(file);
  }

  /**
   * The Oracle location of the identifier at `index` of the unit's SQL: the first line of the
   * statement that names it, or undefined when it cannot be told.
   */
  locate(u: Unit, index: number): SourceLocation | undefined {
    if (!u.source) return undefined;
    const m = WORD.exec(u.sql.slice(index));
    if (!m) return undefined;
    const quoted = m[1] !== undefined;
    const word = quoted ? m[1].replaceAll('""', '"') : m[2];
    const lines = this.lines(u.source.file);
    if (!lines) return undefined;
    const next = this.starts.get(u.source.file)?.find((l) => l > u.source!.line);
    const last = Math.min(lines.length, next ? next - 1 : u.source.line + 500);
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?<![A-Za-z0-9_$#])"?${escaped}"?(?![A-Za-z0-9_$#])`, quoted ? '' : 'i');
    for (let l = u.source.line; l <= last; l++) {
      const text = lines[l - 1] ?? '';
      const found = re.exec(l === u.source.line ? text.slice(Math.max(0, u.source.column - 1)) : text);
      if (!found) continue;
      const column = found.index + 1 + (l === u.source.line ? Math.max(0, u.source.column - 1) : 0);
      return { file: u.source.file, line: l, column };
    }
    return undefined;
  }
}
