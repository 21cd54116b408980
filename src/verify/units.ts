/**
 * Units of verification: one per converted object, with its SQL text and where that text sits in
 * the emitted files, so that a PostgreSQL error position maps back to a file line.
 *
 * Two inputs give units: a conversion result (objects printed exactly as `writeResult` writes
 * them) and a converted directory (phase files cut at the object headers `-- LABEL (file:line)`,
 * matched against manifest.json; or one file per object with `--layout objects`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PgObject, Phase } from '../ast/pg.js';
import { type ConvertResult, PHASES, printObject } from '../convert/index.js';
import { PHASE_FILES } from '../convert/write.js';
import type { SourceLocation } from '../findings/types.js';
import { analyzeSql, type SqlInfo } from './sqlinfo.js';

export interface Unit {
  /** Position in emitted-file order. */
  index: number;
  object: string;
  objectType: string;
  phase: Phase;
  /** The object's text as emitted (header comment included). */
  sql: string;
  file: string;
  /** Line of `sql`'s first character in `file`. */
  line: number;
  endLine: number;
  source?: SourceLocation;
  /** sql: something to apply; not-converted: only comments (kept Oracle source); empty: no text. */
  kind: 'sql' | 'not-converted' | 'empty';
  info: SqlInfo;
  /** From the model when the input was converted here. */
  defines?: string;
  dependsOn?: string[];
}

const lineCount = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

function makeUnit(
  index: number,
  base: Omit<Unit, 'index' | 'kind' | 'info' | 'endLine'>,
  hasNodes: boolean,
  commentOnly?: boolean,
): Unit {
  const info = analyzeSql(base.sql);
  const trimmed = base.sql.replace(/\s+$/, '');
  const kind: Unit['kind'] = !hasNodes
    ? 'empty'
    : (commentOnly ?? (info.parsed && info.statements === 0))
      ? 'not-converted'
      : 'sql';
  return { ...base, index, kind, info, endLine: base.line + lineCount(trimmed) };
}

/** Units for a conversion result, located as `writeResult(result, dir, 'phases')` writes them. */
export function unitsFromResult(result: ConvertResult): Unit[] {
  const units: Unit[] = [];
  for (const phase of PHASES) {
    const text = result.phases[phase];
    let from = 0;
    for (const o of result.objects.filter((x) => x.phase === phase)) {
      const sql = printObject(o);
      let at = sql ? text.indexOf(sql, from) : -1;
      if (sql && at < 0) at = from; // the printer changed under us: still verify, lines approximate
      const line = at >= 0 ? 1 + lineCount(text.slice(0, at)) : 0;
      if (at >= 0) from = at + sql.length;
      units.push(
        makeUnit(
          units.length,
          {
            object: o.object,
            objectType: o.objectType,
            phase,
            sql,
            file: PHASE_FILES[phase],
            line,
            ...(o.location ? { source: o.location } : {}),
            ...(o.defines ? { defines: o.defines } : {}),
            ...(o.dependsOn ? { dependsOn: o.dependsOn } : {}),
          },
          o.nodes.length > 0,
          isCommentOnly(o),
        ),
      );
    }
  }
  return units;
}

export function isCommentOnly(o: PgObject): boolean {
  return o.nodes.length > 0 && o.nodes.every((n) => n.kind === 'comment-block');
}

interface ManifestEntry {
  phase: Phase;
  type: string;
  object: string;
  file: string;
}

/** True when `dir` looks like `orapg convert` output. */
export function isConvertedDir(dir: string): boolean {
  return existsSync(join(dir, 'manifest.json')) || existsSync(join(dir, PHASE_FILES['pre-data']));
}

