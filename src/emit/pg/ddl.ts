/** Prints PostgreSQL DDL nodes. One function per node kind; the switch is exhaustive. */
import type {
  PartitionBound,
  PgAlterAction,
  PgColumn,
  PgConstraint,
  PgName,
  PgNode,
  PgSequenceOptions,
  PgTable,
} from '../../ast/pg.js';
import type { Expr } from '../../ast/expr.js';
import { quoteIdent, quoteLiteral } from '../quote.js';
import { printExpr, printType } from './expr.js';
import { printQuery } from './query.js';

export function printPgName(n: PgName): string {
  return (n.schema ? `${quoteIdent(n.schema)}.` : '') + quoteIdent(n.name);
}

const cols = (names: string[]) => names.map(quoteIdent).join(', ');

export function printSeqOptions(o: PgSequenceOptions): string[] {
  const parts: string[] = [];
  if (o.increment !== undefined) parts.push(`INCREMENT BY ${o.increment}`);
  if (o.minValue === 'NONE') parts.push('NO MINVALUE');
  else if (o.minValue !== undefined) parts.push(`MINVALUE ${o.minValue}`);
  if (o.maxValue === 'NONE') parts.push('NO MAXVALUE');
  else if (o.maxValue !== undefined) parts.push(`MAXVALUE ${o.maxValue}`);
  if (o.start !== undefined) parts.push(`START WITH ${o.start}`);
  if (o.cache !== undefined) parts.push(`CACHE ${o.cache}`);
  if (o.cycle !== undefined) parts.push(o.cycle ? 'CYCLE' : 'NO CYCLE');
  return parts;
}

function printColumn(c: PgColumn): string {
  let s = `${quoteIdent(c.name)} ${printType(c.type)}`;
  if (c.identity) {
    const opts = printSeqOptions(c.identity.options);
    s += ` GENERATED ${c.identity.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`;
  } else if (c.generated) {
    s += ` GENERATED ALWAYS AS (${printExpr(c.generated)}) STORED`;
  } else if (c.default) {
    s += ` DEFAULT ${printExpr(c.default)}`;
  }
  if (c.notNull) s += ' NOT NULL';
  return s;
}

export function printConstraint(c: PgConstraint): string {
  let s = c.name ? `CONSTRAINT ${quoteIdent(c.name)} ` : '';
  switch (c.kind) {
    case 'primary-key':
      s += `PRIMARY KEY (${cols(c.columns)})`;
      break;
    case 'unique':
      s += `UNIQUE ${c.nullsNotDistinct ? 'NULLS NOT DISTINCT ' : ''}(${cols(c.columns)})`;
      break;
    case 'check':
      s += `CHECK (${printExpr(c.check!)})`;
      break;
    case 'foreign-key': {
      const r = c.references!;
      s += `FOREIGN KEY (${cols(c.columns)}) REFERENCES ${printPgName(r.table)}${r.columns.length ? ` (${cols(r.columns)})` : ''}`;
      if (r.onDelete) s += ` ON DELETE ${r.onDelete}`;
      break;
    }
  }
  if (c.deferrable) s += ` DEFERRABLE INITIALLY ${c.initiallyDeferred ? 'DEFERRED' : 'IMMEDIATE'}`;
  if (c.notValid) s += ' NOT VALID';
  return s;
}

function printBound(b: PartitionBound): string {
  const v = (x: Expr | 'MINVALUE' | 'MAXVALUE') => (typeof x === 'string' ? x : printExpr(x));
  switch (b.kind) {
    case 'range':
      return `FOR VALUES FROM (${b.from.map(v).join(', ')}) TO (${b.to.map(v).join(', ')})`;
    case 'list':
      return `FOR VALUES IN (${b.values.map(printExpr).join(', ')})`;
    case 'hash':
      return `FOR VALUES WITH (MODULUS ${b.modulus}, REMAINDER ${b.remainder})`;
    case 'default':
      return 'DEFAULT';
  }
}

function printTable(t: PgTable): string {
  const head = `CREATE ${t.temporary ? 'TEMPORARY ' : t.unlogged ? 'UNLOGGED ' : ''}TABLE ${printPgName(t.name)}`;
  let s: string;
  if (t.partitionOf) {
    s = `${head} PARTITION OF ${printPgName(t.partitionOf.parent)} ${printBound(t.partitionOf.bound)}`;
  } else if (t.asQuery) {
    // CREATE TABLE t (a, b) AS SELECT …: the column-name list renames the query's columns.
    const names = t.columns.length ? ` (${cols(t.columns.map((c) => c.name))})` : '';
    // ON COMMIT comes before AS (CREATE TEMPORARY TABLE t ON COMMIT DROP AS SELECT …).
    const onCommit = t.temporary?.onCommit === 'DROP' ? ' ON COMMIT DROP' : '';
    s = `${head}${names}${onCommit} AS ${printQuery(t.asQuery)} WITH NO DATA`;
  } else {
    const lines = t.columns.map((c) => `  ${printColumn(c)}`);
    if (t.primaryKey) lines.push(`  ${printConstraint(t.primaryKey)}`);
    s = `${head} (\n${lines.join(',\n')}\n)`;
  }
  if (t.partitionBy) s += ` PARTITION BY ${t.partitionBy.method} (${cols(t.partitionBy.columns)})`;
  if (t.temporary?.onCommit === 'DROP' && !t.asQuery) s += ' ON COMMIT DROP';
  return `${s};`;
}

