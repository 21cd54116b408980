/**
 * Administrative and maintenance statements (ddl-admin.ts): what PostgreSQL has is converted
 * (renames, ALTER TYPE attributes, trigger enable/disable), the rest is reported with what to do
 * instead. Schema conversion applies the changes to the model where it can (end state); what it
 * cannot place is emitted as an ALTER statement at its place in the phase.
 */
import type { QualifiedName } from '../ast/common.js';
import type { AdminStmt, Statement } from '../ast/ddl.js';
import type { PgObject, Phase } from '../ast/pg.js';
import { printPgName } from '../emit/pg/ddl.js';
import { printType } from '../emit/pg/expr.js';
import { quoteIdent } from '../emit/quote.js';
import { makeFinding } from '../findings/make.js';
import type { Finding } from '../findings/types.js';
import { mapType } from '../rules/types.js';
import { ConvertContext } from './context.js';

const CODE_KINDS = new Set([
  'FUNCTION',
  'PROCEDURE',
  'PACKAGE',
  'TYPE',
  'TRIGGER',
  'VIEW',
  'MATERIALIZED',
  'LIBRARY',
  'OPERATOR',
  'JAVA',
  'INDEXTYPE',
  'DIMENSION',
  'SYNONYM',
]);

/** Advice for statements with nothing to convert (OPG-ADMIN-0001, info). */
const NOTHING_TO_DO: [test: (s: AdminStmt) => boolean, advice: string][] = [
  [
    (s) => s.what.startsWith('ALTER') && isCodeKind(s) && hasAny(s, ['COMPILE', 'EDITIONABLE', 'NONEDITIONABLE']),
    'recompilation and editioning have no PostgreSQL counterpart; objects are valid once created',
  ],
  [
    (s) => s.what === 'ALTER INDEX' && !hasAny(s, ['UNUSABLE', 'INVISIBLE']),
    'index maintenance (REBUILD, COALESCE, SHRINK SPACE, storage, parallel, monitoring) has no effect on the converted schema; on PostgreSQL use REINDEX INDEX CONCURRENTLY or VACUUM when needed',
  ],
  [
    (s) => s.what.startsWith('ANALYZE'),
    'statistics gathering: run ANALYZE on PostgreSQL after the data load (orapg dms post-load does)',
  ],
  [
    (s) => /\bSTATISTICS\b/.test(s.what),
    'optimizer statistics associations (cost / selectivity functions) have no PostgreSQL counterpart; PostgreSQL plans from its own statistics (CREATE STATISTICS for correlated columns)',
  ],
  [
    (s) => /ROLLBACK SEGMENT|TABLESPACE|DISKGROUP|OUTLINE|LOCKDOWN|SPFILE|PFILE|CONTROLFILE|RESTORE POINT|EDITION|PLUGGABLE|ALTER DATABASE|RESOURCE|CLUSTER$|ALTER CLUSTER|PURGE/.test(s.what),
    'physical or instance administration; configure the PostgreSQL server (tablespaces, WAL, autovacuum, backups) separately',
  ],
  [
    (s) => /HIERARCHY|ATTRIBUTE DIMENSION|ANALYTIC VIEW|DIMENSION/.test(s.what),
    'analytic-view metadata has no PostgreSQL counterpart; the base tables and views are converted',
  ],
];