/** Units of a converted directory (phase files or one file per object). */
export function unitsFromDir(dir: string): Unit[] {
  const manifestPath = join(dir, 'manifest.json');
  const manifest: ManifestEntry[] | undefined = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { objects: ManifestEntry[] }).objects
    : undefined;
  const units: Unit[] = [];
  const phaseFiles = new Set(Object.values(PHASE_FILES));
  if (manifest?.some((m) => !phaseFiles.has(m.file))) {
    for (const m of manifest) {
      const path = join(dir, m.file);
      const sql = existsSync(path) ? readFileSync(path, 'utf8') : '';
      const header = parseHeader(sql.split('\n', 1)[0] ?? '', m.object);
      units.push(
        makeUnit(
          units.length,
          {
            object: m.object,
            objectType: m.type,
            phase: m.phase,
            sql,
            file: m.file,
            line: 1,
            ...(header?.source ? { source: header.source } : {}),
          },
          sql.trim() !== '',
        ),
      );
    }
    return units;
  }
  for (const phase of PHASES) {
    const file = PHASE_FILES[phase];
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const expected = manifest?.filter((m) => m.phase === phase);
    for (const block of splitPhaseFile(readFileSync(path, 'utf8'), expected)) {
      units.push(
        makeUnit(
          units.length,
          {
            object: block.object,
            objectType: block.objectType,
            phase,
            sql: block.sql,
            file,
            line: block.line,
            ...(block.source ? { source: block.source } : {}),
          },
          block.sql !== '',
        ),
      );
    }
  }
  return units;
}

interface Block {
  object: string;
  objectType: string;
  sql: string;
  line: number;
  source?: SourceLocation;
}

/**
 * Cuts a phase file at object headers. A header is a `-- ` line at the start of the file or after a
 * blank line; with a manifest, only lines that name the next manifest objects count, and manifest
 * objects without text get an empty block.
 */
export function splitPhaseFile(text: string, manifest?: ManifestEntry[]): Block[] {
  const lines = text.split('\n');
  const starts: { line: number; object: string; objectType: string; source?: SourceLocation }[] = [];
  const blocks: Block[] = [];
  let next = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.startsWith('-- ') || l.startsWith('-- orapg: phase ') || (i > 0 && lines[i - 1].trim() !== ''))
      continue;
    if (!manifest) {
      const h = parseHeader(l);
      if (h)
        starts.push({
          line: i,
          object: h.object,
          objectType: h.object.split(' ')[0],
          ...(h.source ? { source: h.source } : {}),
        });
      continue;
    }
    for (let j = next; j < manifest.length; j++) {
      const h = parseHeader(l, manifest[j].object);
      if (!h) continue;
      for (let k = next; k < j; k++)
        starts.push({ line: -1, object: manifest[k].object, objectType: manifest[k].type });
      starts.push({
        line: i,
        object: manifest[j].object,
        objectType: manifest[j].type,
        ...(h.source ? { source: h.source } : {}),
      });
      next = j + 1;
      break;
    }
  }
  if (manifest)
    for (let k = next; k < manifest.length; k++)
      starts.push({ line: -1, object: manifest[k].object, objectType: manifest[k].type });
  const real = starts.filter((s) => s.line >= 0);
  for (const s of starts) {
    if (s.line < 0) {
      blocks.push({ object: s.object, objectType: s.objectType, sql: '', line: 0 });
      continue;
    }
    const after = real[real.indexOf(s) + 1];
    const end = after ? after.line : lines.length;
    const sql = `${lines.slice(s.line, end).join('\n').replace(/\s+$/, '')}\n`;
    blocks.push({
      object: s.object,
      objectType: s.objectType,
      sql,
      line: s.line + 1,
      ...(s.source ? { source: s.source } : {}),
    });
  }
  return blocks;
}

/** `-- LABEL (file:line)`; with `expected`, only that label. */
function parseHeader(
  line: string,
  expected?: string,
): { object: string; source?: SourceLocation } | undefined {
  if (!line.startsWith('-- ')) return undefined;
  const rest = line.slice(3);
  const loc = / \(([^()]+):(\d+)\)$/.exec(rest);
  const object = loc ? rest.slice(0, loc.index) : rest;
  if (expected !== undefined && object !== expected) return undefined;
  if (!object) return undefined;
  return loc ? { object, source: { file: loc[1], line: Number(loc[2]), column: 1 } } : { object };
}
