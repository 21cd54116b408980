/**
 * The generator's in-memory model of one synthetic module (a group of related tables), so that
 * foreign keys, views, triggers and package code only refer to objects that exist and have the
 * right columns.
 */
import type { Rng } from './prng.js';
import { NOUNS, STATUS_SETS } from './vocab.js';

/**
 * 'plain': hand-written scripts (lower-case unquoted names, aligned columns).
 * 'metadata': DBMS_METADATA.GET_DDL exports (quoted upper-case names qualified by the owner,
 * ENABLE keywords, full STORAGE clauses, FKs as separate ALTER TABLE statements).
 */
export type Style = 'plain' | 'metadata';

/** Owner used to qualify names in DBMS_METADATA-style modules. */
export const OWNER = 'ERP';

export type ColKind =
  | 'pk'
  | 'fk'
  | 'parent'
  | 'code'
  | 'name'
  | 'status'
  | 'flag'
  | 'money'
  | 'int'
  | 'num'
  | 'text'
  | 'char'
  | 'date'
  | 'ts'
  | 'lob'
  | 'raw'
  | 'interval'
  | 'other'
  | 'virtual'
  | 'user';

export interface Column {
  name: string;
  /** Oracle type as a hand-written script would spell it, e.g. NUMBER(12,2), VARCHAR2(30 CHAR). */
  type: string;
  kind: ColKind;
  notNull: boolean;
  default?: string;
  /** Inline CHECK condition; `{c}` stands for the column name. */
  check?: string;
  /** Expression of a virtual column. */
  virtual?: string;
  identity?: string;
  ref?: Table;
  onDelete?: 'CASCADE' | 'SET NULL';
  /** Longest string literal that fits (string columns). */
  maxLen?: number;
  statusValues?: readonly string[];
}

export type PartitionKind = 'range' | 'interval' | 'list' | 'hash' | 'range-hash';

export interface Table {
  name: string;
  singular: string;
  module: Module;
  columns: Column[];
  pk: Column;
  code: Column;
  nameCol: Column;
  status: Column;
  created: Column;
  fks: Column[];
  parent?: Column;
  partition?: PartitionKind;
  iot: boolean;
  /** Sequence feeding the PK through a trigger (absent for identity columns). */
  seq?: string;
  comment: string;
}

export interface Module {
  index: number;
  prefix: string;
  style: Style;
  tables: Table[];
}

type ColSpec = Omit<Column, 'name'>;

const str = (n: number, unit: '' | ' CHAR' | ' BYTE' = '') => `VARCHAR2(${n}${unit})`;