/** Advice for statements that need a manual PostgreSQL equivalent (OPG-ADMIN-0002, warning). */
const MANUAL: [test: (s: AdminStmt) => boolean, advice: string][] = [
  [
    (s) => s.what === 'ALTER INDEX' && hasAny(s, ['UNUSABLE']),
    'an UNUSABLE index is not maintained by Oracle; drop the index on PostgreSQL or recreate it when it is rebuilt',
  ],
  [
    (s) => s.what === 'ALTER INDEX' && hasAny(s, ['INVISIBLE']),
    'PostgreSQL has no invisible indexes; drop the index, or test it with the hypopg extension',
  ],
  [
    (s) => s.what.startsWith('FLASHBACK'),
    'PostgreSQL has no flashback; restore from a backup / point-in-time recovery, or keep history tables',
  ],
  [
    (s) => s.what.startsWith('CREATE') && s.what.includes('CONTEXT'),
    'application contexts: keep the attributes in custom settings (set_config(\'<context>.<attr>\', value, false) / current_setting(\'<context>.<attr>\', true)) set by the package that was trusted to set them',
  ],
  [
    (s) => s.what.includes('DATABASE LINK'),
    'database links: CREATE EXTENSION postgres_fdw; CREATE SERVER … OPTIONS (host, dbname); CREATE USER MAPPING; IMPORT FOREIGN SCHEMA (or oracle_fdw for a link back to Oracle)',
  ],
  [
    (s) => s.what.includes('DIRECTORY'),
    'directories: PostgreSQL has no directory objects; read and write server files with COPY / pg_read_file (superuser or pg_read_server_files), or move file handling to the application',
  ],
  [
    (s) => s.what.includes('MATERIALIZED VIEW LOG'),
    'PostgreSQL has no materialized view logs (no fast refresh); refresh with REFRESH MATERIALIZED VIEW [CONCURRENTLY], or maintain a summary table with triggers',
  ],
  [
    (s) => s.what.startsWith('TRUNCATE'),
    'clusters are not converted (their tables are ordinary tables); truncate each table of the cluster with TRUNCATE TABLE',
  ],
  [
    (s) => s.what.startsWith('AUDIT') || s.what.startsWith('NOAUDIT') || s.what.includes('AUDIT POLICY'),
    'auditing: use the pgaudit extension (pgaudit.log / object auditing with a role), or triggers writing an audit table',
  ],
  [
    (s) => s.what.includes('LIBRARY') || s.what.includes('JAVA'),
    'external C libraries and Java stored code have no PostgreSQL counterpart; rewrite the callers in PL/pgSQL or as a C extension',
  ],
  [
    (s) => s.what.includes('OPERATOR') || s.what.includes('INDEXTYPE'),
    'user-defined operators and index types: recreate with CREATE OPERATOR / an operator class over the converted functions',
  ],
  [
    (s) => s.what.includes('PROFILE') || s.what.includes('ROLE') || s.what.startsWith('ALTER SYNONYM'),
    'password profiles and role changes: set the equivalent role options (VALID UNTIL, CONNECTION LIMIT, passwordcheck) by hand',
  ],
];

function hasAny(s: AdminStmt, words: string[]): boolean {
  return words.some((w) => s.words.includes(w) || s.what.split(' ').includes(w));
}

function isCodeKind(s: AdminStmt): boolean {
  return s.what.split(' ').some((w) => CODE_KINDS.has(w));
}

function label(s: AdminStmt): string {
  const n = s.name ? ` ${s.name.schema ? `${s.name.schema}.` : ''}${s.name.name}` : '';
  return `${s.what}${n}`;
}

/**
 * Schema conversion (end state): applies ALTER TYPE attribute changes to a type created in the
 * sources, ALTER TRIGGER ENABLE/DISABLE to a trigger created in the sources, and renames of
 * sources objects. Returns false when the statement must still be converted on its own.
 */
export function mergeAdmin(s: AdminStmt, kept: Statement[], ctx: ConvertContext, findings: Finding[]): boolean {
  if (!s.name) return false;
  const key = ConvertContext.key(s.name);
  const sameName = (q: QualifiedName) => ConvertContext.key(q) === key;
  if (s.what === 'RENAME' && s.renameTo) {
    // Like ALTER TABLE … RENAME TO: the object created by the sources takes its new name.
    const to = s.renameTo;
    const renamed = kept.find(
      (k) => (k.kind === 'create-table' || k.kind === 'create-view' || k.kind === 'create-sequence') && sameName(k.name),
    );
    if (!renamed || (renamed.kind !== 'create-table' && renamed.kind !== 'create-view' && renamed.kind !== 'create-sequence'))
      return false;
    renamed.name = { ...renamed.name, name: to };
    const newKey = ConvertContext.key(renamed.name);
    if (renamed.kind === 'create-table') ctx.tables.set(newKey, renamed);
    else if (renamed.kind === 'create-view') ctx.views.set(newKey, renamed);
    else ctx.sequences.add(newKey);
    return true;
  }
  if (s.what === 'ALTER TYPE' && s.attributes?.length && !s.renameTo) {
    const unit = kept.find(
      (k) =>
        k.kind === 'plsql-unit' && k.ast?.kind === 'type' && k.ast.def.kind === 'object' && sameName(k.ast.name),
    );
    if (!unit || unit.kind !== 'plsql-unit' || unit.ast?.kind !== 'type' || unit.ast.def.kind !== 'object') return false;
    const attrs = unit.ast.def.attributes;
    for (const change of s.attributes) {
      const i = attrs.findIndex((a) => a.name === change.name);
      if (change.op === 'ADD' && change.type) {
        if (i < 0) attrs.push({ name: change.name, type: change.type });
      } else if (change.op === 'MODIFY' && change.type && i >= 0) attrs[i] = { name: change.name, type: change.type };
      else if (change.op === 'DROP' && i >= 0) attrs.splice(i, 1);
    }
    findings.push(
      makeFinding(
        'OPG-ADMIN-0001',
        { statement: label(s), advice: 'the attribute changes are applied to the converted type' },
        { location: s.loc, object: label(s) },
      ),
    );
    return true;
  }
  if (s.what === 'ALTER TRIGGER' && !s.renameTo && hasAny(s, ['ENABLE', 'DISABLE'])) {
    const unit = kept.find((k) => k.kind === 'plsql-unit' && k.ast?.kind === 'trigger' && sameName(k.ast.trigger.name));
    if (!unit || unit.kind !== 'plsql-unit' || unit.ast?.kind !== 'trigger') return false;
    unit.ast.trigger.enabled = s.words.includes('ENABLE');
    return true;
  }
  return false;
}

