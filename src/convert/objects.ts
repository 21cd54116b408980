/** Indexes, sequences, views, synonyms, comments, grants, users, roles and PL/SQL units. */
import { printNode, printPgName, printSeqOptions as printSequenceOptions } from '../emit/pg/ddl.js';
import { printExpr, printType } from '../emit/pg/expr.js';
import { mapType } from '../rules/types.js';
import type {
  CommentOn,
  CreateIndex,
  CreateSequence,
  CreateSynonym,
  CreateUser,
  AlterSequence,
  CreateView,
  GrantStmt,
  PlsqlUnit,
  RevokeStmt,
} from '../ast/ddl.js';
import type { Expr } from '../ast/expr.js';
import type { PgGrant, PgNode, PgObject } from '../ast/pg.js';
import { pgNameOf, quoteIdent, quoteLiteral } from '../emit/quote.js';
import { makeFinding } from '../findings/make.js';
import type { Finding } from '../findings/types.js';
import { rewriteExpr, rewriteQuery } from '../rules/expressions.js';
import { ConvertContext, objectLabel } from './context.js';
import { convertSequenceOptions } from './tables.js';
import { isImmutable } from './virtual-columns.js';

export function convertIndex(s: CreateIndex, ctx: ConvertContext): PgObject[] {
  const object = objectLabel('INDEX', s.name);
  const where = { object, location: s.loc };
  const findings: Finding[] = [];
  const tableQ = s.table.schema || !s.name.schema ? s.table : { ...s.table, schema: s.name.schema };
  const oraTable = ctx.findTable(tableQ);
  // The table's name at the end of the script (a later ALTER TABLE … RENAME TO / RENAME renames it).
  const table = ctx.pgName(oraTable ? { ...tableQ, name: oraTable.name.name } : tableQ, findings, where);
  // A unique index on exactly the columns of a PK/UK constraint is created by the constraint itself.
  if (oraTable && s.columns.every((c) => c.expr.kind === 'column' && c.expr.parts.length === 1)) {
    const cols = s.columns.map((c) => (c.expr.kind === 'column' ? c.expr.parts[0] : '')).join(',');
    const cons = [...oraTable.columns.flatMap((c) => c.constraints), ...oraTable.constraints].find(
      (c) =>
        (c.kind === 'primary-key' || c.kind === 'unique') && c.state.enabled && c.columns.join(',') === cols,
    );
    if (cons) {
      findings.push(makeFinding('OPG-INDEX-0005', { object, constraint: cons.name ?? cons.kind }, where));
      return [{ phase: 'post-data', object, objectType: 'INDEX', nodes: [], findings, location: s.loc }];
    }
  }
  const name = ctx.claimRelation(
    table.schema,
    ctx.ident(s.name.name, findings, where),
    'Index',
    findings,
    where,
    table.name,
  );
  const ectx = ctx.exprContext(findings, where, oraTable);
  if (s.bitmap) findings.push(makeFinding('OPG-INDEX-0001', { object }, where));
  if (s.reverse) findings.push(makeFinding('OPG-INDEX-0002', { object }, where));
  const dropped = s.dropped.filter((w) => w !== 'REVERSE');
  if (dropped.length)
    findings.push(makeFinding('OPG-INDEX-0003', { object, clauses: dropped.join(', ') }, where));
  // A column renamed for a case collision (OPG-NAME-0003) is indexed under its new name.
  const renamed = oraTable ? ctx.columnNames(oraTable) : undefined;
  const columns = s.columns.map((c) => {
    const target =
      renamed && c.expr.kind === 'column' && c.expr.parts.length === 1 ? renamed.get(c.expr.parts[0]) : undefined;
    const source: Expr =
      target && c.expr.kind === 'column' && target !== pgNameOf(c.expr.parts[0]) ? { kind: 'column', parts: [target] } : c.expr;
    const expr = rewriteExpr(source, ectx);
    return c.desc ? { expr, desc: true } : { expr };
  });
  // Composite unique index: Oracle's NULL rule (see the UNIQUE constraint case in tables.ts).
  let nullsNotDistinct = false;
  if (s.unique && s.columns.length > 1 && oraTable) {
    const notNull = new Set([
      ...oraTable.columns.filter((c) => c.constraints.some((k) => k.kind === 'not-null' || k.kind === 'primary-key')).map((c) => c.name),
      ...oraTable.constraints.filter((k) => k.kind === 'primary-key').flatMap((k) => k.columns),
    ]);
    const keyCols = s.columns.map((c) => (c.expr.kind === 'column' ? c.expr.parts[c.expr.parts.length - 1] : undefined));
    const nullable = keyCols.filter((c) => !c || !notNull.has(c));
    if (nullable.length && nullable.length < keyCols.length) nullsNotDistinct = true;
    else if (nullable.length)
      findings.push(
        makeFinding('OPG-CONS-0008', { constraint: `unique index ${s.name.name}`, columns: nullable.map((c) => c ?? '(expression)').join(', ') }, where),
      );
  }
  const node: PgNode = { kind: 'index', name, table, unique: s.unique, columns, ...(nullsNotDistinct ? { nullsNotDistinct } : {}) };
  // PostgreSQL requires IMMUTABLE index expressions; Oracle accepts deterministic built-ins such as
  // TO_CHAR(d, 'YYYY') (virtual-columns.ts decides, conservatively). Such an index cannot be created.
  const typeOf = (n: string) => {
    const c = oraTable?.columns.find((x) => x.name === n);
    return c?.type ? printType(mapType(c.type, { column: n, object, findings: [], support: ctx.supportTypes })) : undefined;
  };
  const mutable = columns.filter((c) => c.expr.kind !== 'column' && !isImmutable(c.expr, typeOf));
  if (mutable.length) {
    findings.push(
      makeFinding(
        s.unique ? 'OPG-INDEX-0007' : 'OPG-INDEX-0006',
        { object, expressions: mutable.map((c) => printExpr(c.expr)).join(', ') },
        where,
      ),
    );
    return [{ phase: 'post-data', object, objectType: 'INDEX', nodes: [{ kind: 'comment-block', text: printNode(node) }], findings, location: s.loc }];
  }
  return [
    {
      phase: 'post-data',
      object,
      objectType: 'INDEX',
      nodes: [node],
      findings,
      location: s.loc,
    },
  ];
}

