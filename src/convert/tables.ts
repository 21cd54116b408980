/** CREATE TABLE → pre-data table (+ partitions) and post-data constraints. */
import type { Constraint, CreateTable, PartitionDef, SequenceOptions } from '../ast/ddl.js';
import type { DataType, Expr } from '../ast/expr.js';
import type {
  PartitionBound,
  PgColumn,
  PgConstraint,
  PgName,
  PgObject,
  PgSequenceOptions,
  PgTable,
} from '../ast/pg.js';
import { makeFinding } from '../findings/make.js';
import type { Finding } from '../findings/types.js';
import type { ExprContext } from '../rules/builders.js';
import { rewriteExpr, rewriteQuery } from '../rules/expressions.js';
import { inferType } from '../rules/infer.js';
import { isPgInteger, mapType } from '../rules/types.js';
import { printType } from '../emit/pg/expr.js';
import { printPgName } from '../emit/pg/ddl.js';
import { shortenIdent } from '../emit/quote.js';
import { type ConvertContext, objectLabel } from './context.js';
import { columnTrigger, isImmutable, type TriggerColumn } from './virtual-columns.js';

const BIGINT_MAX = 9223372036854775807n;
const BIGINT_MIN = -9223372036854775808n;

/** Oracle sequence options → PostgreSQL, clamping bounds to bigint. */
export function convertSequenceOptions(
  o: SequenceOptions,
  findings: Finding[],
  where: { object?: string },
): PgSequenceOptions {
  const r: PgSequenceOptions = {};
  const clamp = (v: string, label: string): string => {
    let n: bigint;
    try {
      n = BigInt(v.replace(/^\+/, ''));
    } catch {
      return v;
    }
    if (n > BIGINT_MAX || n < BIGINT_MIN) {
      const c = (n > BIGINT_MAX ? BIGINT_MAX : BIGINT_MIN).toString();
      findings.push(
        makeFinding(
          'OPG-SEQ-0002',
          { object: where.object ?? '', bound: `${label} ${v}`, clamped: c },
          where,
        ),
      );
      return c;
    }
    return n.toString();
  };
  if (o.increment !== undefined) r.increment = clamp(o.increment, 'INCREMENT BY');
  if (o.start !== undefined) r.start = clamp(o.start, 'START WITH');
  if (o.minValue !== undefined) r.minValue = o.minValue === 'NONE' ? 'NONE' : clamp(o.minValue, 'MINVALUE');
  if (o.maxValue !== undefined) r.maxValue = o.maxValue === 'NONE' ? 'NONE' : clamp(o.maxValue, 'MAXVALUE');
  if (o.cycle !== undefined) r.cycle = o.cycle;
  if (typeof o.cache === 'number' && o.cache > 1) r.cache = o.cache;
  const ignored = [...o.ignored];
  if (o.order) ignored.push('ORDER');
  if (o.startLimitValue)
    ignored.push(
      'START WITH LIMIT VALUE (the identity continues after the highest value in the column: once the data is loaded, SELECT setval(pg_get_serial_sequence(table, column), max(column)) FROM table, as the DMS post-load step does for every sequence)',
    );
  if (ignored.length) {
    findings.push(
      makeFinding(
        'OPG-SEQ-0001',
        { object: where.object ?? '', detail: `${ignored.join(', ')} ignored` },
        where,
      ),
    );
  }
  return r;
}

