/**
 * A small PostgreSQL script splitter for the ora2pg comparison (bench/ora2pg.ts): cuts psql-style
 * output (orapg's phase files, ora2pg's export files) into statements, the same way for both
 * tools, so that each statement can be applied on its own.
 *
 * Understands '…' strings ('' inside), E'…' strings (backslash escapes), "…" identifiers,
 * $tag$…$tag$ bodies, -- comments, nested /* *\/ comments. psql meta-commands (a line starting
 * with a backslash, outside a statement) are dropped. Comments before a statement stay with it;
 * chunks that are only comments are not statements.
 */

export interface PgStatement {
  /** Statement text including its leading comments, without the final ";". */
  sql: string;
  /** 1-based line of the first character that is not blank or a comment. */
  line: number;
  /** First words, upper case, without OR REPLACE / UNIQUE / … (e.g. "CREATE FUNCTION"). */
  kind: string;
  /** The last "-- " comment line before the statement text (orapg's object header), if any. */
  header?: string;
}

const IDENT = /[A-Za-z0-9_$\u0080-\uffff]/;

export function splitPgScript(text: string): PgStatement[] {
  const out: PgStatement[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let start = 0;
  let firstLine = 0; // line of the first content character of the current chunk (0: none yet)
  let contentStart = -1;
  let header: string | undefined;
  let lineStart = true; // only blanks since the last newline

  const finish = (end: number) => {
    const body = contentStart >= 0 ? text.slice(contentStart, end).trim() : '';
    if (body) {
      out.push({ sql: text.slice(start, end).trim(), line: firstLine, kind: kindOf(body), header });
    }
    start = end + 1;
    contentStart = -1;
    firstLine = 0;
    header = undefined;
  };
  const content = () => {
    if (contentStart < 0) {
      contentStart = i;
      firstLine = line;
    }
  };

  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    if (c === '\\' && atLineStart && contentStart < 0) {
      // psql meta-command: the rest of the line.
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      start = i;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      const e = text.indexOf('\n', i);
      const end = e < 0 ? n : e;
      if (contentStart < 0 && text[i + 2] === ' ') header = text.slice(i + 3, end).trim();
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === '\n') line++;
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      continue;
    }
    content();
    if (c === ';') {
      finish(i);
      i++;
      continue;
    }
    if (c === "'") {
      const escapes = (text[i - 1] === 'E' || text[i - 1] === 'e') && !IDENT.test(text[i - 2] ?? ' ');
      i++;
      while (i < n) {
        const d = text[i];
        if (d === '\n') line++;
        if (escapes && d === '\\') i += 2;
        else if (d === "'") {
          if (text[i + 1] === "'") i += 2;
          else break;
        } else i++;
      }
      i++;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n) {
        if (text[i] === '\n') line++;
        if (text[i] === '"') {
          if (text[i + 1] === '"') i += 2;
          else break;
        } else i++;
      }
      i++;
      continue;
    }
    if (c === '$' && !IDENT.test(text[i - 1] ?? ' ')) {
      const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(text.slice(i, i + 70));
      if (m) {
        const tag = m[0];
        const e = text.indexOf(tag, i + tag.length);
        const end = e < 0 ? n : e + tag.length;
        for (let k = i; k < end; k++) if (text.charCodeAt(k) === 10) line++;
        i = end;
        continue;
      }
    }
    i++;
  }
  finish(n);
  return out;
}

const SKIP_WORDS = new Set([
  'OR',
  'REPLACE',
  'UNIQUE',
  'TEMP',
  'TEMPORARY',
  'UNLOGGED',
  'GLOBAL',
  'LOCAL',
  'RECURSIVE',
  'CONSTRAINT',
  'TRUSTED',
  'PROCEDURAL',
  'DEFAULT',
]);

/** "CREATE FUNCTION", "ALTER TABLE", "COMMENT", "DO", … for per-kind counts. */
export function kindOf(body: string): string {
  const words =
    body
      .slice(0, 200)
      .toUpperCase()
      .match(/[A-Z_]+/g) ?? [];
  const w0 = words[0] ?? '';
  if (w0 === 'CREATE' || w0 === 'ALTER' || w0 === 'DROP') {
    let k = 1;
    while (k < words.length && SKIP_WORDS.has(words[k])) k++;
    const w = words[k] ?? '';
    if (w === 'MATERIALIZED' || w === 'EVENT') return `${w0} ${w} ${words[k + 1] ?? ''}`.trim();
    return `${w0} ${w}`.trim();
  }
  return w0;
}

/** Statements that only change the session or the transaction (not objects). */
export function isSessionStatement(kind: string): boolean {
  return ['SET', 'RESET', 'BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'START', 'SAVEPOINT', 'RELEASE'].includes(
    kind,
  );
}
