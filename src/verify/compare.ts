/**
 * Structure comparison: the converted Oracle model (tables with their mapped columns, constraints,
 * indexes, sequences, views; routines and triggers of the emitted code; objects kept as comments)
 * against the target's catalog after apply. Column types and defaults of the model are put through
 * the same server (a temporary shadow table) so that both sides are in PostgreSQL's own spelling.
 */
import type {
  PgAlterAction,
  PgColumn,
  PgConstraint,
  PgIndex,
  PgName,
  PgObject,
  PgSequence,
  PgView,
} from '../ast/pg.js';
import { printNode } from '../emit/pg/ddl.js';
import { printExpr } from '../emit/pg/expr.js';
import { type Catalog, type CatColumn, readCatalog } from './catalog.js';
import { asDbError, type Session } from './engine.js';
import { type AlterInfo, analyzeSql } from './sqlinfo.js';
import type {
  StructureComparison,
  StructureCount,
  StructureDiff,
  StructureKind,
  VerifyObjectResult,
} from './types.js';
import { isCommentOnly, type Unit } from './units.js';

interface Owner {
  object: string;
  source?: StructureDiff['source'];
  /** The model object's unit failed or was not converted. */
  reason?: StructureDiff['reason'];
}

/** Kinds of objects that exist in the database (as opposed to grants, comments, roles). */
const STRUCTURAL: Record<string, StructureKind> = {
  TABLE: 'table',
  VIEW: 'view',
  'MATERIALIZED VIEW': 'materialized view',
  SEQUENCE: 'sequence',
  INDEX: 'index',
  FUNCTION: 'routine',
  PROCEDURE: 'routine',
  TRIGGER: 'trigger',
  PACKAGE: 'other',
  'PACKAGE BODY': 'other',
  TYPE: 'other',
  'TYPE BODY': 'other',
  SYNONYM: 'other',
  'PUBLIC SYNONYM': 'other',
};

export interface CompareInput {
  model: PgObject[];
  units: Unit[];
  results: Map<Unit, VerifyObjectResult>;
}

