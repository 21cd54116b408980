/**
 * The one place where identifiers and literals are quoted for PostgreSQL.
 * Keyword list: pg_get_keywords() of PostgreSQL 15 (categories reserved, type/function name and
 * column name — every keyword that is not "unreserved" must be quoted to be used as a name,
 * which is what quote_ident() does).
 */
import { createHash } from 'node:crypto';
import type { OraName } from '../ast/common.js';

const PG_NON_UNRESERVED = new Set([
  'all',
  'analyse',
  'analyze',
  'and',
  'any',
  'array',
  'as',
  'asc',
  'asymmetric',
  'authorization',
  'between',
  'bigint',
  'binary',
  'bit',
  'boolean',
  'both',
  'case',
  'cast',
  'char',
  'character',
  'check',
  'coalesce',
  'collate',
  'collation',
  'column',
  'concurrently',
  'constraint',
  'create',
  'cross',
  'current_catalog',
  'current_date',
  'current_role',
  'current_schema',
  'current_time',
  'current_timestamp',
  'current_user',
  'dec',
  'decimal',
  'default',
  'deferrable',
  'desc',
  'distinct',
  'do',
  'else',
  'end',
  'except',
  'exists',
  'extract',
  'false',
  'fetch',
  'float',
  'for',
  'foreign',
  'freeze',
  'from',
  'full',
  'grant',
  'greatest',
  'group',
  'grouping',
  'having',
  'ilike',
  'in',
  'initially',
  'inner',
  'inout',
  'int',
  'integer',
  'intersect',
  'interval',
  'into',
  'is',
  'isnull',
  'join',
  'lateral',
  'leading',
  'least',
  'left',
  'like',
  'limit',
  'localtime',
  'localtimestamp',
  'national',
  'natural',
  'nchar',
  'none',
  'normalize',
  'not',
  'notnull',
  'null',
  'nullif',
  'numeric',
  'offset',
  'on',
  'only',
  'or',
  'order',
  'out',
  'outer',
  'overlaps',
  'overlay',
  'placing',
  'position',
  'precision',
  'primary',
  'real',
  'references',
  'returning',
  'right',
  'row',
  'select',
  'session_user',
  'setof',
  'similar',
  'smallint',
  'some',
  'substring',
  'symmetric',
  'table',
  'tablesample',
  'then',
  'time',
  'timestamp',
  'to',
  'trailing',
  'treat',
  'trim',
  'true',
  'union',
  'unique',
  'user',
  'using',
  'values',
  'varchar',
  'variadic',
  'verbose',
  'when',
  'where',
  'window',
  'with',
  'xmlattributes',
  'xmlconcat',
  'xmlelement',
  'xmlexists',
  'xmlforest',
  'xmlnamespaces',
  'xmlparse',
  'xmlpi',
  'xmlroot',
  'xmlserialize',
  'xmltable',
]);

const SIMPLE = /^[a-z_][a-z0-9_$]*$/;

/** Quotes a final PostgreSQL identifier when needed (like quote_ident). */
export function quoteIdent(name: string): string {
  if (SIMPLE.test(name) && !PG_NON_UNRESERVED.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** String literal: standard_conforming_strings is on in every supported PostgreSQL, so only quotes double. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export const PG_MAX_IDENT_BYTES = 63;

/**
 * Oracle catalog name → PostgreSQL name. Unquoted Oracle names (stored upper case) become lower
 * case so they can be used unquoted; anything else keeps its exact spelling (and will be quoted).
 */
export function pgNameOf(ora: OraName): string {
  if (/^[A-Z_][A-Z0-9_$#]*$/.test(ora)) return ora.toLowerCase();
  return ora;
}

/** Shortens a name longer than 63 bytes deterministically: prefix + "_" + 8 hex digits of its hash. */
export function shortenIdent(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= PG_MAX_IDENT_BYTES) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  let prefix = name;
  while (Buffer.byteLength(prefix, 'utf8') > PG_MAX_IDENT_BYTES - 9)
    prefix = Array.from(prefix).slice(0, -1).join('');
  return `${prefix}_${hash}`;
}
