/** Prints rewritten DML and transaction statements as PostgreSQL text (no trailing semicolon). */
import type { OraName } from '../../ast/common.js';
import type {
  DmlStatement,
  DmlTarget,
  InsertInto,
  MergeStmt,
  MultiInsertStmt,
  SetClause,
} from '../../ast/dml.js';
import type { Expr } from '../../ast/expr.js';
import type { TableRef } from '../../ast/query.js';
import { pgNameOf, quoteIdent } from '../quote.js';
import { printExpr, printName } from './expr.js';
import { printFrom, printQuery } from './query.js';

const ident = (n: OraName) => quoteIdent(pgNameOf(n));
const cols = (names: OraName[]) => `(${names.map(ident).join(', ')})`;
const hint = (h: string | undefined) => (h ? ` /* hint: ${h.replaceAll('*/', '* /')} */` : '');

function table(t: TableRef, aliasKeyword = ' AS '): string {
  const name = (t.name.schema ? `${ident(t.name.schema)}.` : '') + ident(t.name.name);
  return name + (t.alias ? `${aliasKeyword}${ident(t.alias)}` : '');
}

function target(t: DmlTarget): string {
  return t.kind === 'table' ? table(t) : printFrom(t);
}

function printSet(set: SetClause[]): string {
  return set
    .map((s) =>
      s.columns.length === 1 && s.value.kind !== 'subquery'
        ? // col, or col.attr (a field of a composite column)
          `${s.columns[0].map(ident).join('.')} = ${printExpr(s.value)}`
        : `${s.columns.length === 1 ? ident(s.columns[0][0]) : cols(s.columns.map((c) => c[0]))} = ${printExpr(s.value)}`,
    )
    .join(', ');
}

function returning(r: { exprs: Expr[]; into: Expr[] } | undefined, withInto: boolean): string {
  if (!r) return '';
  let s = ` RETURNING ${r.exprs.map(printExpr).join(', ')}`;
  if (withInto && r.into.length) s += ` INTO ${r.into.map(printExpr).join(', ')}`;
  return s;
}

export interface DmlPrintOptions {
  /** PL/pgSQL context: print RETURNING … INTO targets. */
  plpgsql?: boolean;
}

export function printDml(s: DmlStatement, opts: DmlPrintOptions = {}): string {
  const into = !!opts.plpgsql;
  switch (s.kind) {
    case 'select':
      return printQuery(s.query);
    case 'insert': {
      let out = `INSERT${hint(s.hint)} INTO ${target(s.target)}`;
      if (s.columns) out += ` ${cols(s.columns)}`;
      if (s.values)
        out += ` VALUES ${s.values.map((row) => `(${row.map(printExpr).join(', ')})`).join(', ')}`;
      else if (s.query) out += ` ${printQuery(s.query)}`;
      return out + returning(s.returning, into);
    }
    case 'insert-multi':
      return printMultiInsert(s);
    case 'update': {
      let out = `UPDATE${hint(s.hint)} ${target(s.target)} SET ${printSet(s.set)}`;
      if (s.from?.length) out += ` FROM ${s.from.map((t) => table(t, ' ')).join(', ')}`;
      if (s.currentOf) out += ` WHERE CURRENT OF ${ident(s.currentOf)}`;
      else if (s.where) out += ` WHERE ${printExpr(s.where)}`;
      return out + returning(s.returning, into);
    }
    case 'delete': {
      let out = `DELETE${hint(s.hint)} FROM ${target(s.target)}`;
      if (s.using?.length) out += ` USING ${s.using.map((t) => table(t, ' ')).join(', ')}`;
      if (s.currentOf) out += ` WHERE CURRENT OF ${ident(s.currentOf)}`;
      else if (s.where) out += ` WHERE ${printExpr(s.where)}`;
      return out + returning(s.returning, into);
    }
    case 'merge':
      return printMerge(s);
    case 'transaction':
      if (s.verb === 'SAVEPOINT') return `SAVEPOINT ${ident(s.savepoint ?? 'SP')}`;
      if (s.verb === 'ROLLBACK' && s.savepoint) return `ROLLBACK TO SAVEPOINT ${ident(s.savepoint)}`;
      return s.verb;
    case 'truncate':
      return `TRUNCATE TABLE ${table(s.table)}${s.cascade ? ' CASCADE' : ''}`;
    case 'lock':
      return `LOCK TABLE ${s.tables.map((t) => table(t)).join(', ')} IN ${s.mode} MODE${s.nowait ? ' NOWAIT' : ''}`;
    case 'call':
      if (s.into) return `SELECT ${printExpr(s.call)}`;
      return `CALL ${printName(s.call.name)}(${s.call.args
        .map((a) => (a.name ? `${ident(a.name)} => ${printExpr(a.value)}` : printExpr(a.value)))
        .join(', ')})`;
  }
}