/** `claim` is false when only the constraints of an ALTER on an unknown table are converted. */
export function convertTable(t: CreateTable, ctx: ConvertContext, claim = true): PgObject[] {
  const object = objectLabel('TABLE', t.name);
  const where = { object, location: t.loc };
  const findings: Finding[] = [];
  if (claim && !t.columns.length && !t.asQuery) {
    // Oracle tables have at least one column: an object table (CREATE TABLE t OF type) or a
    // statement mangled by an undefined substitution variable. Nothing half-converted is emitted.
    findings.push(
      makeFinding(
        'OPG-PARSE-0002',
        { kind: `${object} without a column list (object table or unresolved substitution variable)` },
        where,
      ),
    );
    return [{ phase: 'pre-data', object, objectType: 'TABLE', nodes: [], findings, location: t.loc }];
  }
  if (t.objectTableOf)
    findings.push(makeFinding('OPG-TABLE-0010', { table: object, type: t.objectTableOf }, where));
  const name = ctx.pgName(t.name, findings, where);
  if (claim) name.name = ctx.claimRelation(name.schema, name.name, 'Table', findings, where);
  const ectx = ctx.exprContext(findings, where, t);
  const pgColumns = ctx.columnNames(t, findings, where);
  const colName = (n: string) => pgColumns.get(n) ?? ctx.ident(n, findings, where);

  const constraints: Constraint[] = [...t.columns.flatMap((c) => c.constraints), ...t.constraints];
  const pkCols = new Set(
    constraints.filter((c) => c.kind === 'primary-key' && c.state.enabled).flatMap((c) => c.columns),
  );
  /** Virtual columns PostgreSQL cannot generate (not immutable): kept by a trigger (virtual-columns.ts). */
  const computed: TriggerColumn[] = [];
  const columns: PgColumn[] = t.columns.map((c) => {
    const label = `${t.name.name}.${c.name}`;
    const type = c.type
      ? mapType(c.type, {
          column: label,
          object,
          location: c.loc ?? t.loc,
          narrowIntegers: ctx.options.narrowIntegers,
          findings,
          support: ctx.supportTypes,
        })
      : c.virtual
        ? typeOfExpression(c.virtual, ectx)
        : { kind: 'datatype' as const, name: 'text', args: [] };
    const col: PgColumn = {
      name: colName(c.name),
      type,
      notNull: pkCols.has(c.name) || c.constraints.some((k) => k.kind === 'not-null' && k.state.enabled),
    };
    if (c.annotations?.length)
      findings.push(
        makeFinding(
          'OPG-TABLE-0009',
          {
            column: label,
            annotations: c.annotations
              .map((a) => `${a.op ? `${a.op} ` : ''}${a.name}${a.value !== undefined ? ` '${a.value}'` : ''}`)
              .join(', '),
          },
          where,
        ),
      );
    if (c.identity) {
      if (!isPgInteger(type)) {
        findings.push(
          makeFinding(
            'OPG-TABLE-0008',
            {
              column: label,
              detail: `type ${c.type ? c.type.name : ''} mapped to bigint because PostgreSQL identity columns need an integer type`,
            },
            where,
          ),
        );
        col.type = { kind: 'datatype', name: 'bigint', args: [] };
      }
      if (c.identity.onNull) {
        findings.push(
          makeFinding(
            'OPG-TABLE-0008',
            {
              column: label,
              detail:
                'ON NULL: PostgreSQL identities apply only to an omitted column; an INSERT of an explicit NULL takes the next value through a BEFORE INSERT trigger',
            },
            where,
          ),
        );
        // nextval of the identity's sequence, found by the table and column as created.
        const seq: Expr = {
          kind: 'call',
          name: ['nextval'],
          args: [{ value: { kind: 'call', name: ['pg_get_serial_sequence'], args: [{ value: { kind: 'literal', type: 'string', value: printPgName(name) } }, { value: { kind: 'literal', type: 'string', value: colName(c.name) } }] } }],
        };
        computed.push({ name: c.name, expr: seq, onNullInsert: true });
      }
      col.identity = {
        always: c.identity.always,
        options: convertSequenceOptions(c.identity.options, findings, where),
      };
      col.notNull = false; // implied by identity
    } else if (c.virtual) {
      const expr = rewriteExpr(c.virtual, ectx);
      const typeOf = (n: string) => {
        const other = t.columns.find((x) => x.name === n);
        return other?.type ? printType(mapType(other.type, { column: n, object, findings: [], support: ctx.supportTypes })) : undefined;
      };
      if (isImmutable(expr, typeOf)) {
        findings.push(makeFinding('OPG-TABLE-0004', { column: label }, where));
        col.generated = expr;
      } else {
        findings.push(makeFinding('OPG-TABLE-0011', { column: label }, where));
        computed.push({ name: c.name, expr });
        col.triggerComputed = expr;
      }
    } else if (c.default) {
      col.default = rewriteExpr(c.default, ectx);
      if (c.defaultOnNull) {
        // DEFAULT ON NULL implies NOT NULL in Oracle; an explicit NULL takes the default (trigger).
        col.notNull = true;
        findings.push(makeFinding('OPG-TABLE-0005', { column: label }, where));
        computed.push({ name: c.name, expr: col.default, onNullInsert: true });
      }
    }
    return col;
  });

  alignForeignKeyTypes(t, constraints, columns, ctx, findings, where);
  const table: PgTable = { kind: 'table', name, columns };
  const objects: PgObject[] = [];
  if (t.temporary && !t.temporary.global) {
    // PRIVATE TEMPORARY: a session-local table, as PostgreSQL temporary tables are.
    table.temporary = t.temporary.onCommit === 'PRESERVE' ? {} : { onCommit: 'DROP' };
  } else if (t.temporary) {
    table.unlogged = true;
    findings.push(
      makeFinding(
        'OPG-TABLE-0003',
        { object, onCommit: t.temporary.onCommit === 'PRESERVE' ? 'PRESERVE ROWS' : 'DELETE ROWS' },
        where,
      ),
    );
  }
  if (t.organization === 'INDEX') findings.push(makeFinding('OPG-TABLE-0002', { object }, where));
  if (t.organization === 'EXTERNAL')
    findings.push(makeFinding('OPG-PARSE-0002', { kind: 'ORGANIZATION EXTERNAL (use file_fdw)' }, where));
  const dropped = t.dropped.filter((w) => w !== 'ROW' && w !== 'MOVEMENT');
  if (dropped.length)
    findings.push(makeFinding('OPG-TABLE-0001', { object, clauses: dropped.join(', ') }, where));
  if (t.asQuery) {
    table.asQuery = rewriteQuery(t.asQuery, ectx);
    findings.push(makeFinding('OPG-TABLE-0006', { object }, where));
  }

  const partitionCols =
    t.partition &&
    (t.partition.method === 'RANGE' || t.partition.method === 'LIST' || t.partition.method === 'HASH')
      ? t.partition.columns.map(colName)
      : [];
  const post: PgObject[] = [];
  for (const c of constraints) {
    if (c.kind === 'not-null' || c.kind === 'null') continue;
    const pc = convertConstraint(c, t, ctx, findings, where, ectx);
    if (!pc) continue;
    if ((pc.kind === 'primary-key' || pc.kind === 'unique') && partitionCols.length) {
      const missing = partitionCols.filter((p) => !pc.columns.includes(p));
      if (missing.length) {
        findings.push(
          makeFinding(
            'OPG-PART-0002',
            { constraint: pc.name ?? pc.kind, object, columns: missing.join(', ') },
            where,
          ),
        );
        pc.columns.push(...missing);
      }
    }
    if (pc.kind === 'unique' && pc.columns.length > 1) {
      // Oracle: a composite unique key conflicts when its non-NULL parts are equal (NULLs compare
      // equal there) unless every column is NULL. NULLS NOT DISTINCT is that rule when some key
      // column is NOT NULL (an all-NULL key cannot occur); otherwise the difference is reported.
      const nullable = pc.columns.filter((k) => !columns.find((x) => x.name === k)?.notNull);
      if (nullable.length && nullable.length < pc.columns.length) pc.nullsNotDistinct = true;
      else if (nullable.length)
        findings.push(makeFinding('OPG-CONS-0008', { constraint: pc.name ?? 'unique key', columns: nullable.join(', ') }, where));
    }
    if (pc.kind === 'primary-key' && !table.primaryKey) {
      table.primaryKey = pc;
      continue;
    }
    const label = `CONSTRAINT ${c.name ?? `${t.name.name}(${c.kind})`}`;
    post.push({
      phase: 'post-data',
      object: label,
      objectType:
        pc.kind === 'foreign-key'
          ? 'FOREIGN KEY'
          : pc.kind === 'unique'
            ? 'UNIQUE'
            : pc.kind === 'check'
              ? 'CHECK'
              : 'PRIMARY KEY',
      nodes: [{ kind: 'add-constraint', table: name, constraint: pc }],
      findings: [],
      location: c.loc ?? t.loc,
    });
  }

  const children = t.partition ? convertPartitioning(t, table, ctx, findings, where, partitionCols) : [];
  objects.unshift({
    phase: 'pre-data',
    object,
    objectType: 'TABLE',
    nodes: [table, ...children],
    findings,
    location: t.loc,
    defines: key(name),
  });
  if (computed.length)
    post.push(columnTrigger(name, printPgName(name), computed, new Set(t.columns.map((c) => c.name)), t.name.name, t.loc));
  // Children of a partitioned table are part of the table object (same nodes list).
  return [...objects, ...post];
}

