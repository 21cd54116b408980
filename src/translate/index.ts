/**
 * Statement-by-statement translation of Oracle scripts and application SQL, in the original order:
 * DDL through the schema converter, queries and DML through the DML rules, SQL*Plus commands to
 * psql meta-commands where one exists. Comments and blank-line layout are kept.
 */
import { redactPasswords } from '../report/sources.js';
import type { Statement } from '../ast/ddl.js';
import type { DmlStatement } from '../ast/dml.js';
import { ConvertContext, type ConvertOptions } from '../convert/context.js';
import { contextObjects, convertInScriptOrder } from '../convert/index.js';
import { printNode } from '../emit/pg/ddl.js';
import { printDml } from '../emit/pg/dml.js';
import { pgNameOf, quoteIdent } from '../emit/quote.js';
import { makeFinding } from '../findings/make.js';
import type { Finding, SourceLocation } from '../findings/types.js';
import { parseStatement } from '../parser/statement.js';
import { rewriteDml } from '../rules/dml.js';
import { type ScriptItem, type SqlPlusItem, splitScript } from '../source/script.js';
import { mapBinds, numberBinds } from './binds.js';
import { bindRead, bindSetting, scriptBindType } from '../convert/script-binds.js';
import { printExpr } from '../emit/pg/expr.js';
import { quoteLiteral } from '../emit/quote.js';

export interface TranslateOptions extends ConvertOptions {
  /** File name used in locations (default "stdin"). */
  file?: string;
  /** Bind variables: keep `:name` (named) or number them `$1…` per statement (dollar). */
  binds?: 'named' | 'dollar';
  /** Inline @file / @@file includes (read through readFile) instead of emitting `\ir`. */
  inlineIncludes?: boolean;
  readFile?: (path: string) => string | undefined;
  /** Target PostgreSQL major version (15 by default). */
  pgVersion?: number;
  /**
   * The model of an earlier translate() (its `context`): tables and views created there are
   * known to this one (column types drive date arithmetic, division and implicit conversions).
   */
  context?: ConvertContext;
}

export interface TranslatedStatement {
  /** Where the Oracle statement starts. */
  source: SourceLocation;
  /** statement kind: select, insert, create-table, plsql-unit, sqlplus:PROMPT … */
  kind: string;
  oracle: string;
  /** PostgreSQL text ('' when nothing is emitted). */
  target: string;
  /** Bind variables in $n order (dollar mode) or first-appearance order (named). */
  binds?: string[];
  findings: Finding[];
}

export interface TranslateResult {
  sql: string;
  statements: TranslatedStatement[];
  findings: Finding[];
  /** The model after this script (pass it as `context` to translate more SQL against it). */
  context: ConvertContext;
}

const DML_KINDS = new Set([
  'select',
  'insert',
  'insert-multi',
  'update',
  'delete',
  'merge',
  'transaction',
  'truncate',
  'lock',
  'call',
]);

/** Translates an Oracle script (SQL*Plus or plain SQL). Pure apart from readFile for includes. */
export function translate(sql: string, options: TranslateOptions = {}): TranslateResult {
  const file = options.file ?? 'stdin';
  const split = splitScript(sql, file, {
    defines: options.defines,
    readFile: options.readFile,
    followIncludes: !!options.inlineIncludes,
  });
  const ctx = options.context ?? new ConvertContext(options);
  const statements: TranslatedStatement[] = [];
  const out: string[] = [];
  const findings: Finding[] = [...split.findings];
  for (const item of split.items) {
    const blank = Math.min(item.blankLinesBefore, 2);
    const t = translateItem(item, ctx, options);
    if (t.target === '' && item.kind === 'sqlplus' && t.findings.length === 0) continue;
    if (out.length && blank) out.push('\n'.repeat(blank));
    out.push(t.target.endsWith('\n') ? t.target : `${t.target}\n`);
    statements.push(t);
    findings.push(...t.findings);
  }
  return { sql: out.join(''), statements, findings, context: ctx };
}

