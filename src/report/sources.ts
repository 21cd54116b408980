/**
 * Oracle source text for the report: the statements of the input (split again with the same
 * options as the conversion, so locations match), secrets removed, and the line an action item
 * points at. The report never reads another stage's output text: it reads the sources, the
 * converted objects and their findings.
 */
import type { SourceText } from '../convert/index.js';
import type { Finding, SourceLocation } from '../findings/types.js';
import { splitScript } from '../source/script.js';

export interface StatementText {
  file: string;
  line: number;
  column: number;
  endLine: number;
  /** Statement text with passwords replaced by REDACTED. */
  text: string;
}

export const REDACTED = '********';

/**
 * `IDENTIFIED BY pw`, `IDENTIFIED BY "pw"`, `IDENTIFIED BY VALUES 'hash'` (CREATE/ALTER USER,
 * CREATE DATABASE LINK … CONNECT TO u IDENTIFIED BY pw). Display redaction only: no SQL is
 * rewritten from this text.
 */
const IDENTIFIED_BY = /\bIDENTIFIED(\s+)BY(\s+)(VALUES\s+)?("(?:[^"]|"")*"|'(?:[^']|'')*'|[^\s;,)]+)/gi;

/** Replaces passwords in `text`; every replaced value is added to `secrets`. */
export function redactPasswords(text: string, secrets: Set<string>): string {
  return text.replace(
    IDENTIFIED_BY,
    (_m, s1: string, s2: string, values: string | undefined, value: string) => {
      addSecret(value, secrets);
      return `IDENTIFIED${s1}BY${s2}${values ?? ''}${REDACTED}`;
    },
  );
}

function addSecret(value: string, secrets: Set<string>): void {
  const v = value.trim();
  if (!v) return;
  secrets.add(v);
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) {
    const inner = v.slice(1, -1);
    if (inner) secrets.add(inner);
  }
}

/** SQL*Plus `CONNECT user/password@db`: the password part. */
export function connectSecret(args: string): string | undefined {
  const m = /^\s*[^\s/]*\/("(?:[^"]|"")*"|[^\s@]+)/.exec(args);
  return m?.[1];
}

/**
 * Removes every known secret from a string of the report. Secrets shorter than 4 characters are
 * only removed in their `IDENTIFIED BY` context (scrubbing "x" everywhere would destroy the text).
 */
export function scrubSecrets(s: string, secrets: ReadonlySet<string>): string {
  let out = s;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

export interface StatementIndex {
  statements: StatementText[];
  /** Index of the statement that starts at a location. */
  startingAt(loc: SourceLocation | undefined): number | undefined;
  /** Index of the statement whose text contains a location. */
  containing(loc: SourceLocation | undefined): number | undefined;
  /** Passwords found in the input (statements and SQL*Plus CONNECT commands). */
  secrets: ReadonlySet<string>;
}

const key = (file: string, line: number, column: number) => `${file}\u0000${line}\u0000${column}`;

/**
 * Splits the sources again (same defines and include reader as the conversion); a snapshot
 * source brings its statements, located `label#OWNER.NAME`.
 */
export function indexStatements(
  sources: readonly SourceText[],
  defines: Record<string, string> | undefined,
  readFile?: (p: string) => string | undefined,
): StatementIndex {
  const statements: StatementText[] = [];
  const secrets = new Set<string>();
  const push = (loc: SourceLocation, raw: string) => {
    const text = redactPasswords(raw, secrets);
    let newlines = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines++;
    statements.push({
      file: loc.file,
      line: loc.line,
      column: loc.column,
      endLine: loc.line + newlines,
      text,
    });
  };
  for (const src of sources) {
    if (src.statements) {
      // A catalog snapshot: statements are built already; their text is the DDL the snapshot
      // holds (DBMS_METADATA or PL/SQL source), empty when it was read from catalog rows only.
      for (const st of src.statements) if (st.loc) push(st.loc, st.source ?? '');
      continue;
    }
    const split = splitScript(src.text, src.file, { defines, readFile, followIncludes: true });
    for (const item of split.items) {
      if (item.kind === 'sqlplus' && item.command === 'CONNECT') {
        const pw = connectSecret(item.args);
        if (pw) addSecret(pw, secrets);
      }
      if (item.kind === 'statement') push(item.location, item.text);
    }
  }
  for (const s of statements) s.text = scrubSecrets(s.text, secrets);

  const starts = new Map<string, number>();
  const byFile = new Map<string, number[]>();
  statements.forEach((s, i) => {
    const k = key(s.file, s.line, s.column);
    if (!starts.has(k)) starts.set(k, i);
    if (!byFile.has(s.file)) byFile.set(s.file, []);
    byFile.get(s.file)!.push(i);
  });
  const before = (a: StatementText, loc: SourceLocation) =>
    a.line < loc.line || (a.line === loc.line && a.column <= loc.column);
  for (const list of byFile.values())
    list.sort(
      (a, b) => statements[a].line - statements[b].line || statements[a].column - statements[b].column,
    );

  return {
    statements,
    secrets,
    startingAt: (loc) => (loc ? starts.get(key(loc.file, loc.line, loc.column)) : undefined),
    containing(loc) {
      if (!loc) return undefined;
      const list = byFile.get(loc.file);
      if (!list) return undefined;
      // Last statement starting at or before the location (binary search).
      let lo = 0;
      let hi = list.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (before(statements[list[mid]], loc)) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0) return undefined;
      const s = statements[list[found]];
      return loc.line <= s.endLine ? list[found] : undefined;
    },
  };
}