function key(n: PgName): string {
  return `${n.schema ?? ''}.${n.name}`;
}

function convertConstraint(
  c: Constraint,
  t: CreateTable,
  ctx: ConvertContext,
  findings: Finding[],
  where: { object?: string; location?: CreateTable['loc'] },
  ectx: ReturnType<ConvertContext['exprContext']>,
): PgConstraint | undefined {
  const label = c.name ?? `${c.kind} on ${t.name.name}(${c.columns.join(', ')})`;
  if (!c.state.enabled) {
    findings.push(makeFinding('OPG-CONS-0001', { constraint: label }, where));
    return undefined;
  }
  const pc: PgConstraint = {
    kind: c.kind as PgConstraint['kind'],
    columns: c.columns.map((n) => ctx.columnIdent(t.name, n, findings, where)),
  };
  if (c.name) pc.name = ctx.ident(c.name, findings, where);
  // A primary or unique key is backed by an index of its name, which shares PostgreSQL's relation
  // namespace: a key named as a table, view or sequence of the model is renamed.
  if (pc.name && c.name && (c.kind === 'primary-key' || c.kind === 'unique')) {
    const q = { schema: t.name.schema, name: c.name };
    const k = `${q.schema ?? ''}.${q.name}`;
    if (ctx.findTable(q) || ctx.views.has(k) || ctx.sequences.has(k)) {
      const renamed = shortenIdent(`${pc.name}_${c.kind === 'primary-key' ? 'pkey' : 'key'}`);
      findings.push(
        makeFinding(
          'OPG-NAME-0002',
          { kind: 'Constraint (its index)', name: pc.name, schema: t.name.schema ?? '(default)', renamed },
          where,
        ),
      );
      pc.name = renamed;
    }
  }
  if (c.kind === 'check') pc.check = rewriteExpr(c.check!, ectx);
  if (c.kind === 'foreign-key' && c.references) {
    const refTable =
      c.references.table.schema || !t.name.schema
        ? c.references.table
        : { ...c.references.table, schema: t.name.schema };
    const ref = ctx.pgName(refTable, findings, where);
    let refCols = c.references.columns.map((n) => ctx.columnIdent(refTable, n, findings, where));
    if (!refCols.length) {
      // REFERENCES t without columns means t's primary key; spell it out when we know it.
      const target = ctx.findTable(refTable);
      const pk =
        target &&
        [...target.columns.flatMap((x) => x.constraints), ...target.constraints].find(
          (x) => x.kind === 'primary-key',
        );
      if (pk) refCols = pk.columns.map((n) => ctx.columnIdent(refTable, n, findings, where));
    }
    pc.references = { table: ref, columns: refCols };
    const target = ctx.findTable(refTable);
    const refKey =
      target &&
      [...target.columns.flatMap((x) => x.constraints), ...target.constraints].find(
        (k) =>
          (k.kind === 'primary-key' || k.kind === 'unique') &&
          (c.references!.columns.length
            ? k.columns.join(',') === c.references!.columns.join(',')
            : k.kind === 'primary-key'),
      );
    if (refKey?.state.deferrable) {
      findings.push(
        makeFinding('OPG-CONS-0007', { constraint: label, key: refKey.name ?? refKey.kind }, where),
      );
      return undefined;
    }
    if (target?.partition && ['RANGE', 'LIST', 'HASH'].includes(target.partition.method)) {
      const missing = target.partition.columns.filter((p) => !c.references!.columns.includes(p));
      if (missing.length) {
        findings.push(
          makeFinding(
            'OPG-PART-0005',
            { constraint: label, target: target.name.name, columns: missing.join(', ') },
            where,
          ),
        );
        return undefined;
      }
    }
    if (c.references.onDelete) pc.references.onDelete = c.references.onDelete;
  }
  if (c.state.deferrable) {
    if (c.kind === 'check') {
      findings.push(makeFinding('OPG-CONS-0003', { constraint: label }, where));
    } else {
      pc.deferrable = true;
      pc.initiallyDeferred = !!c.state.initiallyDeferred;
    }
  }
  if (c.state.validate === false) {
    if (c.kind === 'check' || c.kind === 'foreign-key') {
      pc.notValid = true;
      findings.push(makeFinding('OPG-CONS-0002', { constraint: label }, where));
    }
  }
  return pc;
}

