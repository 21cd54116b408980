/**
 * SQL*Plus script splitter: a cheap character scanner (no tokens) that cuts a script into
 * statements, PL/SQL units and SQL*Plus commands, follows @/@@ includes and applies
 * DEFINE / &var substitution. Every item keeps its file, line and column.
 */
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { makeFinding } from '../findings/make.js';
import type { Finding, SourceLocation } from '../findings/types.js';

export type ScriptItem = StatementItem | SqlPlusItem | CommentItem;

export interface StatementItem {
  kind: 'statement';
  /** Statement text without its terminator (";" for SQL, "/" line for PL/SQL). Leading comments included. */
  text: string;
  /** Location of the first character of `text`. */
  location: SourceLocation;
  /** True for PL/SQL units and anonymous blocks (ended by "/"). */
  plsql: boolean;
  /** 'blank': a SQL statement left without ";" and ended by a blank line (SQL*Plus, SQLBLANKLINES OFF). */
  terminator: ';' | '/' | 'eof' | 'blank';
  /** Blank lines that preceded the item in the source (for layout-preserving output). */
  blankLinesBefore: number;
}

export interface SqlPlusItem {
  kind: 'sqlplus';
  /** Upper-case canonical command: SET, PROMPT, SPOOL, WHENEVER, REM, DEFINE, UNDEFINE, EXEC, INCLUDE, … */
  command: string;
  /** The rest of the command line(s) after the command word. */
  args: string;
  text: string;
  location: SourceLocation;
  blankLinesBefore: number;
}

export interface CommentItem {
  kind: 'comment';
  text: string;
  location: SourceLocation;
  blankLinesBefore: number;
}

export interface ScriptOptions {
  /** Substitution variables (from --define); DEFINE commands in the script add to them. */
  defines?: Record<string, string>;
  /** Follow @file / @@file / START file and inline their items (default true). */
  followIncludes?: boolean;
  /** Reads an included file; returns undefined when it does not exist. */
  readFile?: (path: string) => string | undefined;
}

export interface ScriptResult {
  items: ScriptItem[];
  findings: Finding[];
}

/** SQL*Plus commands (and accepted abbreviations), mapped to a canonical name. */
const SQLPLUS_COMMANDS: Record<string, string> = {
  SET: 'SET',
  PROMPT: 'PROMPT',
  PRO: 'PROMPT',
  PROMP: 'PROMPT',
  REM: 'REM',
  REMARK: 'REM',
  REMA: 'REM',
  REMAR: 'REM',
  SPOOL: 'SPOOL',
  SPO: 'SPOOL',
  SPOO: 'SPOOL',
  WHENEVER: 'WHENEVER',
  DEFINE: 'DEFINE',
  DEF: 'DEFINE',
  DEFI: 'DEFINE',
  DEFIN: 'DEFINE',
  UNDEFINE: 'UNDEFINE',
  UNDEF: 'UNDEFINE',
  EXEC: 'EXEC',
  EXECUTE: 'EXEC',
  EXE: 'EXEC',
  EXECU: 'EXEC',
  SHOW: 'SHOW',
  SHO: 'SHOW',
  COLUMN: 'COLUMN',
  COL: 'COLUMN',
  TTITLE: 'TTITLE',
  BTITLE: 'BTITLE',
  BREAK: 'BREAK',
  COMPUTE: 'COMPUTE',
  CLEAR: 'CLEAR',
  CONNECT: 'CONNECT',
  CONN: 'CONNECT',
  DISCONNECT: 'DISCONNECT',
  DISC: 'DISCONNECT',
  EXIT: 'EXIT',
  QUIT: 'EXIT',
  HOST: 'HOST',
  PAUSE: 'PAUSE',
  ACCEPT: 'ACCEPT',
  ACC: 'ACCEPT',
  VARIABLE: 'VARIABLE',
  VAR: 'VARIABLE',
  PRINT: 'PRINT',
  DESCRIBE: 'DESCRIBE',
  DESC: 'DESCRIBE',
  TIMING: 'TIMING',
  STARTUP: 'STARTUP',
  SHUTDOWN: 'SHUTDOWN',
  PASSWORD: 'PASSWORD',
  STORE: 'STORE',
  REPHEADER: 'REPHEADER',
  REPFOOTER: 'REPFOOTER',
  ATTRIBUTE: 'ATTRIBUTE',
  START: 'INCLUDE',
  STA: 'INCLUDE',
  RECOVER: 'RECOVER',
  ARCHIVE: 'ARCHIVE',
  COPY: 'COPY',
  HELP: 'HELP',
  XQUERY: 'XQUERY',
  ORADEBUG: 'ORADEBUG',
  // LOAD table file.csv (SQL*Plus 23 / SQLcl): loads a CSV file into a table.
  LOAD: 'LOAD',
};