/** Converts an administrative statement on its own (translate, or objects the sources do not create). */
export function convertAdmin(s: AdminStmt, ctx: ConvertContext): PgObject[] {
  const object = label(s);
  const where = { object, location: s.loc };
  const findings: Finding[] = [];
  const obj = (phase: Phase, objectType: string, text: string): PgObject[] => [
    { phase, object, objectType, nodes: [{ kind: 'raw', text: `${text};` }], findings, location: s.loc },
  ];
  // Names are resolved only for statements that emit SQL (resolving registers the schema).
  let resolved: string | undefined;
  const pgName = () => {
    resolved ??= s.name ? printPgName(ctx.pgName(s.name, findings, where)) : '';
    return resolved;
  };
  const newName = s.renameTo ? quoteIdent(ctx.ident(s.renameTo, findings, where)) : '';

  if (s.what === 'RENAME' && s.name && s.renameTo) {
    const kind = ctx.findTable(s.name)
      ? 'TABLE'
      : ctx.views.has(ConvertContext.key(s.name))
        ? 'VIEW'
        : ctx.sequences.has(ConvertContext.key(s.name))
          ? 'SEQUENCE'
          : undefined;
    if (!kind) findings.push(makeFinding('OPG-ADMIN-0003', { name: s.name.name }, where));
    // Schema conversion creates indexes, constraints and triggers under the old name in post-data:
    // the rename runs after them (translate runs it in place).
    return obj('post-data', kind ?? 'TABLE', `ALTER ${kind ?? 'TABLE'} ${pgName()} RENAME TO ${newName}`);
  }
  if (s.renameTo && s.name && ['ALTER INDEX', 'ALTER TRIGGER', 'ALTER TYPE', 'ALTER VIEW', 'ALTER SEQUENCE', 'ALTER MATERIALIZED VIEW'].includes(s.what)) {
    const kind = s.what.slice('ALTER '.length);
    if (kind === 'TRIGGER') {
      findings.push(
        makeFinding(
          'OPG-ADMIN-0002',
          { statement: object, advice: `PostgreSQL renames a trigger on its table: ALTER TRIGGER ${pgName()} ON <table> RENAME TO ${newName}` },
          where,
        ),
      );
      return [];
    }
    const phase: Phase = kind === 'INDEX' ? 'post-data' : kind === 'TYPE' ? 'pre-data' : 'code';
    return obj(phase, kind, `ALTER ${kind} ${pgName()} RENAME TO ${newName}`);
  }
  if (s.what === 'ALTER TYPE' && s.attributes?.length && s.name) {
    const actions = s.attributes.map((a) => {
      const attr = quoteIdent(ctx.ident(a.name, findings, where));
      if (a.op === 'DROP') return `DROP ATTRIBUTE ${attr}`;
      const type = a.type
        ? printType(mapType(a.type, { column: `${s.name?.name}.${a.name}`, object, location: s.loc, findings, support: ctx.supportTypes }))
        : 'text';
      return a.op === 'ADD' ? `ADD ATTRIBUTE ${attr} ${type}` : `ALTER ATTRIBUTE ${attr} TYPE ${type}`;
    });
    const cascade = s.words.includes('CASCADE') ? ' CASCADE' : '';
    return obj('pre-data', 'TYPE', `ALTER TYPE ${pgName()} ${actions.join(', ')}${cascade}`);
  }
  if (s.what === 'ALTER TRIGGER' && hasAny(s, ['ENABLE', 'DISABLE'])) {
    const verb = s.words.includes('ENABLE') ? 'ENABLE' : 'DISABLE';
    findings.push(
      makeFinding(
        'OPG-ADMIN-0002',
        { statement: object, advice: `PostgreSQL enables and disables triggers on their table: ALTER TABLE <table> ${verb} TRIGGER ${pgName()}` },
        where,
      ),
    );
    return [];
  }
  const nothing = NOTHING_TO_DO.find(([test]) => test(s))?.[1];
  if (nothing) findings.push(makeFinding('OPG-ADMIN-0001', { statement: object, advice: nothing }, where));
  else {
    const advice =
      MANUAL.find(([test]) => test(s))?.[1] ??
      'no PostgreSQL counterpart is known to orapg; decide whether the target needs an equivalent';
    findings.push(makeFinding('OPG-ADMIN-0002', { statement: object, advice }, where));
  }
  return [{ phase: 'pre-data', object, objectType: 'ADMIN', nodes: [], findings, location: s.loc }];
}