function convertPartitioning(
  t: CreateTable,
  table: PgTable,
  ctx: ConvertContext,
  findings: Finding[],
  where: { object?: string; location?: CreateTable['loc'] },
  partitionCols: string[],
): PgTable[] {
  const spec = t.partition!;
  const object = where.object ?? '';
  if (spec.method === 'REFERENCE' || spec.method === 'SYSTEM') {
    findings.push(makeFinding('OPG-PART-0003', { object, method: spec.method }, where));
    return [];
  }
  if (spec.dropped.length)
    findings.push(makeFinding('OPG-PART-0004', { object, clauses: spec.dropped.join(', ') }, where));
  if (spec.interval) findings.push(makeFinding('OPG-PART-0001', { object }, where));
  table.partitionBy = { method: spec.method, columns: partitionCols };
  const ectx = ctx.exprContext(findings, where, t);
  const value = (e: Expr) => rewriteExpr(e, ectx);
  const children: PgTable[] = [];
  const childName = (part: string | undefined, i: number, parent: PgName): PgName => {
    const base = part ? ctx.ident(part, findings, where) : `p${i}`;
    const n = ctx.claimRelation(
      parent.schema,
      `${parent.name}_${base}`.slice(0, 63),
      'Partition',
      findings,
      where,
    );
    const pg = parent.schema ? { schema: parent.schema, name: n } : { name: n };
    // FROM t PARTITION (p) reads this table (rules/expressions.ts).
    if (part) ctx.partitionTables.set(`${t.name.schema ?? ''}.${t.name.name}/${part}`, pg);
    return pg;
  };
  const build = (
    defs: PartitionDef[],
    method: 'RANGE' | 'LIST' | 'HASH',
    count: number | undefined,
    parent: PgName,
    sub?: NonNullable<typeof spec.sub>,
  ) => {
    const n = defs.length || count || 0;
    let prev: (Expr | 'MINVALUE' | 'MAXVALUE')[] | undefined;
    for (let i = 0; i < n; i++) {
      const d: PartitionDef = defs[i] ?? {};
      let bound: PartitionBound;
      if (method === 'HASH') bound = { kind: 'hash', modulus: n, remainder: i };
      else if (method === 'LIST')
        bound =
          d.isDefault || !d.values ? { kind: 'default' } : { kind: 'list', values: d.values.map(value) };
      else {
        const to = (d.lessThan ?? []).map((e) =>
          e.kind === 'pseudo' && e.name === 'MAXVALUE' ? ('MAXVALUE' as const) : value(e),
        );
        const from = prev ?? to.map(() => 'MINVALUE' as const);
        bound = { kind: 'range', from, to };
        prev = to;
      }
      const child: PgTable = {
        kind: 'table',
        name: childName(d.name, i, parent),
        columns: [],
        partitionOf: { parent, bound },
      };
      children.push(child);
      if (sub) {
        const subDefs = d.subpartitions ?? sub.template ?? [];
        const subCount = d.subCount ?? sub.count;
        if (subDefs.length || subCount) {
          child.partitionBy = {
            method: sub.method,
            columns: sub.columns.map((c) => ctx.ident(c, findings, where)),
          };
          build(subDefs, sub.method, subCount, child.name);
        }
      }
    }
  };
  build(spec.partitions, spec.method, spec.count, table.name, spec.sub);
  if (!children.length && spec.method !== 'HASH') {
    // A partitioned table with no partition cannot take rows: add a default partition.
    children.push({
      kind: 'table',
      name: childName('DEFAULT', 0, table.name),
      columns: [],
      partitionOf: { parent: table.name, bound: { kind: 'default' } },
    });
  }
  return children;
}