/** Optional columns: name, weight, factory. */
const POOL: readonly (readonly [string, number, (r: Rng) => ColSpec])[] = [
  [
    'amount',
    6,
    (r) => ({
      kind: 'money',
      type: r.pick(['NUMBER(12,2)', 'NUMBER(15,2)', 'NUMBER(18,4)']),
      notNull: r.chance(0.4),
      default: r.chance(0.5) ? '0' : undefined,
      check: r.chance(0.3) ? '{c} >= 0' : undefined,
    }),
  ],
  ['unit_price', 3, () => ({ kind: 'money', type: 'NUMBER(12,4)', notNull: false })],
  ['tax_amount', 2, () => ({ kind: 'money', type: 'NUMBER(12,2)', notNull: false, default: '0' })],
  [
    'discount_pct',
    2,
    () => ({ kind: 'money', type: 'NUMBER(5,2)', notNull: false, check: '{c} BETWEEN 0 AND 100' }),
  ],
  ['balance', 2, () => ({ kind: 'money', type: 'NUMBER(15,2)', notNull: false })],
  ['credit_limit', 1, () => ({ kind: 'money', type: 'NUMBER(12)', notNull: false })],
  ['weight_kg', 1, () => ({ kind: 'money', type: 'NUMBER(10,3)', notNull: false })],
  [
    'quantity',
    4,
    (r) => ({
      kind: 'int',
      type: r.pick(['NUMBER(10)', 'NUMBER(*,0)', 'INTEGER', 'NUMBER(12,0)']),
      notNull: r.chance(0.5),
      default: '1',
      check: r.chance(0.5) ? '{c} >= 0' : undefined,
    }),
  ],
  ['line_no', 2, () => ({ kind: 'int', type: 'NUMBER(5)', notNull: true })],
  ['priority', 2, () => ({ kind: 'int', type: 'NUMBER(3)', notNull: false, default: '5' })],
  ['version_no', 2, () => ({ kind: 'int', type: 'NUMBER(*,0)', notNull: true, default: '1' })],
  ['retry_count', 1, () => ({ kind: 'int', type: 'NUMBER(3)', notNull: false, default: '0' })],
  ['sort_order', 1, () => ({ kind: 'int', type: 'NUMBER(6)', notNull: false })],
  ['score', 1, () => ({ kind: 'num', type: 'NUMBER', notNull: false })],
  ['ratio', 1, (r) => ({ kind: 'num', type: r.pick(['FLOAT(126)', 'FLOAT', 'FLOAT(63)']), notNull: false })],
  ['rating', 1, () => ({ kind: 'num', type: 'BINARY_FLOAT', notNull: false })],
  ['measure_value', 1, () => ({ kind: 'num', type: 'BINARY_DOUBLE', notNull: false })],
  [
    'description',
    5,
    (r) => ({
      kind: 'text',
      type: r.pick([str(4000, ' BYTE'), str(2000, ' CHAR'), str(1000)]),
      notNull: false,
      maxLen: 1000,
    }),
  ],
  ['notes', 2, () => ({ kind: 'text', type: str(2000, ' CHAR'), notNull: false, maxLen: 2000 })],
  ['email', 2, () => ({ kind: 'text', type: str(254, ' CHAR'), notNull: false, maxLen: 254 })],
  ['phone_number', 2, () => ({ kind: 'text', type: str(30), notNull: false, maxLen: 30 })],
  ['first_name', 1, () => ({ kind: 'text', type: str(80, ' CHAR'), notNull: false, maxLen: 80 })],
  ['last_name', 1, () => ({ kind: 'text', type: str(80, ' CHAR'), notNull: true, maxLen: 80 })],
  ['city', 2, () => ({ kind: 'text', type: str(60, ' CHAR'), notNull: false, maxLen: 60 })],
  ['postal_code', 1, () => ({ kind: 'text', type: str(12, ' BYTE'), notNull: false, maxLen: 12 })],
  ['country_code', 2, () => ({ kind: 'char', type: 'CHAR(2)', notNull: false, maxLen: 2 })],
  ['currency_code', 3, () => ({ kind: 'char', type: 'CHAR(3)', notNull: true, default: "'EUR'", maxLen: 3 })],
  ['external_ref', 2, () => ({ kind: 'text', type: str(64), notNull: false, maxLen: 64 })],
  ['title', 1, () => ({ kind: 'text', type: 'NVARCHAR2(200)', notNull: false, maxLen: 200 })],
  ['legacy_code', 1, () => ({ kind: 'char', type: 'CHAR(10 BYTE)', notNull: false, maxLen: 10 })],
  [
    'active_flag',
    3,
    () => ({
      kind: 'flag',
      type: 'CHAR(1)',
      notNull: true,
      default: "'Y'",
      check: "{c} IN ('Y', 'N')",
      maxLen: 1,
    }),
  ],
  [
    'approved_flag',
    1,
    () => ({ kind: 'flag', type: 'CHAR(1 CHAR)', notNull: false, default: "'N'", maxLen: 1 }),
  ],
  ['valid_from', 2, () => ({ kind: 'date', type: 'DATE', notNull: true, default: 'TRUNC(SYSDATE)' })],
  ['valid_to', 2, () => ({ kind: 'date', type: 'DATE', notNull: false })],
  ['due_date', 2, () => ({ kind: 'date', type: 'DATE', notNull: false })],
  ['birth_date', 1, () => ({ kind: 'date', type: 'DATE', notNull: false })],
  ['shipped_at', 1, () => ({ kind: 'ts', type: 'TIMESTAMP(6)', notNull: false })],
  [
    'event_ts',
    1,
    () => ({ kind: 'ts', type: 'TIMESTAMP(3) WITH TIME ZONE', notNull: false, default: 'SYSTIMESTAMP' }),
  ],
  ['last_login', 1, () => ({ kind: 'ts', type: 'TIMESTAMP WITH LOCAL TIME ZONE', notNull: false })],
  ['payload', 2, () => ({ kind: 'lob', type: 'CLOB', notNull: false })],
  ['document', 1, () => ({ kind: 'lob', type: 'BLOB', notNull: false })],
  ['long_text', 1, () => ({ kind: 'lob', type: 'NCLOB', notNull: false })],
  ['guid', 1, () => ({ kind: 'raw', type: 'RAW(16)', notNull: true, default: 'SYS_GUID()' })],
  ['hash_value', 1, () => ({ kind: 'raw', type: 'RAW(32)', notNull: false })],
  ['duration', 1, () => ({ kind: 'interval', type: 'INTERVAL DAY(3) TO SECOND(2)', notNull: false })],
  ['term', 1, () => ({ kind: 'interval', type: 'INTERVAL YEAR(2) TO MONTH', notNull: false })],
  ['src_rowid', 0.3, () => ({ kind: 'other', type: 'UROWID', notNull: false })],
  ['xml_doc', 0.3, () => ({ kind: 'other', type: 'XMLTYPE', notNull: false })],
];