export function convertSequence(s: CreateSequence, ctx: ConvertContext): PgObject[] {
  const object = objectLabel('SEQUENCE', s.name);
  const where = { object, location: s.loc };
  const findings: Finding[] = [];
  const name = ctx.pgName(s.name, findings, where);
  name.name = ctx.claimRelation(name.schema, name.name, 'Sequence', findings, where);
  const options = convertSequenceOptions(s.options, findings, where);
  return [
    {
      phase: 'pre-data',
      object,
      objectType: 'SEQUENCE',
      nodes: [{ kind: 'sequence', name, options }],
      findings,
      location: s.loc,
    },
  ];
}

/** ALTER SEQUENCE on a sequence the sources do not create (or in script order). */
export function convertAlterSequence(s: AlterSequence, ctx: ConvertContext): PgObject[] {
  const object = objectLabel('ALTER SEQUENCE', s.name);
  const where = { object, location: s.loc };
  const findings: Finding[] = [];
  const name = ctx.pgName(s.name, findings, where);
  const options = printSequenceOptions(convertSequenceOptions(s.options, findings, where));
  if (!options.length) return [];
  return [
    {
      phase: 'pre-data',
      object,
      objectType: 'SEQUENCE',
      nodes: [{ kind: 'raw', text: `ALTER SEQUENCE ${printPgName(name)} ${options.join(' ')};` }],
      findings,
      location: s.loc,
    },
  ];
}