/**
 * INSERT ALL / FIRST → one statement: the source rows in a MATERIALIZED CTE, one data-modifying
 * CTE per INTO clause. FIRST numbers the first matching WHEN per row (CASE stops at the first
 * true condition), which is exactly Oracle's rule; ELSE takes the rows no WHEN matched.
 */
function printMultiInsert(s: MultiInsertStmt): string {
  const src = 'opg_src';
  const isTrue = (e: Expr) => `(${printExpr(e)}) IS TRUE`;
  const conds = s.branches.map((b) => (b.when ? isTrue(b.when) : undefined));
  const noneBefore = (k: number) => {
    const earlier = conds.slice(0, k).filter((c): c is string => !!c);
    return earlier.length ? `NOT (${earlier.join(' OR ')})` : undefined;
  };
  const insertOf = (i: InsertInto, where: string | undefined) => {
    const values = i.values ? i.values.map(printExpr).join(', ') : '*';
    const colList = i.columns ? ` ${cols(i.columns)}` : '';
    return `INSERT INTO ${table(i.target)}${colList} SELECT ${values} FROM ${src}${where ? ` WHERE ${where}` : ''}`;
  };
  const inserts: string[] = [];
  s.branches.forEach((b, k) => {
    const parts = [conds[k], s.mode === 'FIRST' ? noneBefore(k) : undefined].filter((c): c is string => !!c);
    for (const i of b.into) inserts.push(insertOf(i, parts.length ? parts.join(' AND ') : undefined));
  });
  for (const i of s.else ?? []) inserts.push(insertOf(i, noneBefore(s.branches.length)));
  const last = inserts.pop()!;
  const ctes = [`${src} AS MATERIALIZED (${printQuery(s.query)})`];
  inserts.forEach((ins, n) => ctes.push(`opg_ins${n + 1} AS (${ins})`));
  return `WITH ${ctes.join(', ')} ${last}`;
}

function printMerge(s: MergeStmt): string {
  let using = printFrom(s.using);
  if (s.using.kind === 'table' && !s.using.alias) using = table(s.using);
  let out = `MERGE${hint(s.hint)} INTO ${table(s.target)} USING ${using} ON ${printExpr(s.on)}`;
  if (s.matched) {
    const cond = s.matched.where ? ` AND ${printExpr(s.matched.where)}` : '';
    if (s.matched.deleteWhere)
      out += ` WHEN MATCHED${cond} AND (${printExpr(s.matched.deleteWhere)}) THEN DELETE`;
    out += ` WHEN MATCHED${cond} THEN UPDATE SET ${printSet(s.matched.set)}`;
  }
  if (s.notMatched) {
    const cond = s.notMatched.where ? ` AND ${printExpr(s.notMatched.where)}` : '';
    const colList = s.notMatched.columns ? ` ${cols(s.notMatched.columns)}` : '';
    out += ` WHEN NOT MATCHED${cond} THEN INSERT${colList} VALUES (${s.notMatched.values.map(printExpr).join(', ')})`;
  }
  return out;
}