const POOL_WEIGHTS = POOL.map((p, i) => [i, p[1]] as const);

function pkType(r: Rng): string {
  return r.weighted([
    ['NUMBER(12)', 4],
    ['NUMBER(10)', 3],
    ['NUMBER(*,0)', 1],
    ['NUMBER(18)', 1],
    ['NUMBER', 1],
  ]);
}

/** Builds one table of `mod`, with foreign keys to earlier tables of the module or to `shared`. */
export function buildTable(
  r: Rng,
  mod: Module,
  noun: readonly [string, string],
  shared: readonly Table[],
): Table {
  const [plural, singular] = noun;
  const name = `${mod.prefix}_${plural}`;
  const used = new Set<string>();
  const cols: Column[] = [];
  const add = (c: Column) => {
    let n = c.name;
    for (let k = 2; used.has(n); k++) n = `${c.name}${k}`;
    used.add(n);
    c.name = n;
    cols.push(c);
    return c;
  };

  const identity = r.chance(0.1)
    ? r.pick([
        'GENERATED BY DEFAULT ON NULL AS IDENTITY',
        'GENERATED ALWAYS AS IDENTITY (START WITH 1000 CACHE 50)',
      ])
    : undefined;
  const pk = add({
    name: r.chance(0.15) ? 'id' : `${singular}_id`,
    type: identity ? 'NUMBER(12)' : pkType(r),
    kind: 'pk',
    notNull: true,
    identity,
  });
  const codeLen = r.pick([20, 30, 40]);
  const code = add({
    name: r.pick(['code', 'code', `${singular.split('_').pop()}_code`, 'doc_number']),
    type: r.pick([str(codeLen, ' CHAR'), str(codeLen), str(codeLen, ' BYTE')]),
    kind: 'code',
    notNull: true,
    maxLen: codeLen,
  });
  const nameCol = add({
    name: r.pick(['name', 'name', 'display_name', 'short_desc']),
    type: r.pick([str(120, ' CHAR'), str(240), str(100, ' BYTE')]),
    kind: 'name',
    notNull: r.chance(0.7),
    maxLen: 100,
  });

  // Foreign keys: earlier tables of the module first, sometimes a shared (core) table.
  const fks: Column[] = [];
  const candidates = mod.tables.slice(-4);
  const nFk = Math.min(
    candidates.length,
    r.weighted([
      [0, 2],
      [1, 4],
      [2, 3],
      [3, 1],
    ]),
  );
  const targets = r.sample(candidates, nFk);
  if (shared.length && r.chance(0.35)) targets.push(r.pick(shared));
  for (const t of targets) {
    const notNull = r.chance(0.6);
    fks.push(
      add({
        name: `${t.singular}_id`,
        type: t.pk.type,
        kind: 'fk',
        notNull,
        ref: t,
        onDelete: r.chance(0.25)
          ? notNull
            ? 'CASCADE'
            : r.pick(['CASCADE', 'SET NULL'] as const)
          : undefined,
      }),
    );
  }
  let parent: Column | undefined;
  if (r.chance(0.25)) {
    parent = add({ name: `parent_${singular}_id`, type: pk.type, kind: 'parent', notNull: false });
  }

  const nExtra = r.weighted([
    [r.int(2, 5), 3],
    [r.int(6, 12), 4],
    [r.int(13, 25), 1],
  ]);
  for (let i = 0; i < nExtra; i++) {
    const [colName, , make] = POOL[r.weighted(POOL_WEIGHTS)];
    if (used.has(colName)) continue;
    add({ name: colName, ...make(r) });
  }

  const statusValues = r.pick(STATUS_SETS);
  const status = add({
    name: 'status',
    type: r.pick([str(12, ' CHAR'), str(12), str(20, ' BYTE')]),
    kind: 'status',
    notNull: true,
    default: `'${statusValues[0]}'`,
    check: `{c} IN (${statusValues.map((v) => `'${v}'`).join(', ')})`,
    statusValues,
    maxLen: 12,
  });

  let partition: PartitionKind | undefined;
  const hasLob = cols.some((c) => c.kind === 'lob');
  const iot = !hasLob && !cols.some((c) => c.kind === 'other') && r.chance(0.04);
  if (!iot && r.chance(0.12)) {
    partition = r.weighted([
      ['range', 3],
      ['interval', 2],
      ['list', 2],
      ['hash', 2],
      ['range-hash', 1],
    ] as const);
    if (partition === 'list')
      add({
        name: 'region_code',
        type: str(8),
        kind: 'text',
        notNull: true,
        default: "'EMEA'",
        maxLen: 8,
      });
  }
  if (!iot && r.chance(0.08)) {
    add(
      r.chance(0.5)
        ? {
            name: `${code.name}_upper`,
            type: str(codeLen, ' CHAR'),
            kind: 'virtual',
            notNull: false,
            virtual: `UPPER(${code.name})`,
          }
        : { name: 'code_length', type: '', kind: 'virtual', notNull: false, virtual: `LENGTH(${code.name})` },
    );
  }
  const created = add({
    name: 'created_at',
    type: 'DATE',
    kind: 'date',
    notNull: true,
    default: 'SYSDATE',
  });
  add({ name: 'created_by', type: str(128), kind: 'user', notNull: true, default: 'USER', maxLen: 30 });
  if (r.chance(0.7))
    add({
      name: 'updated_at',
      type: r.pick(['DATE', 'TIMESTAMP(6)', 'TIMESTAMP']),
      kind: 'ts',
      notNull: false,
    });
  if (r.chance(0.5)) add({ name: 'updated_by', type: str(128), kind: 'user', notNull: false, maxLen: 30 });

  return {
    name,
    singular,
    module: mod,
    columns: cols,
    pk,
    code,
    nameCol,
    status,
    created,
    fks,
    parent,
    partition,
    iot,
    seq: identity ? undefined : `${name}_seq`,
    comment: '',
  };
}