export async function compareStructure(s: Session, input: CompareInput): Promise<StructureComparison> {
  const [{ schema: defaultSchema }] = await s.query<{ schema: string }>('select current_schema() as schema');
  const fq = (n: PgName) => `${n.schema ?? defaultSchema}.${n.name}`;
  const owners = ownersOf(input);
  const schemas = new Set<string>([defaultSchema]);
  for (const o of input.model)
    for (const n of o.nodes)
      if ('name' in n && typeof n.name === 'object' && n.name.schema) schemas.add(n.name.schema);
  for (const u of input.units)
    for (const r of [...u.info.routines, ...u.info.triggers]) if (r.schema) schemas.add(r.schema);
  const cat = await readCatalog(s, [...schemas].sort());
  const diffs: StructureDiff[] = [];
  const counts: Partial<Record<StructureKind, StructureCount>> = {};
  const count = (k: StructureKind, f: keyof StructureCount) => {
    counts[k] ??= { expected: 0, found: 0, missing: 0, extra: 0, different: 0 };
    counts[k][f]++;
  };
  const diff = (d: StructureDiff, owner?: Owner) => {
    const full: StructureDiff = { ...d };
    if (owner) {
      full.object = owner.object;
      if (owner.source) full.source = owner.source;
      if (d.status === 'missing' && owner.reason) full.reason = owner.reason;
    }
    diffs.push(full);
    count(d.kind, d.status);
  };
  const matched = {
    rel: new Set<string>(),
    con: new Set<string>(),
    idx: new Set<string>(),
    fn: new Set<string>(),
    trg: new Set<string>(),
  };

  const model = buildModel(input.model, owners, fq);
  for (const x of model.notConverted) {
    count(x.kind, 'expected');
    diff({ kind: x.kind, name: x.owner.object, status: 'missing' }, { ...x.owner, reason: 'not-converted' });
  }
  for (const [name, t] of model.tables) {
    count('table', 'expected');
    const rel = cat.relations.get(name);
    if (!rel || !'rp'.includes(rel.kind)) {
      diff(
        rel
          ? {
              kind: 'table',
              name,
              status: 'different',
              attribute: 'kind',
              expected: 'table',
              actual: relkindName(rel.kind),
            }
          : { kind: 'table', name, status: 'missing' },
        t.owner,
      );
      continue;
    }
    matched.rel.add(name);
    count('table', 'found');
    if (t.columns) await compareColumns(s, name, t, cat.columns.get(name) ?? [], diff, count);
    for (const c of t.constraints)
      compareConstraint(name, c.constraint, defaultSchema, cat, matched.con, diff, count, c.owner, c.loose);
  }
  for (const c of model.looseConstraints) {
    if (model.tables.has(c.table)) continue;
    if (!cat.relations.has(c.table)) {
      count('constraint', 'expected');
      diff(
        {
          kind: 'constraint',
          name: `${c.table}.${c.constraint.name ?? c.constraint.kind}`,
          status: 'missing',
        },
        c.owner,
      );
    } else compareConstraint(c.table, c.constraint, defaultSchema, cat, matched.con, diff, count, c.owner);
  }
  for (const { node: n, owner } of model.others) {
    switch (n.kind) {
      case 'index': {
        const name = `${n.table.schema ?? defaultSchema}.${n.name}`;
        count('index', 'expected');
        const idx = cat.indexes.get(name);
        if (!idx) {
          diff({ kind: 'index', name, status: 'missing' }, owner);
          break;
        }
        matched.idx.add(name);
        count('index', 'found');
        const cols = n.columns.map((c) =>
          c.expr.kind === 'column' ? unquote(printExpr(c.expr).split('.').pop()!) : '(expr)',
        );
        if (idx.unique !== n.unique)
          diff(
            {
              kind: 'index',
              name,
              status: 'different',
              attribute: 'unique',
              expected: String(n.unique),
              actual: String(idx.unique),
            },
            owner,
          );
        else if (cols.join(', ') !== idx.columns.join(', '))
          diff(
            {
              kind: 'index',
              name,
              status: 'different',
              attribute: 'columns',
              expected: cols.join(', '),
              actual: idx.columns.join(', '),
            },
            owner,
          );
        break;
      }
      case 'sequence': {
        const name = fq(n.name);
        count('sequence', 'expected');
        const seq = cat.sequences.get(name);
        if (!seq) {
          diff({ kind: 'sequence', name, status: 'missing' }, owner);
          break;
        }
        matched.rel.add(name);
        count('sequence', 'found');
        for (const attribute of ['increment', 'start'] as const) {
          const exp = n.options[attribute];
          if (exp !== undefined && BigInt(exp) !== BigInt(seq[attribute]))
            diff(
              {
                kind: 'sequence',
                name,
                status: 'different',
                attribute,
                expected: exp,
                actual: seq[attribute],
              },
              owner,
            );
        }
        break;
      }
      case 'view': {
        const name = fq(n.name);
        const kind: StructureKind = n.materialized ? 'materialized view' : 'view';
        count(kind, 'expected');
        const rel = cat.relations.get(name);
        if (!rel) {
          diff({ kind, name, status: 'missing' }, owner);
          break;
        }
        matched.rel.add(name);
        count(kind, 'found');
        if (rel.kind !== (n.materialized ? 'm' : 'v'))
          diff(
            {
              kind,
              name,
              status: 'different',
              attribute: 'kind',
              expected: kind,
              actual: relkindName(rel.kind),
            },
            owner,
          );
        break;
      }
    }
  }
  compareCode(input, defaultSchema, cat, matched, diff, count);
  reportExtras(cat, matched, diff);
  return { performed: true, schemas: [...schemas].sort(), counts, diffs };
}

type DiffFn = (d: StructureDiff, owner?: Owner) => void;
type CountFn = (k: StructureKind, f: keyof StructureCount) => void;

function ownersOf(input: CompareInput): Map<PgObject, Owner> {
  const byLabel = new Map<string, Unit[]>();
  for (const u of input.units) byLabel.set(u.object, [...(byLabel.get(u.object) ?? []), u]);
  const used = new Map<string, number>();
  const out = new Map<PgObject, Owner>();
  for (const o of input.model) {
    const i = used.get(o.object) ?? 0;
    used.set(o.object, i + 1);
    const u = byLabel.get(o.object)?.[i];
    const r = u ? input.results.get(u) : undefined;
    const owner: Owner = { object: o.object };
    if (o.location) owner.source = o.location;
    if (r?.status === 'failed' && r.stage === 'apply') owner.reason = 'failed';
    if (u?.kind === 'not-converted') owner.reason = 'not-converted';
    out.set(o, owner);
  }
  return out;
}

interface ExpectedTable {
  owner?: Owner;
  /** undefined for partitions and CREATE TABLE AS (columns come from elsewhere). */
  columns?: PgColumn[];
  /** Column attributes set by SQL the model only has as text (raw nodes): not compared. */
  loose: Map<string, Set<string>>;
  constraints: { constraint: PgConstraint; owner?: Owner; loose?: boolean }[];
}