/**
 * PostgreSQL can only enforce a foreign key between comparable types of one operator family:
 * NUMBER → numeric on one side and NUMBER(6) → integer on the other would fail. The referencing
 * column takes the referenced column's type (its values must exist there anyway).
 */
function alignForeignKeyTypes(
  t: CreateTable,
  constraints: Constraint[],
  columns: PgColumn[],
  ctx: ConvertContext,
  findings: Finding[],
  where: { object?: string; location?: CreateTable['loc'] },
): void {
  for (const c of constraints) {
    if (c.kind !== 'foreign-key' || !c.references) continue;
    const target = ctx.findTable(c.references.table, t.name);
    if (!target) continue;
    const pk = [...target.columns.flatMap((x) => x.constraints), ...target.constraints].find(
      (x) => x.kind === 'primary-key',
    );
    const refCols = c.references.columns.length ? c.references.columns : (pk?.columns ?? []);
    c.columns.forEach((local, i) => {
      const refCol = target.columns.find((x) => x.name === refCols[i]);
      const col = columns[t.columns.findIndex((x) => x.name === local)];
      if (!refCol?.type || !col) return;
      let refType = mapType(refCol.type, {
        column: refCol.name,
        findings: [],
        narrowIntegers: ctx.options.narrowIntegers,
      });
      // An identity column became bigint when its type was not an integer type (see above).
      if (refCol.identity && !isPgInteger(refType)) refType = { kind: 'datatype', name: 'bigint', args: [] };
      if (printType(refType) !== printType(col.type)) {
        findings.push(
          makeFinding(
            'OPG-CONS-0006',
            {
              column: `${t.name.name}.${local}`,
              from: printType(col.type),
              to: printType(refType),
              target: `${target.name.name}.${refCol.name}`,
            },
            where,
          ),
        );
        col.type = refType;
      }
    });
  }
}

/** PostgreSQL type of a virtual column declared without a type, from the expression's type class. */
function typeOfExpression(e: Expr, ectx: ExprContext): DataType {
  const t = inferType(e, ectx);
  const pg = (name: string, args: number[] = []): DataType => ({ kind: 'datatype', name, args });
  switch (t.cls) {
    case 'number':
      return t.pg === 'int' ? pg('integer') : t.pg === 'bigint' ? pg('bigint') : t.pg === 'float' ? pg('double precision') : pg('numeric');
    case 'date':
      return pg('timestamp', [0]);
    case 'timestamp':
      return pg('timestamp');
    default:
      return pg('text');
  }
}