/** SET options that are SQL statements, not SQL*Plus settings. */
const SQL_SET = new Set(['TRANSACTION', 'ROLE', 'CONSTRAINT', 'CONSTRAINTS']);

const PLSQL_UNIT_WORDS = new Set(['PROCEDURE', 'FUNCTION', 'PACKAGE', 'TRIGGER', 'TYPE', 'LIBRARY', 'JAVA']);
const CREATE_MODIFIERS = new Set([
  'OR',
  'REPLACE',
  'EDITIONABLE',
  'NONEDITIONABLE',
  'EDITIONING',
  'AND',
  'RESOLVE',
  'COMPILE',
  'NOFORCE',
  'FORCE',
]);

interface SplitState {
  defines: Map<string, string>;
  defineChar: string | null;
  /** SET SQLBLANKLINES ON: blank lines inside a SQL statement do not end it. */
  sqlBlankLines: boolean;
  findings: Finding[];
  items: ScriptItem[];
  includeStack: string[];
  opts: ScriptOptions;
}

export function splitScript(text: string, file: string, opts: ScriptOptions = {}): ScriptResult {
  const state: SplitState = {
    defines: new Map(Object.entries(opts.defines ?? {}).map(([k, v]) => [k.toUpperCase(), v])),
    defineChar: '&',
    sqlBlankLines: false,
    findings: [],
    items: [],
    includeStack: [file],
    opts,
  };
  scanFile(text, file, state);
  return { items: state.items, findings: state.findings };
}

/** Reads the first words of a statement, skipping whitespace and comments. */
export function leadingWords(text: string, max: number, from = 0): string[] {
  const words: string[] = [];
  let i = from;
  while (i < text.length && words.length < max) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[\w$#]/.test(text[j])) j++;
      words.push(text.slice(i, j).toUpperCase());
      i = j;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      words.push(text.slice(i, end < 0 ? text.length : end + 1));
      i = end < 0 ? text.length : end + 1;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      words.push(c);
      i++;
    }
  }
  return words;
}

/** True when a statement starting with these words is a PL/SQL unit or block (ended by "/"). */
export function startsPlsql(words: string[]): boolean {
  if (words[0] === 'DECLARE' || words[0] === 'BEGIN') return true;
  if (words[0] !== 'CREATE') return false;
  for (let i = 1; i < words.length; i++) {
    if (PLSQL_UNIT_WORDS.has(words[i])) return true;
    if (!CREATE_MODIFIERS.has(words[i])) return false;
  }
  return false;
}