interface Model {
  tables: Map<string, ExpectedTable>;
  looseConstraints: { table: string; constraint: PgConstraint; owner?: Owner }[];
  others: { node: PgIndex | PgSequence | PgView; owner?: Owner }[];
  notConverted: { kind: StructureKind; owner: Owner }[];
}

/** The expected structure: tables with their constraints and the ALTER TABLE actions of later objects applied. */
function buildModel(objects: PgObject[], owners: Map<PgObject, Owner>, fq: (n: PgName) => string): Model {
  const m: Model = { tables: new Map(), looseConstraints: [], others: [], notConverted: [] };
  for (const o of objects) {
    const owner = owners.get(o);
    if (isCommentOnly(o) || !o.nodes.length) {
      const kind = STRUCTURAL[o.objectType];
      if (kind) m.notConverted.push({ kind, owner: owner ?? { object: o.object } });
      continue;
    }
    for (const n of o.nodes) {
      switch (n.kind) {
        case 'table':
          m.tables.set(fq(n.name), {
            ...(owner ? { owner } : {}),
            ...(n.partitionOf || n.asQuery ? {} : { columns: n.columns.map((c) => ({ ...c })) }),
            loose: new Map(),
            constraints: n.primaryKey ? [{ constraint: n.primaryKey, ...(owner ? { owner } : {}) }] : [],
          });
          break;
        case 'add-constraint': {
          const c = { table: fq(n.table), constraint: n.constraint, ...(owner ? { owner } : {}) };
          const t = m.tables.get(c.table);
          if (t) t.constraints.push(c);
          else m.looseConstraints.push(c);
          break;
        }
        case 'alter-table':
          alterExpected(m, fq(n.table), n.actions, fq);
          break;
        case 'index':
        case 'sequence':
        case 'view':
          m.others.push({ node: n, ...(owner ? { owner } : {}) });
          break;
        default: {
          // Nodes the model only has as SQL text (e.g. converted PL/SQL): their ALTER TABLE effects.
          const text = (n as { text?: unknown }).text;
          if (n.kind !== 'comment-block' && typeof text === 'string')
            for (const a of analyzeSql(text).alters)
              alterLoosely(m, fq({ ...(a.schema ? { schema: a.schema } : {}), name: a.table }), a, owner);
          break;
        }
      }
    }
  }
  return m;
}

function alterLoosely(m: Model, table: string, a: AlterInfo, owner?: Owner) {
  const t = m.tables.get(table);
  if (!t || !a.name) return;
  const loosen = (attr: string) => t.loose.set(a.name!, new Set([...(t.loose.get(a.name!) ?? []), attr]));
  switch (a.what) {
    case 'add-column':
      loosen('all');
      break;
    case 'drop-column':
      if (t.columns) t.columns = t.columns.filter((c) => c.name !== a.name);
      t.loose.delete(a.name);
      break;
    case 'default':
    case 'type':
      loosen(a.what);
      break;
    case 'not-null':
      loosen('nullable');
      break;
    case 'add-constraint': {
      const kind = ({ p: 'primary-key', u: 'unique', f: 'foreign-key', c: 'check' } as const)[
        a.contype as 'p'
      ];
      if (kind)
        t.constraints.push({
          constraint: { kind, name: a.name, columns: [] },
          loose: true,
          ...(owner ? { owner } : {}),
        });
      break;
    }
    case 'drop-constraint':
      t.constraints = t.constraints.filter((c) => c.constraint.name !== a.name);
      break;
  }
}

function alterExpected(m: Model, table: string, actions: PgAlterAction[], fq: (n: PgName) => string) {
  const t = m.tables.get(table);
  if (!t) return;
  const col = (name: string) => t.columns?.find((c) => c.name === name);
  for (const a of actions) {
    switch (a.kind) {
      case 'add-column':
        t.columns?.push({ ...a.column });
        break;
      case 'drop-column':
        if (t.columns) t.columns = t.columns.filter((c) => c.name !== a.name);
        break;
      case 'rename-column': {
        const c = col(a.from);
        if (c) c.name = a.to;
        break;
      }
      case 'set-not-null': {
        const c = col(a.column);
        if (c) c.notNull = a.notNull;
        break;
      }
      case 'set-type': {
        const c = col(a.column);
        if (c) c.type = a.type;
        break;
      }
      case 'set-default': {
        const c = col(a.column);
        if (c && a.default) c.default = a.default;
        else if (c) delete c.default;
        break;
      }
      case 'drop-constraint':
        t.constraints = t.constraints.filter((c) => c.constraint.name !== a.name);
        break;
      case 'rename-table': {
        m.tables.delete(table);
        const dot = table.indexOf('.');
        m.tables.set(fq({ schema: table.slice(0, dot), name: a.to }), t);
        break;
      }
    }
  }
}