function translateItem(
  item: ScriptItem,
  ctx: ConvertContext,
  options: TranslateOptions,
): TranslatedStatement {
  // Passwords (IDENTIFIED BY …) never reach the output: neither the echoed Oracle text nor comments.
  const base = { source: item.location, oracle: redactPasswords(item.text, new Set()) };
  if (item.kind === 'comment') return { ...base, kind: 'comment', target: item.text, findings: [] };
  if (item.kind === 'sqlplus') {
    // CONNECT user/password@db: the command text is never copied anywhere.
    const oracle = item.command === 'CONNECT' ? 'CONNECT <credentials removed>' : item.text;
    return { ...base, oracle, kind: `sqlplus:${item.command}`, ...sqlplus(item, ctx, options) };
  }
  const { comments, body: rawBody } = splitLeadingComments(item.text);
  const body = redactPasswords(rawBody, new Set());
  const r = parseStatement(item.text, item.location);
  const findings = [...r.findings];
  if (!r.statement) {
    return { ...base, kind: 'error', target: comments + commentOut('could not be parsed', body), findings };
  }
  const s = r.statement;
  const t = translateStatement(s, ctx, options, findings, r.object);
  const target = t.text === undefined ? commentOut(t.why ?? 'not translated', body) : `${t.text};`;
  const res: TranslatedStatement = { ...base, kind: s.kind, target: comments + target, findings };
  if (t.binds?.length) res.binds = t.binds;
  return res;
}

interface StatementText {
  text?: string;
  why?: string;
  binds?: string[];
}

function translateStatement(
  s: Statement,
  ctx: ConvertContext,
  options: TranslateOptions,
  findings: Finding[],
  object: string | undefined,
): StatementText {
  const where = { object, location: s.loc };
  if (DML_KINDS.has(s.kind)) {
    const dml = s as DmlStatement;
    const target =
      dml.kind === 'update' || dml.kind === 'delete' || dml.kind === 'insert' ? dml.target : undefined;
    const table = target?.kind === 'table' ? ctx.findTable(target.name) : undefined;
    const ectx = ctx.exprContext(findings, where, table);
    let rewritten = rewriteDml(dml, ectx);
    // SQL*Plus variables declared by the script (VARIABLE) are read from their session settings.
    if (ctx.scriptBinds.size)
      rewritten = mapBinds(rewritten, (b) => {
        const v = ctx.scriptBinds.get(b.name.toUpperCase());
        return v ? bindRead(v) : b;
      });
    const { statement, binds } = numberBinds(rewritten, options.binds === 'dollar');
    rewritten = statement;
    if (binds.length) {
      const list =
        options.binds === 'dollar'
          ? binds.map((b, i) => `$${i + 1} = :${pgNameOf(b)}`).join(', ')
          : binds.map((b) => `:${pgNameOf(b)}`).join(', ');
      findings.push(makeFinding('OPG-DML-0009', { binds: list }, where));
    }
    if (ectx.unconvertible?.length) return { why: `not translated: ${ectx.unconvertible.join('; ')}`, binds };
    return { text: printDml(rewritten), binds };
  }
  switch (s.kind) {
    case 'drop': {
      const text = printDrop(s);
      // The script goes on without the object: a later CREATE of the name is a new object.
      const kind = DROPPED_RELATIONS[s.objectType.replace(/\s+/g, ' ').toUpperCase()];
      if (text && kind) ctx.dropRelation(s.name, kind);
      return { text };
    }
    case 'unsupported':
      if (!findings.length)
        findings.push(makeFinding('OPG-PARSE-0002', { kind: s.what }, { location: s.loc, object: s.what }));
      return { why: `${s.what} has no PostgreSQL translation` };
    default: {
      const before = { schemas: new Set(ctx.schemas), support: new Set(ctx.supportTypes) };
      const own = convertInScriptOrder(s, ctx, findings);
      // Schemas (a package's) and helper types the statement needs, created before it.
      const objects = [...contextObjects(ctx, before), ...own];
      const texts: string[] = [];
      for (const o of objects) {
        findings.push(...o.findings);
        for (const n of o.nodes) texts.push(printNode(n));
      }
      if (!texts.length) return { why: 'nothing to create on PostgreSQL' };
      // printNode ends statements with ";": the caller adds one.
      const text = texts.join('\n');
      return { text: text.endsWith(';') ? text.slice(0, -1) : text };
    }
  }
}

/** DROP statements after which the name is free for a new object (ConvertContext.dropRelation). */
const DROPPED_RELATIONS: Record<string, 'table' | 'view' | 'sequence' | 'index' | undefined> = {
  TABLE: 'table',
  VIEW: 'view',
  'MATERIALIZED VIEW': 'view',
  SEQUENCE: 'sequence',
  INDEX: 'index',
};