/** Picks the nouns of a module: 4–12 distinct entities. */
export function moduleNouns(r: Rng): (readonly [string, string])[] {
  return r.sample(
    NOUNS,
    r.weighted([
      [r.int(3, 6), 3],
      [r.int(7, 12), 3],
      [r.int(13, 18), 1],
    ]),
  );
}

export function ident(style: Style, name: string): string {
  return style === 'metadata' ? `"${name.toUpperCase()}"` : name;
}

/** A schema object's name as written in a statement of the given style. */
export function objName(style: Style, name: string): string {
  return style === 'metadata' ? `"${OWNER}"."${name.toUpperCase()}"` : name;
}

export const numericKinds: ReadonlySet<ColKind> = new Set(['money', 'int', 'num']);

/** An expression of the column's type, for INSERT/MERGE/UPDATE values in generated code. */
export function sampleValue(c: Column, r: Rng): string {
  switch (c.kind) {
    case 'status':
      return `'${c.statusValues![0]}'`;
    case 'flag':
      return r.chance(0.5) ? "'Y'" : "'N'";
    case 'money':
    case 'int':
    case 'num':
      return String(r.int(0, 99));
    case 'date':
      return r.chance(0.5) ? 'SYSDATE' : 'TRUNC(SYSDATE)';
    case 'ts':
      return 'SYSTIMESTAMP';
    case 'raw':
      return 'SYS_GUID()';
    case 'user':
      return 'USER';
    case 'lob':
      return c.type === 'BLOB' ? 'EMPTY_BLOB()' : 'EMPTY_CLOB()';
    case 'interval':
      return c.type.startsWith('INTERVAL DAY') ? "INTERVAL '1' DAY" : "INTERVAL '1' YEAR";
    case 'char':
    case 'text':
    case 'code':
    case 'name':
      return `'${'X'.repeat(Math.min(c.maxLen ?? 1, r.int(1, 3)))}'`;
    default:
      return 'NULL';
  }
}