/** Words of messages that never identify a line by themselves. */
const STOP_WORDS = new Set(
  'TABLE VIEW INDEX COLUMN CONSTRAINT PROCEDURE FUNCTION PACKAGE BODY TRIGGER TYPE SEQUENCE SYNONYM CREATE OR REPLACE AND SQL PL ON IN BY AS IS NOT NULL OF TO PUBLIC UNIQUE KEY PRIMARY FOREIGN CHECK'.split(
    ' ',
  ),
);

const NAME = /[A-Za-z_][A-Za-z0-9_$#]*(?:\.[A-Za-z_][A-Za-z0-9_$#]*)*/g;

/** Names a message mentions, best first: `TABLE.COLUMN` (the column), then upper-case words. */
export function messageNames(message: string, objectLabel = ''): string[] {
  const own = new Set(objectLabel.toUpperCase().split(/[\s.]+/));
  const dotted: string[] = [];
  const words: string[] = [];
  for (const m of message.matchAll(NAME)) {
    const tok = m[0];
    if (tok.includes('.')) {
      const last = tok.slice(tok.lastIndexOf('.') + 1);
      if (last.length >= 2 && last === last.toUpperCase()) dotted.push(last);
      continue;
    }
    if (tok.length < 3 || tok !== tok.toUpperCase() || !/[A-Z]/.test(tok)) continue;
    if (STOP_WORDS.has(tok) || own.has(tok)) continue;
    words.push(tok);
  }
  return [...new Set([...dotted, ...words])];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Index of the first line (comments ignored) where `name` stands as a whole word, or -1. */
export function findName(lines: readonly string[], name: string): number {
  const re = new RegExp(`(^|[^A-Za-z0-9_$#])"?${escapeRegExp(name)}"?($|[^A-Za-z0-9_$#])`, 'i');
  return lines.findIndex((l) => re.test(l.replace(/--.*$/, '')));
}

/**
 * The line a finding points at; see ActionItemSchema.line. A finding raised at the first line of
 * its statement (most converters locate findings at the statement) points at the first line that
 * names what its message names. `used` remembers, per object, the last line taken for a name, so
 * a second "SYSDATE converted …" points at the second SYSDATE.
 */
export function pointAt(
  stmt: StatementText | undefined,
  f: Pick<Finding, 'message' | 'location' | 'object'>,
  used: Map<string, number> = new Map(),
): { line: number | null; exact: boolean } {
  const loc = f.location;
  if (!loc) return { line: null, exact: false };
  if (!stmt || loc.line !== stmt.line || loc.column !== stmt.column) return { line: loc.line, exact: true };
  const lines = stmt.text.split('\n').map((l) => l.replace(/--.*$/, ''));
  for (const name of messageNames(f.message, f.object)) {
    const re = new RegExp(`(^|[^A-Za-z0-9_$#])"?${escapeRegExp(name)}"?($|[^A-Za-z0-9_$#])`, 'i');
    const after = used.get(name) ?? -1;
    let first = -1;
    let next = -1;
    for (let i = 0; i < lines.length && next < 0; i++) {
      if (!re.test(lines[i])) continue;
      if (first < 0) first = i;
      if (i > after) next = i;
    }
    const i = next >= 0 ? next : first;
    if (i < 0) continue;
    used.set(name, i);
    return { line: stmt.line + i, exact: i === 0 };
  }
  return { line: loc.line, exact: true };
}