export function convertView(v: CreateView, ctx: ConvertContext): PgObject[] {
  const object = objectLabel(v.materialized ? 'MATERIALIZED VIEW' : 'VIEW', v.name);
  const where = { object, location: v.loc };
  const findings: Finding[] = [];
  const name = ctx.pgName(v.name, findings, where);
  name.name = ctx.claimRelation(name.schema, name.name, 'View', findings, where);
  const ectx = ctx.exprContext(findings, where);
  const query = rewriteQuery(v.query, ectx);
  const dependsOn = referencedRelations(query, ctx);
  if (ectx.unconvertible?.length) {
    findings.push(
      makeFinding('OPG-VIEW-0002', { object, detail: [...new Set(ectx.unconvertible)].join('; ') }, where),
    );
    ctx.notCreated.add(ConvertContext.key(v.name));
    return [
      {
        phase: 'code',
        object,
        objectType: 'VIEW',
        nodes: [
          { kind: 'comment-block', text: `NOT CONVERTED (see findings): ${object}\n${v.source ?? ''}` },
        ],
        findings,
        location: v.loc,
      },
    ];
  }
  if (v.readOnly)
    findings.push(
      makeFinding('OPG-VIEW-0001', { object, detail: 'WITH READ ONLY has no PostgreSQL equivalent' }, where),
    );
  if (v.materialized)
    findings.push(
      makeFinding(
        'OPG-VIEW-0001',
        {
          object,
          detail:
            'materialized view is created empty; run REFRESH MATERIALIZED VIEW after the data load and schedule refreshes (no ON COMMIT refresh)',
        },
        where,
      ),
    );
  const node: PgNode = { kind: 'view', name, query };
  if (v.columns) node.columns = v.columns.map((c) => ctx.ident(c, findings, where));
  if (v.checkOption) node.checkOption = true;
  if (v.materialized) node.materialized = true;
  return [
    {
      phase: 'code',
      object,
      objectType: v.materialized ? 'MATERIALIZED VIEW' : 'VIEW',
      nodes: [node],
      findings,
      location: v.loc,
      defines: `${name.schema ?? ''}.${name.name}`,
      dependsOn,
    },
  ];
}