function relkindName(k: string): string {
  return (
    (
      {
        r: 'table',
        p: 'partitioned table',
        v: 'view',
        m: 'materialized view',
        S: 'sequence',
        f: 'foreign table',
      } as Record<string, string>
    )[k] ?? k
  );
}

function unquote(id: string): string {
  return id.startsWith('"') ? id.slice(1, -1).replaceAll('""', '"') : id;
}

interface Shadow {
  type: string;
  default?: string;
}

/** The model's columns in the server's spelling, through a temporary table; undefined where it fails. */
async function shadowColumns(s: Session, columns: PgColumn[]): Promise<Map<string, Shadow> | undefined> {
  const attempts: PgColumn[][] = [
    columns,
    columns.map((c) => ({ name: c.name, type: c.type, notNull: false })), // types only
  ];
  for (const cols of attempts) {
    const ddl = printNode({
      kind: 'table',
      name: { schema: 'pg_temp', name: 'orapg_verify_shadow' },
      columns: cols,
    });
    await s.exec('SAVEPOINT orapg_shadow');
    try {
      await s.exec(ddl);
      const rows = await s.query<{ name: string; type: string; def: string | null }>(
        `select a.attname::text as name, format_type(a.atttypid, a.atttypmod) as type, pg_get_expr(d.adbin, d.adrelid) as def
           from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
          where a.attrelid = 'pg_temp.orapg_verify_shadow'::regclass and a.attnum > 0 and not a.attisdropped`,
      );
      await s.exec('ROLLBACK TO SAVEPOINT orapg_shadow; RELEASE SAVEPOINT orapg_shadow');
      const withDefaults = cols === columns;
      return new Map(
        rows.map((r) => [
          r.name,
          { type: r.type, ...(withDefaults && r.def !== null ? { default: r.def } : {}) },
        ]),
      );
    } catch (e) {
      if (!asDbError(e)) throw e;
      await s.exec('ROLLBACK TO SAVEPOINT orapg_shadow; RELEASE SAVEPOINT orapg_shadow');
    }
  }
  return undefined;
}

async function compareColumns(
  s: Session,
  table: string,
  t: ExpectedTable,
  actual: CatColumn[],
  diff: DiffFn,
  count: CountFn,
) {
  const expected = t.columns ?? [];
  const owner = t.owner;
  const shadow = await shadowColumns(s, expected);
  const byName = new Map(actual.map((c) => [c.name, c]));
  const seen = new Set<string>();
  for (const [name, attrs] of t.loose) {
    if (!attrs.has('all') || expected.some((c) => c.name === name)) continue;
    count('column', 'expected');
    if (byName.has(name)) {
      seen.add(name);
      count('column', 'found');
    } else diff({ kind: 'column', name: `${table}.${name}`, status: 'missing' }, owner);
  }
  for (const c of expected) {
    const loose = t.loose.get(c.name) ?? new Set<string>();
    const name = `${table}.${c.name}`;
    count('column', 'expected');
    const a = byName.get(c.name);
    if (!a) {
      diff({ kind: 'column', name, status: 'missing' }, owner);
      continue;
    }
    seen.add(c.name);
    count('column', 'found');
    const sh = shadow?.get(c.name);
    const d = (attribute: StructureDiff['attribute'], exp: string, act: string) =>
      diff({ kind: 'column', name, status: 'different', attribute, expected: exp, actual: act }, owner);
    if (loose.has('all')) continue;
    if (sh && sh.type !== a.type && !loose.has('type')) d('type', sh.type, a.type);
    if (c.notNull !== a.notNull && !(c.identity && a.identity) && !loose.has('nullable'))
      d('nullable', c.notNull ? 'NOT NULL' : 'NULL', a.notNull ? 'NOT NULL' : 'NULL');
    const expIdentity = c.identity ? (c.identity.always ? 'ALWAYS' : 'BY DEFAULT') : '';
    if (expIdentity !== a.identity) d('identity', expIdentity || 'none', a.identity || 'none');
    if (!!c.generated !== a.generated)
      d('generated', c.generated ? 'STORED' : 'none', a.generated ? 'STORED' : 'none');
    else if (
      shadow &&
      !c.identity &&
      !loose.has('default') &&
      (sh?.default ?? null) !== a.default &&
      (c.default || c.generated || a.default)
    )
      d(c.generated ? 'generated' : 'default', sh?.default ?? 'none', a.default ?? 'none');
  }
  for (const a of actual)
    if (!seen.has(a.name)) diff({ kind: 'column', name: `${table}.${a.name}`, status: 'extra' }, owner);
}