function scanFile(text: string, file: string, st: SplitState): void {
  const lines = text.split(/\r?\n/);
  // Scanner state carried across lines.
  let inBlockComment = false;
  let quoteEnd: string | null = null; // closing sequence of an open string / quoted identifier
  let buf: string[] = [];
  let bufLoc: SourceLocation | null = null;
  let significant = false;
  let plsql = false;
  let lastSignificantChar = '';
  let blankLines = 0;
  let blankBeforeItem = 0;

  const push = (item: ScriptItem) => {
    st.items.push(item);
  };
  const flush = (terminator: ';' | '/' | 'eof' | 'blank', reportUnterminated = true) => {
    const body = buf.join('\n').replace(/\s+$/, '');
    if (bufLoc && body.trim() !== '') {
      if (significant) {
        push({
          kind: 'statement',
          text: body,
          location: bufLoc,
          plsql,
          terminator,
          blankLinesBefore: blankBeforeItem,
        });
        if (terminator === 'eof' && reportUnterminated)
          st.findings.push(makeFinding('OPG-PARSE-0006', {}, { location: bufLoc }));
        if (terminator === 'blank') st.findings.push(makeFinding('OPG-PARSE-0010', {}, { location: bufLoc }));
      } else {
        push({ kind: 'comment', text: body, location: bufLoc, blankLinesBefore: blankBeforeItem });
      }
    }
    buf = [];
    bufLoc = null;
    significant = false;
    plsql = false;
    lastSignificantChar = '';
  };

  for (let ln = 0; ln < lines.length; ln++) {
    const lineNo = ln + 1;
    let line = lines[ln];
    const inside = inBlockComment || quoteEnd !== null;
    if (!inside && st.defineChar && line.includes(st.defineChar) && !/^\s*(--|REM(ARK)?\b)/i.test(line)) {
      line = substitute(line, st, { file, line: lineNo, column: 1 });
    }
    const trimmed = line.trim();
    if (!inside) {
      if (trimmed === '' && significant && !plsql && !st.sqlBlankLines && blankLineEnds(buf, lines, ln + 1)) {
        // SQL*Plus ends a SQL statement at a blank line; here only when a new statement follows
        // (the statement lacks its ";": GRANT … then DECLARE …), so statements merely written with
        // blank lines inside still read as one.
        flush('blank');
        blankLines = 1;
        continue;
      }
      if (trimmed === '/') {
        if (bufLoc) flush('/');
        blankLines = 0;
        continue;
      }
      if (!significant) {
        if (trimmed === '') {
          if (bufLoc) buf.push(line);
          else blankLines++;
          continue;
        }
        if (trimmed === '.') continue;
        const cmd = sqlPlusCommand(trimmed);
        if (cmd) {
          if (bufLoc) flush('eof');
          let args = trimmed.slice(cmd.word.length).trim();
          let rawText = line;
          // "-" at end of line continues a SQL*Plus command.
          while (args.endsWith('-') && ln + 1 < lines.length) {
            ln++;
            args = `${args.slice(0, -1).trimEnd()} ${lines[ln].trim()}`;
            rawText += `\n${lines[ln]}`;
          }
          const loc = { file, line: lineNo, column: line.indexOf(trimmed[0]) + 1 };
          handleCommand(cmd.command, args, rawText, loc, blankLines, st, file);
          blankLines = 0;
          continue;
        }
      } else if (plsql && lastSignificantChar === ';' && /^\s*CREATE\s/i.test(line)) {
        // A PL/SQL unit without its "/": SQL*Plus would fail; end the unit here and carry on.
        st.findings.push(makeFinding('OPG-PARSE-0009', {}, { location: { file, line: lineNo, column: 1 } }));
        flush('eof', false);
      }
    }
    // Scan the characters of this line.
    let segStart = 0;
    let i = 0;
    let lineComment = false;
    while (i < line.length) {
      if (inBlockComment) {
        const end = line.indexOf('*/', i);
        if (end < 0) {
          i = line.length;
          break;
        }
        inBlockComment = false;
        i = end + 2;
        continue;
      }
      if (quoteEnd !== null) {
        const end = findQuoteEnd(line, i, quoteEnd);
        if (end < 0) {
          i = line.length;
          break;
        }
        quoteEnd = null;
        i = end;
        continue;
      }
      const c = line[i];
      if (c === ' ' || c === '\t') {
        i++;
        continue;
      }
      if (!bufLoc) {
        bufLoc = { file, line: lineNo, column: i + 1 };
        blankBeforeItem = blankLines;
        blankLines = 0;
        segStart = i;
      }
      if (c === '-' && line[i + 1] === '-') {
        lineComment = true;
        i = line.length;
        break;
      }
      if (c === '/' && line[i + 1] === '*') {
        inBlockComment = true;
        i += 2;
        continue;
      }
      if (!significant) {
        significant = true;
        const words = leadingWords(line.slice(i) + '\n' + lines.slice(ln + 1, ln + 8).join('\n'), 8);
        plsql = startsPlsql(words);
      }
      if (c === "'") {
        quoteEnd = "'";
        i++;
        continue;
      }
      if (c === '"') {
        quoteEnd = '"';
        i++;
        continue;
      }
      if ((c === 'q' || c === 'Q') && line[i + 1] === "'" && i + 2 < line.length && startsQuote(line, i)) {
        quoteEnd = closingDelimiter(line[i + 2]) + "'";
        i += 3;
        continue;
      }
      if (c === ';' && !plsql) {
        buf.push(line.slice(segStart, i));
        flush(';');
        i++;
        segStart = i;
        // The rest of the line may hold another statement.
        continue;
      }
      lastSignificantChar = c;
      i++;
    }
    let seg = line.slice(segStart);
    // SQL*Plus reads a hyphen that ends a line of a SQL statement as a continuation mark and drops
    // it (Oracle's sample data scripts split INSERTs so: VALUES(1726-⏎,'AR'-⏎…).
    if (
      bufLoc &&
      significant &&
      !plsql &&
      !lineComment &&
      !inBlockComment &&
      quoteEnd === null &&
      seg.trimEnd().endsWith('-')
    )
      seg = `${seg.trimEnd().slice(0, -1)} `;
    if (bufLoc) buf.push(seg);
    else if (trimmed === '') blankLines++;
  }
  if (bufLoc) flush('eof');
}