/** Relations a query reads (PostgreSQL qualified keys), for ordering views. */
function referencedRelations(q: unknown, ctx: ConvertContext): string[] {
  const out = new Set<string>();
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    const o = n as Record<string, unknown>;
    if (o.kind === 'table' && o.name && typeof o.name === 'object') {
      const q = o.name as { schema?: string; name: string };
      out.add(`${q.schema ?? ''}.${pgNameOf(q.name)}`);
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(q);
  void ctx;
  return [...out];
}

export function convertSynonym(s: CreateSynonym, ctx: ConvertContext): PgObject[] {
  const object = objectLabel(s.public ? 'PUBLIC SYNONYM' : 'SYNONYM', s.name);
  const where = { object, location: s.loc };
  const findings: Finding[] = [];
  const target = `${s.target.schema ? `${s.target.schema}.` : ''}${s.target.name}${s.target.dblink ? `@${s.target.dblink}` : ''}`;
  if (s.target.dblink) {
    findings.push(
      makeFinding('OPG-SYN-0002', { object, target, detail: 'it points at a database link' }, where),
    );
    return [{ phase: 'code', object, objectType: 'SYNONYM', nodes: [], findings, location: s.loc }];
  }
  const kind = ctx.isRelation(s.target);
  if (ctx.notCreated.has(ConvertContext.key(s.target))) return [skippedFor(object, s.target.name, s.loc)];
  const resolved = ctx.packages.has(s.target.name) ? 'package' : ctx.sequences.has(ConvertContext.key(s.target)) ? 'sequence' : ctx.routines.has(s.target.name) ? 'routine' : undefined;
  if (kind !== 'table' && kind !== 'view' && resolved) {
    // Nothing to create: the converted code names the target itself (PlContext.packageMember,
    // ExprContext.sequenceSynonym).
    findings.push(makeFinding('OPG-SYN-0003', { object, target, kind: resolved }, where));
    return [{ phase: 'code', object, objectType: 'SYNONYM', nodes: [], findings, location: s.loc }];
  }
  if (kind !== 'table' && kind !== 'view') {
    findings.push(
      makeFinding(
        'OPG-SYN-0002',
        { object, target, detail: 'the target is not a table or view in the converted sources' },
        where,
      ),
    );
    return [{ phase: 'code', object, objectType: 'SYNONYM', nodes: [], findings, location: s.loc }];
  }
  const name = s.public
    ? { schema: 'public', name: ctx.ident(s.name.name, findings, where) }
    : ctx.pgName(s.name, findings, where);
  name.name = ctx.claimRelation(name.schema, name.name, 'Synonym view', findings, where);
  findings.push(makeFinding('OPG-SYN-0001', { object, target }, where));
  const query = rewriteQuery(
    { kind: 'select', items: [{ expr: { kind: 'star' } }], from: [{ kind: 'table', name: s.target }] },
    ctx.exprContext(findings, where),
  );
  return [
    {
      phase: 'code',
      object,
      objectType: 'SYNONYM',
      nodes: [{ kind: 'view', name, query }],
      findings,
      location: s.loc,
      defines: `${name.schema ?? ''}.${name.name}`,
      dependsOn: referencedRelations(query, ctx),
    },
  ];
}

export function convertComment(c: CommentOn, ctx: ConvertContext): PgObject[] {
  const object = `COMMENT ON ${c.target} ${c.table.schema ? `${c.table.schema}.` : ''}${c.table.name}${c.column ? `.${c.column}` : ''}`;
  const where = { object, location: c.loc };
  const findings: Finding[] = [];
  const isView = ctx.views.has(ConvertContext.key(c.table)) || ctx.isRelation(c.table) === 'view';
  if (ctx.notCreated.has(ConvertContext.key(c.table))) return [skippedFor(object, c.table.name, c.loc)];
  const on =
    c.target === 'COLUMN'
      ? 'COLUMN'
      : isView
        ? c.target === 'MATERIALIZED VIEW'
          ? 'MATERIALIZED VIEW'
          : 'VIEW'
        : 'TABLE';
  const node: PgNode = { kind: 'comment', on, target: ctx.pgName(c.table, findings, where), text: c.text };
  if (c.column) node.column = ctx.columnIdent(c.table, c.column, findings, where);
  return [
    {
      phase: isView ? 'code' : 'pre-data',
      object,
      objectType: 'COMMENT',
      nodes: [node],
      findings,
      location: c.loc,
    },
  ];
}

const TABLE_PRIVS = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'REFERENCES',
  'TRUNCATE',
  'ALL',
  'ALL PRIVILEGES',
]);