function printAlterAction(a: PgAlterAction): string {
  switch (a.kind) {
    case 'add-column':
      return `ADD COLUMN ${printColumn(a.column)}`;
    case 'drop-column':
      return `DROP COLUMN ${quoteIdent(a.name)}`;
    case 'rename-column':
      return `RENAME COLUMN ${quoteIdent(a.from)} TO ${quoteIdent(a.to)}`;
    case 'rename-table':
      return `RENAME TO ${quoteIdent(a.to)}`;
    case 'rename-constraint':
      return `RENAME CONSTRAINT ${quoteIdent(a.from)} TO ${quoteIdent(a.to)}`;
    case 'set-not-null':
      return `ALTER COLUMN ${quoteIdent(a.column)} ${a.notNull ? 'SET' : 'DROP'} NOT NULL`;
    case 'set-type':
      return `ALTER COLUMN ${quoteIdent(a.column)} TYPE ${printType(a.type)}`;
    case 'set-default':
      return a.default
        ? `ALTER COLUMN ${quoteIdent(a.column)} SET DEFAULT ${printExpr(a.default)}`
        : `ALTER COLUMN ${quoteIdent(a.column)} DROP DEFAULT`;
    case 'drop-constraint':
      return `DROP CONSTRAINT ${quoteIdent(a.name)}`;
  }
}

/** Prints one node as one or more complete statements. */
export function printNode(n: PgNode): string {
  switch (n.kind) {
    case 'schema':
      return `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(n.name)};`;
    case 'role':
      // Roles are cluster-wide: create only when missing so re-runs and shared clusters work.
      return `DO $do$ BEGIN\n  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(n.name)}) THEN\n    CREATE ROLE ${quoteIdent(n.name)}${n.login ? ' LOGIN' : ''};\n  END IF;\nEND $do$;`;
    case 'table':
      return printTable(n);
    case 'index':
      return `CREATE ${n.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(n.name)} ON ${printPgName(n.table)} (${n.columns
        .map(
          (c) =>
            (c.expr.kind === 'column' ? printExpr(c.expr) : `(${printExpr(c.expr)})`) +
            (c.desc ? ' DESC' : ''),
        )
        .join(', ')})${n.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''};`;
    case 'sequence': {
      const opts = printSeqOptions(n.options);
      return `CREATE SEQUENCE ${printPgName(n.name)}${opts.length ? ` ${opts.join(' ')}` : ''};`;
    }
    case 'view': {
      const columns = n.columns ? ` (${cols(n.columns)})` : '';
      if (n.materialized)
        return `CREATE MATERIALIZED VIEW ${printPgName(n.name)}${columns} AS\n${printQuery(n.query)};`;
      return `CREATE OR REPLACE VIEW ${printPgName(n.name)}${columns} AS\n${printQuery(n.query)}${n.checkOption ? '\nWITH CHECK OPTION' : ''};`;
    }
    case 'add-constraint':
      return `ALTER TABLE ${printPgName(n.table)} ADD ${printConstraint(n.constraint)};`;
    case 'comment': {
      const target =
        n.on === 'COLUMN' ? `${printPgName(n.target)}.${quoteIdent(n.column!)}` : printPgName(n.target);
      return `COMMENT ON ${n.on} ${target} IS ${n.text === null ? 'NULL' : quoteLiteral(n.text)};`;
    }
    case 'grant': {
      const privs = n.privileges.map((p) => p.name + (p.columns ? ` (${cols(p.columns)})` : '')).join(', ');
      const grantees = n.grantees.map((g) => (g === 'PUBLIC' ? 'PUBLIC' : quoteIdent(g))).join(', ');
      if (n.objectType === 'ROLE') {
        return n.revoke
          ? `REVOKE ${privs} FROM ${grantees};`
          : `GRANT ${privs} TO ${grantees}${n.withGrantOption ? ' WITH ADMIN OPTION' : ''};`;
      }
      const on = `${n.objectType === 'TABLE' ? 'TABLE ' : n.objectType === 'SEQUENCE' ? 'SEQUENCE ' : 'ROUTINE '}${printPgName(n.on!)}`;
      return n.revoke
        ? `REVOKE ${privs} ON ${on} FROM ${grantees};`
        : `GRANT ${privs} ON ${on} TO ${grantees}${n.withGrantOption ? ' WITH GRANT OPTION' : ''};`;
    }
    case 'raw':
      return n.text;
    case 'comment-block':
      return n.text
        .split('\n')
        .map((l) => (l.trim() === '' ? '--' : `-- ${l}`))
        .join('\n');
    case 'alter-table':
      return `ALTER TABLE ${printPgName(n.table)} ${n.actions.map(printAlterAction).join(', ')};`;
  }
}