/** Words that start a statement after a blank line (SELECT / WITH only after a statement that holds no query). */
const STATEMENT_STARTS = new Set([
  'DECLARE',
  'BEGIN',
  'CREATE',
  'DROP',
  'ALTER',
  'GRANT',
  'REVOKE',
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'COMMIT',
  'ROLLBACK',
  'TRUNCATE',
  'COMMENT',
  'SAVEPOINT',
]);
/** SQL*Plus commands that cannot continue a SQL statement's text. */
const COMMAND_STARTS = new Set([
  'PROMPT',
  'PRO',
  'REM',
  'REMARK',
  'SPOOL',
  'WHENEVER',
  'EXEC',
  'SHOW',
  'CONNECT',
  'EXIT',
  'QUIT',
]);

/**
 * A blank line inside the SQL statement `buf` ends it (SQL*Plus with SQLBLANKLINES OFF) when the
 * next line with text (comment lines skipped) starts a new statement or a SQL*Plus command.
 */
function blankLineEnds(buf: string[], lines: string[], from: number): boolean {
  let next: string | undefined;
  for (let j = from; j < lines.length; j++) {
    const t = lines[j].trim();
    if (t === '' || t.startsWith('--') || /^REM(ARK)?(\s|$)/i.test(t)) {
      if (/^REM(ARK)?(\s|$)/i.test(t)) return true;
      continue;
    }
    next = t;
    break;
  }
  if (next === undefined) return false;
  if (next.startsWith('@') || next === '/') return next.startsWith('@');
  const word = leadingWords(next, 1)[0];
  if (!word) return false;
  if (COMMAND_STARTS.has(word)) return true;
  if (STATEMENT_STARTS.has(word)) return true;
  if (word === 'SELECT' || word === 'WITH') {
    // CREATE … AS / INSERT INTO t / … UNION may go on with their query after a blank line.
    const text = buf.join('\n');
    const first = leadingWords(text, 1)[0];
    const last = /([A-Za-z_]+|\()\s*$/.exec(text.replace(/--[^\n]*$/gm, ''))?.[1]?.toUpperCase();
    if (!first || ['CREATE', 'INSERT', 'MERGE', 'EXPLAIN'].includes(first)) return false;
    return !last || !['AS', 'UNION', 'ALL', 'INTERSECT', 'MINUS', 'EXCEPT', '(', 'IN', 'EXISTS', 'FROM'].includes(last);
  }
  return false;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\w$#]/.test(c);
}

/** A q at `i` opens q'…' (or nq'…') unless it ends a longer word. */
function startsQuote(line: string, i: number): boolean {
  const prev = line[i - 1];
  if (!isWordChar(prev)) return true;
  return (prev === 'n' || prev === 'N') && !isWordChar(line[i - 2]);
}

function closingDelimiter(open: string): string {
  return ({ '[': ']', '{': '}', '(': ')', '<': '>' } as Record<string, string>)[open] ?? open;
}

/** Index just past the closing sequence, or -1 if it is not on this line. Handles '' escapes. */
function findQuoteEnd(line: string, from: number, end: string): number {
  let i = from;
  while (i < line.length) {
    const at = line.indexOf(end, i);
    if (at < 0) return -1;
    if (end === "'" && line[at + 1] === "'") {
      i = at + 2;
      continue;
    }
    return at + end.length;
  }
  return -1;
}

function sqlPlusCommand(trimmed: string): { word: string; command: string } | null {
  if (trimmed.startsWith('@@')) return { word: '@@', command: 'INCLUDE_RELATIVE' };
  if (trimmed.startsWith('@')) return { word: '@', command: 'INCLUDE' };
  if (trimmed.startsWith('!')) return { word: '!', command: 'HOST' };
  // "$ command" (SQL*Plus on Windows) runs a host command too.
  if (/^\$\s/.test(trimmed)) return { word: '$', command: 'HOST' };
  const m = /^[A-Za-z]+/.exec(trimmed);
  if (!m) return null;
  const word = m[0];
  const after = trimmed.slice(word.length);
  if (after !== '' && !/^[\s;]/.test(after)) return null;
  const upper = word.toUpperCase();
  const command = SQLPLUS_COMMANDS[upper];
  if (!command) return null;
  if (command === 'SET') {
    const next = after.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
    if (SQL_SET.has(next)) return null;
  }
  if (command === 'INCLUDE' && /^\s*WITH\b/i.test(after)) return null;
  return { word, command };
}

function handleCommand(
  command: string,
  rawArgs: string,
  text: string,
  location: SourceLocation,
  blankLinesBefore: number,
  st: SplitState,
  file: string,
): void {
  const args = rawArgs.replace(/;\s*$/, '');
  switch (command) {
    case 'DEFINE': {
      const m = /^([\w$#]+)\s*=\s*(.*)$/s.exec(args);
      if (m) st.defines.set(m[1].toUpperCase(), unquoteDefine(m[2].trim()));
      break;
    }
    case 'UNDEFINE':
      for (const name of args.split(/\s+/)) if (name) st.defines.delete(name.toUpperCase());
      break;
    case 'SET': {
      const bl = /^SQLBL(?:ANKLINES)?\s+(ON|OFF)\b/i.exec(args);
      if (bl) st.sqlBlankLines = bl[1].toUpperCase() === 'ON';
      const m = /^DEF(?:INE)?\s+(\S+)/i.exec(args);
      if (m) {
        const v = m[1].toUpperCase();
        st.defineChar = v === 'OFF' ? null : v === 'ON' ? '&' : (m[1].replace(/^'(.*)'$/, '$1')[0] ?? '&');
      }
      break;
    }
    case 'INCLUDE':
    case 'INCLUDE_RELATIVE':
      if (st.opts.followIncludes !== false) {
        includeFile(command, args, location, st, file);
        return;
      }
      break;
  }
  const canonical = command === 'INCLUDE_RELATIVE' ? 'INCLUDE' : command;
  st.items.push({ kind: 'sqlplus', command: canonical, args, text, location, blankLinesBefore });
}

function unquoteDefine(v: string): string {
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
}

function includeFile(
  command: string,
  args: string,
  location: SourceLocation,
  st: SplitState,
  file: string,
): void {
  const name = args.split(/\s+/)[0] ?? '';
  if (!name) return;
  const withExt = extname(name) ? name : `${name}.sql`;
  const baseDir = dirname(file);
  const candidates = isAbsolute(withExt)
    ? [withExt]
    : command === 'INCLUDE_RELATIVE'
      ? [resolve(baseDir, withExt)]
      : [resolve(baseDir, withExt), resolve(dirname(st.includeStack[0]), withExt), resolve(withExt)];
  const read = st.opts.readFile;
  for (const path of candidates) {
    const content = read ? read(path) : undefined;
    if (content === undefined) continue;
    if (st.includeStack.some((p) => resolve(p) === path)) {
      st.findings.push(
        makeFinding(
          'OPG-PARSE-0004',
          { path: name, cycle: [...st.includeStack, path].join(' -> ') },
          { location },
        ),
      );
      return;
    }
    st.includeStack.push(path);
    // Locations keep the style of the including file's path: relative paths stay relative.
    scanFile(content, isAbsolute(file) ? path : relative(process.cwd(), path), st);
    st.includeStack.pop();
    return;
  }
  st.findings.push(makeFinding('OPG-PARSE-0003', { path: name }, { location }));
}

/** Replaces &name / &&name (terminated by "." or a non-word character) with DEFINE values. */
function substitute(line: string, st: SplitState, location: SourceLocation): string {
  const ch = st.defineChar!;
  let out = '';
  let i = 0;
  while (i < line.length) {
    const at = line.indexOf(ch, i);
    if (at < 0) break;
    out += line.slice(i, at);
    let j = at + 1;
    if (line[j] === ch) j++;
    let k = j;
    while (k < line.length && /[\w$#]/.test(line[k])) k++;
    const name = line.slice(j, k);
    if (!name) {
      out += line.slice(at, k);
      i = k;
      continue;
    }
    const value = st.defines.get(name.toUpperCase());
    if (value === undefined) {
      st.findings.push(
        makeFinding('OPG-PARSE-0005', { name }, { location: { ...location, column: at + 1 } }),
      );
      out += line.slice(at, k);
      i = k;
      continue;
    }
    if (line[k] === '.') k++;
    out += value;
    i = k;
  }
  return out + line.slice(i);
}