export function convertGrant(g: GrantStmt | RevokeStmt, ctx: ConvertContext): PgObject[] {
  const revoke = g.kind === 'revoke';
  const object = `${revoke ? 'REVOKE' : 'GRANT'} ${g.privileges.map((p) => p.name).join(', ')}${g.on ? ` ON ${g.on.schema ? `${g.on.schema}.` : ''}${g.on.name}` : ''}`;
  const where = { object, location: g.loc };
  const findings: Finding[] = [];
  const grantees = g.grantees.map((x) => (x === 'PUBLIC' ? 'PUBLIC' : ctx.ident(x, findings, where)));
  const nodes: PgNode[] = [];
  const withGrantOption = g.kind === 'grant' && g.withGrantOption;
  if (g.on && ctx.notCreated.has(ConvertContext.key(g.on))) return [skippedFor(object, g.on.name, g.loc)];
  if (g.on) {
    const kind = ctx.isRelation(g.on);
    const on = ctx.pgName(g.on, findings, where);
    if (kind === 'sequence') {
      // Oracle SELECT on a sequence = NEXTVAL/CURRVAL (USAGE, SELECT); ALTER has no grantable
      // equivalent (only the owner alters a sequence in PostgreSQL).
      const privs = g.privileges.filter(
        (p) => p.name === 'SELECT' || p.name === 'ALL' || p.name === 'ALL PRIVILEGES',
      );
      const alter = g.privileges.filter(
        (p) => p.name === 'ALTER' || p.name === 'ALL' || p.name === 'ALL PRIVILEGES',
      );
      if (alter.length)
        findings.push(
          makeFinding(
            'OPG-GRANT-0001',
            {
              detail: `ALTER on sequence ${g.on.name} cannot be granted in PostgreSQL (only its owner can alter it); not emitted`,
            },
            where,
          ),
        );
      if (privs.length)
        nodes.push({
          kind: 'grant',
          revoke,
          privileges: [{ name: 'USAGE' }, { name: 'SELECT' }],
          objectType: 'SEQUENCE',
          on,
          grantees,
          withGrantOption,
        });
    } else if (kind === 'table' || kind === 'view') {
      const privs = g.privileges
        .filter((p) => TABLE_PRIVS.has(p.name))
        .map((p) => ({ ...p, columns: p.columns?.map((c) => ctx.ident(c, findings, where)) }));
      const dropped = g.privileges.filter((p) => !TABLE_PRIVS.has(p.name)).map((p) => p.name);
      if (dropped.length)
        findings.push(
          makeFinding(
            'OPG-GRANT-0001',
            {
              detail: `Privileges ${dropped.join(', ')} on ${g.on.name} have no PostgreSQL equivalent and were dropped`,
            },
            where,
          ),
        );
      if (privs.length)
        nodes.push({
          kind: 'grant',
          revoke,
          privileges: privs.map(stripUndefinedColumns),
          objectType: 'TABLE',
          on,
          grantees,
          withGrantOption,
        });
    } else if (g.privileges.every((p) => p.name === 'EXECUTE' || p.name === 'DEBUG') && (ctx.routines.has(g.on.name) || ctx.packages.has(g.on.name))) {
      const who = grantees.map((x) => (x === 'PUBLIC' ? 'PUBLIC' : quoteIdent(x))).join(', ');
      const verb = revoke ? 'REVOKE' : 'GRANT';
      const to = revoke ? 'FROM' : 'TO';
      const option = withGrantOption ? ' WITH GRANT OPTION' : '';
      if (ctx.packages.has(g.on.name)) {
        // A package is a schema: its routines, and the schema itself for name lookup.
        const schema = quoteIdent(ctx.mapSchema(g.on.name));
        nodes.push({
          kind: 'raw',
          text: `${verb} USAGE ON SCHEMA ${schema} ${to} ${who}${option};\n${verb} EXECUTE ON ALL ROUTINES IN SCHEMA ${schema} ${to} ${who}${option};`,
        });
      } else {
        // Named as the routine was created (a grant may qualify it with the owner, the CREATE not).
        const routine = ctx.routines.get(g.on.name) ?? g.on;
        nodes.push({ kind: 'raw', text: `${verb} EXECUTE ON ROUTINE ${printPgName(ctx.pgName(routine, findings, where))} ${to} ${who}${option};` });
      }
    } else {
      findings.push(
        makeFinding(
          'OPG-GRANT-0001',
          {
            detail: `${object}: the object is not a converted table, view, sequence, routine or package`,
          },
          where,
        ),
      );
    }
  } else {
    for (const p of g.privileges) {
      if (ctx.roles.has(p.name)) {
        nodes.push({
          kind: 'grant',
          revoke,
          privileges: [{ name: ctx.ident(p.name, findings, where) }],
          objectType: 'ROLE',
          grantees,
          // WITH ADMIN OPTION: the grantee may grant the role on.
          withGrantOption: g.kind === 'grant' && !!g.withAdminOption,
        });
      } else if (p.name !== 'CREATE SESSION') {
        findings.push(
          makeFinding(
            'OPG-GRANT-0001',
            {
              detail: `System privilege or unknown role ${p.name} granted to ${g.grantees.join(', ')} was not converted`,
            },
            where,
          ),
        );
      }
    }
  }
  // Grantees must exist on PostgreSQL: create the ones the sources do not define (as NOLOGIN roles).
  const roles: PgObject[] = [];
  for (const r of g.grantees) {
    if (r === 'PUBLIC' || ctx.roles.has(r) || !nodes.length) continue;
    ctx.roles.add(r);
    roles.push({
      phase: 'pre-data',
      object: `ROLE ${r}`,
      objectType: 'ROLE',
      nodes: [{ kind: 'role', name: ctx.ident(r, findings, where), login: false }],
      findings: [
        makeFinding(
          'OPG-GRANT-0001',
          {
            detail: `Role ${r} is granted privileges but not created in the sources; it was created as a NOLOGIN role`,
          },
          where,
        ),
      ],
      location: g.loc,
    });
  }
  return [...roles, { phase: 'post-data', object, objectType: 'GRANT', nodes, findings, location: g.loc }];
}