function printDrop(s: Extract<Statement, { kind: 'drop' }>): string | undefined {
  const name =
    (s.name.schema ? `${quoteIdent(pgNameOf(s.name.schema))}.` : '') + quoteIdent(pgNameOf(s.name.name));
  const type = s.objectType.replace(/\s+/g, ' ').toUpperCase();
  const known = [
    'TABLE',
    'VIEW',
    'SEQUENCE',
    'INDEX',
    'MATERIALIZED VIEW',
    'TYPE',
    'USER',
    'ROLE',
    'PROCEDURE',
    'FUNCTION',
  ];
  if (!known.includes(type)) return undefined;
  return `DROP ${type === 'USER' ? 'ROLE' : type} ${s.ifExists ? 'IF EXISTS ' : ''}${name}${s.cascade && type === 'TABLE' ? ' CASCADE' : ''}`;
}

/** The comments and blank lines before the first word of a statement, verbatim. */
function splitLeadingComments(text: string): { comments: string; body: string } {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('--', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (text.startsWith('/*', i) && !text.startsWith('/*+', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else break;
  }
  // Keep whole lines of comments; the statement body starts on its own line.
  const lineStart = text.lastIndexOf('\n', i - 1) + 1;
  return { comments: text.slice(0, lineStart), body: text.slice(lineStart) };
}

function commentOut(why: string, body: string): string {
  const lines = body.replace(/\s+$/, '').split('\n');
  return `-- orapg: ${why}:\n${lines.map((l) => `-- ${l}`).join('\n')}`;
}

/** SQL*Plus commands → psql meta-commands, comments, or nothing. Never echoes credentials. */
function sqlplus(
  item: SqlPlusItem,
  _ctx: ConvertContext,
  _options: TranslateOptions,
): { target: string; findings: Finding[] } {
  const args = item.args.trim();
  const upper = args.toUpperCase();
  const note = (what: string) => ({ target: `-- SQL*Plus ${what}`, findings: [] as Finding[] });
  switch (item.command) {
    case 'PROMPT':
      return { target: args ? `\\echo ${args}` : '\\echo', findings: [] };
    case 'REM':
      return { target: `--${args ? ` ${args}` : ''}`, findings: [] };
    case 'SET':
      return note(`SET ${args}`);
    case 'SPOOL':
      if (upper === 'OFF' || upper === 'OUT') return { target: '\\o', findings: [] };
      return { target: `\\o ${args.split(/\s+/)[0]}`, findings: [] };
    case 'WHENEVER':
      if (/^SQLERROR\s+(EXIT|QUIT)/.test(upper)) return { target: '\\set ON_ERROR_STOP on', findings: [] };
      if (/^SQLERROR\s+CONTINUE/.test(upper)) return { target: '\\set ON_ERROR_STOP off', findings: [] };
      return note(`WHENEVER ${args}`);
    case 'EXIT':
      return { target: '\\q', findings: [] };
    case 'HOST':
      return { target: `\\! ${args}`, findings: [] };
    case 'DESCRIBE':
      return { target: `\\d ${args.toLowerCase()}`, findings: [] };
    case 'INCLUDE': {
      const name = args.split(/\s+/)[0] ?? '';
      return {
        target: `\\ir ${/\.\w+$/.test(name) ? name : `${name}.sql`}`,
        findings: [
          makeFinding(
            'OPG-PARSE-0002',
            { kind: `@${name} (translate the included script too, or use --inline-includes)` },
            { location: item.location },
          ),
        ],
      };
    }
    case 'CONNECT':
      // The argument may hold user/password@db: never copy it.
      return {
        target: '-- SQL*Plus CONNECT (credentials removed): use \\c dbname user',
        findings: [makeFinding('OPG-PARSE-0002', { kind: 'CONNECT' }, { location: item.location })],
      };
    case 'EXEC': {
      const stmt = args.replace(/;\s*$/, '');
      const text = `CALL ${stmt}`;
      const r = parseStatement(text, item.location);
      if (r.statement?.kind !== 'call' || usesScriptBinds(r.statement, _ctx)) {
        // EXECUTE runs its argument as the body of an anonymous block (SQL*Plus User's Guide).
        const b = parseStatement(`BEGIN\n${stmt};\nEND;`, item.location);
        if (b.statement?.kind === 'plsql-unit' && b.statement.ast) {
          const findings = [...b.findings];
          const t = translateStatement(b.statement, _ctx, _options, findings, undefined);
          if (t.text !== undefined) return { target: `${t.text};`, findings };
        }
      }
      if (r.statement?.kind === 'call') {
        const findings = [...r.findings];
        const ectx = new ConvertContext(_options).exprContext(findings, { location: item.location });
        return { target: `${printDml(rewriteDml(r.statement, ectx))};`, findings };
      }
      return {
        target: commentOut('EXEC not translated', item.text),
        findings: [makeFinding('OPG-PARSE-0002', { kind: `EXEC ${args}` }, { location: item.location })],
      };
    }
    case 'VARIABLE':
      return variableCommand(item, _ctx);
    case 'PRINT': {
      const names = args ? args.split(/\s+/).map((n) => n.replace(/^:/, '').toUpperCase()) : [..._ctx.scriptBinds.keys()];
      const known = names.filter((n) => _ctx.scriptBinds.has(n));
      if (!known.length || known.length < names.length) break;
      return {
        target: known.map((n) => `SELECT ${printExpr(bindRead(_ctx.scriptBinds.get(n)!))} AS ${quoteIdent(pgNameOf(n))};`).join('\n'),
        findings: [],
      };
    }
    case 'DEFINE':
    case 'UNDEFINE':
      return note(`${item.command} ${args} (substituted by orapg)`);
  }
  switch (item.command) {
    default:
      return {
        target: `-- SQL*Plus ${item.command} ${args}`.trimEnd(),
        findings: [
          makeFinding('OPG-PARSE-0002', { kind: `SQL*Plus ${item.command}` }, { location: item.location }),
        ],
      };
  }
}

/** Whether a statement reads or passes a variable the script declared with VARIABLE. */
function usesScriptBinds(node: unknown, ctx: ConvertContext): boolean {
  if (!ctx.scriptBinds.size) return false;
  if (Array.isArray(node)) return node.some((n) => usesScriptBinds(n, ctx));
  if (!node || typeof node !== 'object') return false;
  const o = node as Record<string, unknown>;
  if (o.kind === 'bind' && !o.path && typeof o.name === 'string') return ctx.scriptBinds.has(o.name.toUpperCase());
  return Object.values(o).some((v) => usesScriptBinds(v, ctx));
}

/**
 * VARIABLE name type [= value]: the variable becomes a session setting (convert/script-binds.ts)
 * that later statements read and blocks set; VARIABLE [name] alone lists variables (nothing to do).
 */
function variableCommand(item: SqlPlusItem, ctx: ConvertContext): { target: string; findings: Finding[] } {
  const args = item.args.trim().replace(/;$/, '');
  const m = /^(:?[A-Za-z][\w$#]*)\s+([^=]+?)\s*(?:=\s*(.*))?$/.exec(args);
  const findings: Finding[] = [];
  if (!m) return { target: `-- SQL*Plus VARIABLE ${args}`.trimEnd(), findings };
  const name = m[1].replace(/^:/, '').toUpperCase();
  // The type is read by the PL/SQL grammar, as a declaration's type.
  const parsed = parseStatement(`DECLARE v ${m[2]}; BEGIN NULL; END;`, item.location);
  const ast = parsed.statement?.kind === 'plsql-unit' ? parsed.statement.ast : undefined;
  const decl = ast?.kind === 'block' ? ast.block.declarations[0] : undefined;
  const why =
    decl?.kind !== 'variable'
      ? `type ${m[2]} not understood`
      : scriptBindType(decl.type).why;
  if (decl?.kind !== 'variable' || why) {
    ctx.scriptBinds.delete(name);
    findings.push(makeFinding('OPG-PARSE-0002', { kind: `VARIABLE ${name} (${why})` }, { location: item.location }));
    return { target: `-- SQL*Plus VARIABLE ${args}`, findings };
  }
  const pgType = scriptBindType(decl.type).pgType ?? 'text';
  ctx.scriptBinds.set(name, { name, type: decl.type, pgType });
  // SQL*Plus writes the value as a literal: a quoted text or a number.
  let value = (m[3] ?? '').trim();
  if (/^'.*'$/s.test(value)) value = value.slice(1, -1).replace(/''/g, "'");
  return { target: `SET ${bindSetting(name)} = ${quoteLiteral(value)};`, findings };
}