const CONTYPE: Record<PgConstraint['kind'], string> = {
  'primary-key': 'p',
  unique: 'u',
  'foreign-key': 'f',
  check: 'c',
};

function compareConstraint(
  table: string,
  c: PgConstraint,
  defaultSchema: string,
  cat: Catalog,
  matched: Set<string>,
  diff: DiffFn,
  count: CountFn,
  owner?: Owner,
  loose = false,
) {
  count('constraint', 'expected');
  const list = cat.constraints.get(table) ?? [];
  const sameColumns = (x: { columns: string[] }) =>
    loose || c.kind === 'check' || x.columns.join(',') === c.columns.join(',');
  const found =
    (c.name ? list.find((x) => x.name === c.name) : undefined) ??
    (c.name
      ? undefined
      : list.find((x) => !matched.has(`${table}.${x.name}`) && x.type === CONTYPE[c.kind] && sameColumns(x)));
  const name = `${table}.${c.name ?? found?.name ?? `(${c.kind} ${c.columns.join(', ')})`}`;
  if (!found) {
    diff({ kind: 'constraint', name, status: 'missing' }, owner);
    return;
  }
  matched.add(`${table}.${found.name}`);
  count('constraint', 'found');
  const d = (attribute: StructureDiff['attribute'], exp: string, act: string) =>
    diff({ kind: 'constraint', name, status: 'different', attribute, expected: exp, actual: act }, owner);
  if (loose) return;
  if (found.type !== CONTYPE[c.kind]) d('kind', c.kind, found.type);
  else if (c.kind !== 'check' && found.columns.join(', ') !== c.columns.join(', '))
    d('columns', c.columns.join(', '), found.columns.join(', '));
  else if (c.references) {
    const ref = `${c.references.table.schema ?? defaultSchema}.${c.references.table.name}`;
    if (ref !== found.references) d('references', ref, found.references ?? 'none');
  }
}

/** Routines and triggers the emitted code defines. */
function compareCode(
  input: CompareInput,
  defaultSchema: string,
  cat: Catalog,
  matched: { fn: Set<string>; trg: Set<string> },
  diff: DiffFn,
  count: CountFn,
) {
  for (const u of input.units) {
    const r = input.results.get(u);
    const owner: Owner = {
      object: u.object,
      ...(u.source ? { source: u.source } : {}),
      ...(r?.status === 'failed' && r.stage === 'apply' ? { reason: 'failed' as const } : {}),
    };
    for (const def of u.info.routines) {
      const name = `${def.schema ?? defaultSchema}.${def.name}`;
      if (matched.fn.has(name)) continue;
      count('routine', 'expected');
      if (cat.routines.has(name)) {
        matched.fn.add(name);
        count('routine', 'found');
      } else diff({ kind: 'routine', name, status: 'missing' }, owner);
    }
    for (const t of u.info.triggers) {
      const name = `${t.schema ?? defaultSchema}.${t.table}.${t.name}`;
      count('trigger', 'expected');
      if (cat.triggers.has(name)) {
        matched.trg.add(name);
        count('trigger', 'found');
      } else diff({ kind: 'trigger', name, status: 'missing' }, owner);
    }
  }
}

function reportExtras(
  cat: Catalog,
  matched: { rel: Set<string>; con: Set<string>; idx: Set<string>; fn: Set<string>; trg: Set<string> },
  diff: DiffFn,
) {
  for (const [name, rel] of cat.relations) {
    if (matched.rel.has(name)) continue;
    const kind: StructureKind = 'rp'.includes(rel.kind)
      ? 'table'
      : rel.kind === 'S'
        ? 'sequence'
        : rel.kind === 'm'
          ? 'materialized view'
          : 'view';
    diff({ kind, name, status: 'extra' });
  }
  for (const [table, list] of cat.constraints) {
    if (!matched.rel.has(table)) continue;
    for (const c of list)
      if (!matched.con.has(`${table}.${c.name}`))
        diff({ kind: 'constraint', name: `${table}.${c.name}`, status: 'extra' });
  }
  for (const [name, idx] of cat.indexes)
    if (!matched.idx.has(name) && !idx.partition) diff({ kind: 'index', name, status: 'extra' });
  for (const name of cat.routines)
    if (!matched.fn.has(name)) diff({ kind: 'routine', name, status: 'extra' });
  for (const name of cat.triggers)
    if (!matched.trg.has(name)) diff({ kind: 'trigger', name, status: 'extra' });
}