function stripUndefinedColumns(p: { name: string; columns?: string[] }): PgGrant['privileges'][number] {
  return p.columns ? { name: p.name, columns: p.columns } : { name: p.name };
}

export function convertUser(u: CreateUser, ctx: ConvertContext): PgObject[] {
  const object = `USER ${u.name}`;
  const where = { object, location: u.loc };
  const findings: Finding[] = [];
  if (u.hasPassword) findings.push(makeFinding('OPG-USER-0001', { object: u.name }, where));
  if (u.alter || ctx.roles.has(u.name)) {
    // ALTER USER of a user the sources do not create: LOCK/UNLOCK → NOLOGIN/LOGIN.
    const nodes: PgNode[] =
      u.alter && u.locked !== undefined && !ctx.roles.has(u.name)
        ? (() => {
            const role = ctx.ident(u.name, findings, where);
            // The role may be created outside these scripts: only alter it when it exists.
            return [
              {
                kind: 'raw' as const,
                text: `DO $do$ BEGIN\n  IF EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(role)}) THEN\n    ALTER ROLE ${quoteIdent(role)} ${u.locked ? 'NOLOGIN' : 'LOGIN'};\n  END IF;\nEND $do$;`,
              },
            ];
          })()
        : [];
    return findings.length || nodes.length
      ? [{ phase: 'pre-data', object, objectType: 'USER', nodes, findings, location: u.loc }]
      : [];
  }
  ctx.roles.add(u.name);
  return [
    {
      phase: 'pre-data',
      object,
      objectType: 'USER',
      // A locked account cannot log in: NOLOGIN.
      nodes: [{ kind: 'role', name: ctx.ident(u.name, findings, where), login: !u.locked }],
      findings,
      location: u.loc,
    },
  ];
}

export function convertPlsql(p: PlsqlUnit, findings: Finding[]): PgObject[] {
  const object = `${p.unitKind} ${p.name.schema ? `${p.name.schema}.` : ''}${p.name.name}`;
  const lines = p.text.split('\n').length;
  const all = [...findings];
  if (!p.wrapped) {
    all.push(
      makeFinding('OPG-PLSQL-0001', { object, lines }, { object, location: p.loc }, Math.max(1, lines / 50)),
    );
  }
  const phase = p.unitKind === 'TRIGGER' ? 'post-data' : 'code';
  const text = p.wrapped ? `NOT CONVERTED: ${object} is wrapped` : `NOT CONVERTED YET: ${object}\n${p.text}`;
  return [
    {
      phase,
      object,
      objectType: p.unitKind,
      nodes: [{ kind: 'comment-block', text }],
      findings: all,
      location: p.loc,
    },
  ];
}

/** An object that depends on one that was not converted: kept as a comment, with a finding. */
function skippedFor(object: string, target: string, location: PgObject['location']): PgObject {
  const f = makeFinding(
    'OPG-VIEW-0002',
    { object, detail: `it depends on ${target}, which was not converted` },
    { object, location },
  );
  return {
    phase: 'post-data',
    object,
    objectType: 'DEPENDENT',
    nodes: [{ kind: 'comment-block', text: `NOT CONVERTED: ${object} depends on ${target}` }],
    findings: [f],
    location,
  };
}
