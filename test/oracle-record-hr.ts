// biome-ignore-all lint/suspicious/useIterableCallbackReturn: forEach callbacks call the push() helper
/**
 * Writes fixtures/catalog/hr_app/rows.json: the rows the catalog queries of src/source/oracle/queries.ts
 * return on an Oracle 19c database where examples/hr was installed (then used a little: reference
 * data loaded, statistics gathered, two interval partitions created by inserts).
 *
 * There is no Oracle server here, so the rows are derived from the example's DDL and written the way
 * Oracle's dictionary shows them: NOT NULL as SYS_C… check constraints, unnamed constraints with
 * generated names, DATA_LENGTH in bytes (VARCHAR2(60 CHAR) → 240 in AL32UTF8), TIMESTAMP(6),
 * INTERVAL DAY(2) TO SECOND(6) spelled out, DATA_DEFAULT and SEARCH_CONDITION as typed, view TEXT
 * without its WITH READ ONLY / CHECK OPTION clause (those are constraints of type O and V),
 * function-based and DESC index columns as SYS_NC…$ with normalised expressions, partition bounds as
 * HIGH_VALUE text (TO_DATE(' 2024-01-01 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', 'NLS_CALENDAR=GREGORIAN')),
 * system-named hash partitions, PL/SQL from ALL_SOURCE without CREATE OR REPLACE, LOB and IOT
 * segments in DBA_SEGMENTS. A second schema (SCOTT) is present so owner filtering is exercised.
 *
 *   npx tsx test/oracle-record-hr.ts      (read the diff of the JSON before committing it)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IToken } from 'chevrotain';
import type {
  ColumnDef,
  Constraint,
  CreateIndex,
  CreateTable,
  CreateView,
  Statement,
} from '../src/ast/ddl.js';
import type { DataType, Expr } from '../src/ast/expr.js';
import type { Query } from '../src/ast/query.js';
import { parseSources } from '../src/convert/index.js';
import { lex } from '../src/parser/lexer.js';
import { readSources, readTextFile } from '../src/source/files.js';

type Row = Record<string, string | number | null>;
const OWNER = 'HR_APP';
const OUT = join(import.meta.dirname, '..', 'fixtures', 'catalog', 'hr_app', 'rows.json');

const parsed = parseSources(
  readSources([join(import.meta.dirname, '..', 'examples', 'hr')]),
  {},
  readTextFile,
);
const statements = parsed.statements;

const rows: Record<string, Row[]> = {};
const push = (q: string, r: Row) => {
  rows[q] ??= [];
  rows[q].push(r);
};

let sysc = 10480;
const sysName = () => `SYS_C00${++sysc}`;
let sysnc = 0;

// ── text extraction from the statements as typed ────────────────────────────────────────────────

function tokens(text: string): IToken[] {
  return lex(text).tokens;
}
const up = (t: IToken | undefined) => t?.image.toUpperCase() ?? '';

/** Index of the ')' matching the '(' at `open`. */
function closing(toks: IToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    if (toks[i].image === '(') depth++;
    else if (toks[i].image === ')' && --depth === 0) return i;
  }
  throw new Error('unbalanced parentheses');
}

/** CHECK conditions by constraint name and DEFAULT texts by column, as typed. */
function texts(source: string) {
  const toks = tokens(source);
  const checks = new Map<string, string>();
  const defaults = new Map<string, string>();
  for (let i = 0; i < toks.length; i++) {
    if (up(toks[i]) === 'CHECK' && toks[i + 1]?.image === '(') {
      const close = closing(toks, i + 1);
      const cond = source.slice(toks[i + 1].endOffset! + 1, toks[close].startOffset);
      let j = i - 1;
      while (j >= 0 && up(toks[j - 1]) !== 'CONSTRAINT') j--;
      if (j < 0) throw new Error(`unnamed CHECK in ${source.slice(0, 60)}`);
      checks.set(up(toks[j]), cond);
    }
  }
  // Column items of CREATE TABLE: split the first parenthesised list at depth-1 commas.
  if (/^CREATE\s+(GLOBAL\s+TEMPORARY\s+)?TABLE/i.test(source)) {
    const open = toks.findIndex((t) => t.image === '(');
    const close = closing(toks, open);
    let start = open + 1;
    let depth = 0;
    for (let i = open + 1; i <= close; i++) {
      const t = toks[i];
      if (t.image === '(') depth++;
      else if (t.image === ')') depth--;
      if ((t.image === ',' && depth === 0) || i === close) {
        const item = toks.slice(start, i);
        start = i + 1;
        const d = item.findIndex((x) => up(x) === 'DEFAULT');
        if (d < 0 || ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK'].includes(up(item[0]))) continue;
        let k = d + 1;
        let dd = 0;
        for (; k < item.length; k++) {
          if (item[k].image === '(') dd++;
          else if (item[k].image === ')') dd--;
          if (
            dd === 0 &&
            ['NOT', 'NULL', 'CONSTRAINT', 'CHECK', 'REFERENCES', 'PRIMARY', 'UNIQUE'].includes(up(item[k]))
          )
            break;
        }
        const end = k < item.length ? item[k].startOffset : item[item.length - 1].endOffset! + 1;
        defaults.set(up(item[0]), source.slice(item[d + 1].startOffset, end));
      }
    }
  }
  return { checks, defaults };
}

/** View text after AS, without the WITH READ ONLY / WITH CHECK OPTION clause. */
function viewText(source: string): string {
  const toks = tokens(source);
  let depth = 0;
  let asAt = -1;
  let withAt = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.image === '(') depth++;
    else if (t.image === ')') depth--;
    else if (depth === 0 && up(t) === 'AS' && asAt < 0) asAt = i;
    else if (depth === 0 && up(t) === 'WITH' && ['READ', 'CHECK'].includes(up(toks[i + 1]))) withAt = i;
  }
  const end = withAt > 0 ? toks[withAt].startOffset : source.length;
  return source.slice(toks[asAt + 1].startOffset, end).trimEnd();
}

/** Oracle's normalised expression text (virtual columns, index expressions). */
function norm(e: Expr): string {
  switch (e.kind) {
    case 'column':
      return e.parts.map((p) => `"${p}"`).join('.');
    case 'literal':
      return e.type === 'string' ? `'${e.value.replace(/'/g, "''")}'` : e.value;
    case 'call':
      return `${e.name.join('.')}(${e.args.map((a) => norm(a.value)).join(',')})`;
    case 'binary':
      return `${norm(e.left)}${e.op}${norm(e.right)}`;
    case 'is-null':
      return `${norm(e.operand)} IS ${e.not ? 'NOT ' : ''}NULL`;
    case 'case':
      return `CASE  ${e.whens.map((w) => `WHEN ${norm(w.when)} THEN ${norm(w.then)}`).join(' ')}${e.else ? ` ELSE ${norm(e.else)}` : ''} END`;
    case 'pseudo':
      return e.name;
    default:
      throw new Error(`no normalised form for ${e.kind}`);
  }
}

// ── catalog spellings of types ──────────────────────────────────────────────────────────────────

function typeRow(t: DataType): Row {
  const base = {
    DATA_TYPE: t.name,
    DATA_LENGTH: 22,
    DATA_PRECISION: null,
    DATA_SCALE: null,
    CHAR_LENGTH: 0,
    CHAR_USED: null,
  } as Row;
  const a = t.args as (number | '*')[];
  switch (t.name) {
    case 'NUMBER':
      return {
        ...base,
        DATA_PRECISION: a[0] === '*' || a[0] === undefined ? null : a[0],
        DATA_SCALE: a.length ? ((a[1] as number) ?? 0) : null,
      };
    case 'INTEGER':
      return { ...base, DATA_TYPE: 'NUMBER', DATA_SCALE: 0 };
    case 'FLOAT':
      return { ...base, DATA_PRECISION: (a[0] as number) ?? 126 };
    case 'BINARY_DOUBLE':
      return { ...base, DATA_LENGTH: 8 };
    case 'VARCHAR2':
    case 'CHAR': {
      const n = (a[0] as number) ?? 1;
      const chars = t.semantics === 'CHAR';
      return { ...base, DATA_LENGTH: chars ? n * 4 : n, CHAR_LENGTH: n, CHAR_USED: chars ? 'C' : 'B' };
    }
    case 'NVARCHAR2':
      return { ...base, DATA_LENGTH: (a[0] as number) * 2, CHAR_LENGTH: a[0] as number, CHAR_USED: 'C' };
    case 'DATE':
      return { ...base, DATA_LENGTH: 7 };
    case 'TIMESTAMP': {
      const p = (a[0] as number) ?? 6;
      const tz =
        t.timeZone === 'TZ' ? ' WITH TIME ZONE' : t.timeZone === 'LTZ' ? ' WITH LOCAL TIME ZONE' : '';
      return {
        ...base,
        DATA_TYPE: `TIMESTAMP(${p})${tz}`,
        DATA_LENGTH: t.timeZone === 'TZ' ? 13 : 11,
        DATA_SCALE: p,
      };
    }
    case 'INTERVAL': {
      const i = t.interval!;
      if (i.from === 'YEAR')
        return {
          ...base,
          DATA_TYPE: `INTERVAL YEAR(${i.fromPrecision ?? 2}) TO MONTH`,
          DATA_LENGTH: 5,
          DATA_PRECISION: i.fromPrecision ?? 2,
          DATA_SCALE: 0,
        };
      return {
        ...base,
        DATA_TYPE: `INTERVAL DAY(${i.fromPrecision ?? 2}) TO SECOND(${i.toPrecision ?? 6})`,
        DATA_LENGTH: 11,
        DATA_PRECISION: i.fromPrecision ?? 2,
        DATA_SCALE: i.toPrecision ?? 6,
      };
    }
    case 'RAW':
      return { ...base, DATA_LENGTH: a[0] as number };
    case 'BLOB':
    case 'CLOB':
      return { ...base, DATA_LENGTH: 4000 };
    case 'LONG':
      return { ...base, DATA_LENGTH: 0 };
    default:
      throw new Error(`type ${t.name} not recorded`);
  }
}

/** Oracle NUMBER internal format of a non-negative integer (LOW_VALUE / HIGH_VALUE). */
function oraNumber(n: number): string {
  if (n === 0) return '80';
  let digits = String(n);
  if (digits.length % 2) digits = `0${digits}`;
  const pairs = digits.match(/../g)!.map(Number);
  while (pairs[pairs.length - 1] === 0) pairs.pop();
  const exp = digits.length / 2 - 1;
  return [193 + exp, ...pairs.map((p) => p + 1)]
    .map((b) => b.toString(16).toUpperCase().padStart(2, '0'))
    .join('');
}

// ── the schema ──────────────────────────────────────────────────────────────────────────────────

const tables = statements.filter((s): s is CreateTable => s.kind === 'create-table');
const tableByName = new Map(tables.map((t) => [t.name.name, t]));
const alters = statements.filter((s) => s.kind === 'alter-table');
const checksText = new Map<string, string>();
for (const s of [...tables, ...alters]) for (const [k, v] of texts(s.source!).checks) checksText.set(k, v);

// ALTER TABLE … ADD / MODIFY constraints join their tables, as Oracle stores them.
for (const a of alters) {
  if (a.kind !== 'alter-table') continue;
  const t = tableByName.get(a.table.name)!;
  for (const act of a.actions) {
    if (act.kind === 'add-constraint') t.constraints.push(act.constraint);
    if (act.kind === 'modify-column')
      for (const c of act.column.constraints) t.constraints.push({ ...c, columns: [act.column.name] });
  }
}

const STATS = '2024-03-01T02:00:00.000Z';
const ROWS: Record<string, number> = {
  COUNTRIES: 5,
  JOB_GRADES: 4,
  JOBS: 5,
  PAY_ELEMENTS: 5,
  APP_PARAMETERS: 3,
  PAY_PERIODS: 12,
  LEGACY_EMPLOYEE_NOTES: 48213,
  TIME_ENTRIES: 1830,
};
const PARTITIONED = new Set(tables.filter((t) => t.partition).map((t) => t.name.name));
const pkOf = new Map<string, Constraint>();
const consName = new Map<Constraint, string>();

for (const t of tables) {
  const name = t.name.name;
  const all = [
    ...t.constraints,
    ...t.columns.flatMap((c) =>
      c.constraints
        .filter((k) => k.kind !== 'not-null')
        .map((k) => ({ ...k, columns: k.columns.length ? k.columns : [c.name] })),
    ),
  ];
  t.constraints = all;
  for (const c of all) {
    consName.set(c, c.name ?? sysName());
    if (c.kind === 'primary-key') pkOf.set(name, c);
  }
  const src = texts(t.source!);
  const n = ROWS[name] ?? 0;
  const part = PARTITIONED.has(name);
  const compress = /\bCOMPRESS\b/i.test(t.source!);
  push('tables', {
    OWNER,
    TABLE_NAME: name,
    TABLESPACE_NAME: t.temporary || part || t.organization === 'INDEX' ? null : 'USERS',
    IOT_TYPE: t.organization === 'INDEX' ? 'IOT' : null,
    TEMPORARY: t.temporary ? 'Y' : 'N',
    DURATION: t.temporary ? (t.temporary.onCommit === 'DELETE' ? 'SYS$TRANSACTION' : 'SYS$SESSION') : null,
    PARTITIONED: part ? 'YES' : 'NO',
    NESTED: 'NO',
    NUM_ROWS: t.temporary ? null : n,
    BLOCKS: t.temporary ? null : n ? Math.max(5, Math.ceil(n / 60)) : 0,
    AVG_ROW_LEN: t.temporary ? null : n ? 64 : 0,
    LAST_ANALYZED: t.temporary ? null : STATS,
    COMPRESSION: part ? null : compress ? 'ENABLED' : 'DISABLED',
    LOGGING: part ? null : /\bNOLOGGING\b/i.test(t.source!) ? 'NO' : 'YES',
    DEGREE: '1',
    ROW_MOVEMENT: /ENABLE\s+ROW\s+MOVEMENT/i.test(t.source!) ? 'ENABLED' : 'DISABLED',
    EXTERNAL: 'NO',
  });
  const pkCols = new Set(pkOf.get(name)?.columns ?? []);
  t.columns.forEach((c: ColumnDef, i) => {
    const notNull = c.constraints.some((k) => k.kind === 'not-null');
    const virtual = c.virtual ? norm(c.virtual) : undefined;
    const identity = !!c.identity;
    const stats = name === 'LEGACY_EMPLOYEE_NOTES' && (c.name === 'NOTE_ID' || c.name === 'EMPLOYEE_ID');
    push('columns', {
      OWNER,
      TABLE_NAME: name,
      COLUMN_NAME: c.name,
      ...typeRow(c.type!),
      DATA_TYPE_OWNER: null,
      NULLABLE: notNull || pkCols.has(c.name) || identity ? 'N' : 'Y',
      COLUMN_ID: i + 1,
      DATA_DEFAULT: identity
        ? `"${OWNER}"."ISEQ$$_74388".nextval`
        : (virtual ?? src.defaults.get(c.name) ?? null),
      HIDDEN_COLUMN: 'NO',
      VIRTUAL_COLUMN: virtual ? 'YES' : 'NO',
      DEFAULT_ON_NULL: 'NO',
      IDENTITY_COLUMN: identity ? 'YES' : 'NO',
      NUM_DISTINCT: stats ? (c.name === 'NOTE_ID' ? 48213 : 1907) : n ? n : null,
      NUM_NULLS: stats ? (c.name === 'NOTE_ID' ? 0 : 312) : n ? 0 : null,
      LOW_VALUE: stats ? oraNumber(c.name === 'NOTE_ID' ? 1 : 100) : null,
      HIGH_VALUE: stats ? oraNumber(c.name === 'NOTE_ID' ? 48213 : 88412) : null,
    });
    if (identity)
      push('identity', {
        OWNER,
        TABLE_NAME: name,
        COLUMN_NAME: c.name,
        GENERATION_TYPE: c.identity!.always ? 'ALWAYS' : 'BY DEFAULT',
        SEQUENCE_NAME: 'ISEQ$$_74388',
        IDENTITY_OPTIONS:
          'START WITH: 1, INCREMENT BY: 1, MAX_VALUE: 9999999999999999999999999999, MIN_VALUE: 1, CYCLE_FLAG: N, CACHE_SIZE: 20, ORDER_FLAG: N, SCALE_FLAG: N, EXTEND_FLAG: N, SESSION_FLAG: N, KEEP_VALUE: N',
      });
    if (notNull) {
      const nn = c.constraints.find((k) => k.kind === 'not-null')!;
      const cn = nn.name ?? sysName();
      push(
        'constraints',
        consRow(name, cn, 'C', {
          SEARCH_CONDITION: `"${c.name}" IS NOT NULL`,
          GENERATED: nn.name ? 'USER NAME' : 'GENERATED NAME',
        }),
      );
      push('constraintColumns', {
        OWNER,
        CONSTRAINT_NAME: cn,
        TABLE_NAME: name,
        COLUMN_NAME: c.name,
        POSITION: null,
      });
    }
  });
}

function consRow(table: string, name: string, type: string, extra: Row = {}): Row {
  return {
    OWNER,
    CONSTRAINT_NAME: name,
    CONSTRAINT_TYPE: type,
    TABLE_NAME: table,
    SEARCH_CONDITION: null,
    R_OWNER: null,
    R_CONSTRAINT_NAME: null,
    DELETE_RULE: null,
    STATUS: 'ENABLED',
    DEFERRABLE: 'NOT DEFERRABLE',
    DEFERRED: 'IMMEDIATE',
    VALIDATED: 'VALIDATED',
    GENERATED: 'USER NAME',
    RELY: null,
    INDEX_NAME: null,
    ...extra,
  };
}

function columnsIn(e: Expr, out = new Set<string>()): Set<string> {
  const walk = (x: unknown) => {
    if (!x || typeof x !== 'object') return;
    const o = x as { kind?: string; parts?: string[] };
    if (o.kind === 'column' && o.parts) out.add(o.parts[o.parts.length - 1]);
    for (const v of Object.values(o)) walk(v);
  };
  walk(e);
  return out;
}

const indexOfConstraint = new Map<string, { table: string; type: string; unique: boolean }>();
for (const t of tables) {
  const table = t.name.name;
  for (const c of t.constraints) {
    const name = consName.get(c)!;
    const state = {
      STATUS: c.state.enabled ? 'ENABLED' : 'DISABLED',
      VALIDATED: c.state.enabled && c.state.validate !== false ? 'VALIDATED' : 'NOT VALIDATED',
      DEFERRABLE: c.state.deferrable ? 'DEFERRABLE' : 'NOT DEFERRABLE',
      DEFERRED: c.state.initiallyDeferred ? 'DEFERRED' : 'IMMEDIATE',
      GENERATED: c.name ? 'USER NAME' : 'GENERATED NAME',
    };
    const cols = (list: string[]) =>
      list.forEach((col, i) =>
        push('constraintColumns', {
          OWNER,
          CONSTRAINT_NAME: name,
          TABLE_NAME: table,
          COLUMN_NAME: col,
          POSITION: i + 1,
        }),
      );
    if (c.kind === 'primary-key' || c.kind === 'unique') {
      push(
        'constraints',
        consRow(table, name, c.kind === 'primary-key' ? 'P' : 'U', { ...state, INDEX_NAME: name }),
      );
      cols(c.columns);
      const reverse = c.kind === 'primary-key' && /USING\s+INDEX\s+REVERSE/i.test(t.source!);
      indexOfConstraint.set(name, {
        table,
        type:
          t.organization === 'INDEX' && c.kind === 'primary-key'
            ? 'IOT - TOP'
            : reverse
              ? 'NORMAL/REV'
              : 'NORMAL',
        unique: true,
      });
      if (!c.name) throw new Error('unnamed key');
    } else if (c.kind === 'foreign-key') {
      const target = c.references!.table.name;
      const refCols = c.references!.columns.length ? c.references!.columns : pkOf.get(target)!.columns;
      const ref = tableByName
        .get(target)!
        .constraints.find(
          (k) => (k.kind === 'primary-key' || k.kind === 'unique') && k.columns.join() === refCols.join(),
        )!;
      push(
        'constraints',
        consRow(table, name, 'R', {
          ...state,
          R_OWNER: OWNER,
          R_CONSTRAINT_NAME: consName.get(ref)!,
          DELETE_RULE: c.references!.onDelete ?? 'NO ACTION',
        }),
      );
      cols(c.columns);
    } else if (c.kind === 'check') {
      const text = checksText.get(name);
      if (text === undefined) throw new Error(`no text for check ${name}`);
      push('constraints', consRow(table, name, 'C', { ...state, SEARCH_CONDITION: text }));
      for (const col of [...columnsIn(c.check!)].sort())
        push('constraintColumns', {
          OWNER,
          CONSTRAINT_NAME: name,
          TABLE_NAME: table,
          COLUMN_NAME: col,
          POSITION: null,
        });
    }
  }
}

// ── indexes ─────────────────────────────────────────────────────────────────────────────────────

const indexes = statements.filter((s): s is CreateIndex => s.kind === 'create-index');
for (const [name, k] of indexOfConstraint) {
  const table = tableByName.get(k.table)!;
  push(
    'indexes',
    indexRow(name, k.table, k.type, true, { TABLESPACE_NAME: 'USERS', PARTITIONED: 'NO', GENERATED: 'N' }),
  );
  const pk = table.constraints.find((c) => consName.get(c) === name)!;
  pk.columns.forEach((col, i) =>
    push('indexColumns', {
      INDEX_OWNER: OWNER,
      INDEX_NAME: name,
      TABLE_OWNER: OWNER,
      TABLE_NAME: k.table,
      COLUMN_NAME: col,
      COLUMN_POSITION: i + 1,
      DESCEND: 'ASC',
    }),
  );
}
for (const ix of indexes) {
  const name = ix.name.name;
  const table = ix.table.name;
  const functional = ix.columns.some((c) => c.expr.kind !== 'column' || c.desc);
  const src = ix.source!;
  const lastLogging = /\bLOGGING\s*;?\s*$/i;
  const alterLater = statements.some(
    (s) => s.kind === 'unsupported' && /ALTER INDEX/i.test(s.text) && s.text.toUpperCase().includes(name),
  );
  push(
    'indexes',
    indexRow(
      name,
      table,
      `${functional ? 'FUNCTION-BASED ' : ''}${ix.bitmap ? 'BITMAP' : 'NORMAL'}`,
      ix.unique,
      {
        COMPRESSION: /\bCOMPRESS\b/i.test(src) ? 'ENABLED' : 'DISABLED',
        LOGGING: /\bNOLOGGING\b/i.test(src) && !alterLater ? 'NO' : 'YES',
        PARTITIONED: ix.local ? 'YES' : 'NO',
        TABLESPACE_NAME: ix.local ? null : 'USERS',
        GENERATED: 'N',
      },
    ),
  );
  void lastLogging;
  ix.columns.forEach((c, i) => {
    const hidden = c.expr.kind !== 'column' || c.desc;
    const colName = hidden
      ? `SYS_NC000${String(30 + ++sysnc).padStart(2, '0')}$`
      : (c.expr as { parts: string[] }).parts[0];
    push('indexColumns', {
      INDEX_OWNER: OWNER,
      INDEX_NAME: name,
      TABLE_OWNER: OWNER,
      TABLE_NAME: table,
      COLUMN_NAME: colName,
      COLUMN_POSITION: i + 1,
      DESCEND: c.desc ? 'DESC' : 'ASC',
    });
    if (hidden)
      push('indexExpressions', {
        INDEX_OWNER: OWNER,
        INDEX_NAME: name,
        TABLE_OWNER: OWNER,
        TABLE_NAME: table,
        COLUMN_EXPRESSION: norm(c.expr),
        COLUMN_POSITION: i + 1,
      });
  });
  if (ix.local)
    push('partIndexes', {
      OWNER,
      INDEX_NAME: name,
      TABLE_NAME: table,
      PARTITIONING_TYPE: tableByName.get(table)!.partition!.method,
      LOCALITY: 'LOCAL',
    });
}

function indexRow(name: string, table: string, type: string, unique: boolean, extra: Row): Row {
  return {
    OWNER,
    INDEX_NAME: name,
    INDEX_TYPE: type,
    TABLE_OWNER: OWNER,
    TABLE_NAME: table,
    UNIQUENESS: unique ? 'UNIQUE' : 'NONUNIQUE',
    COMPRESSION: 'DISABLED',
    TABLESPACE_NAME: 'USERS',
    LOGGING: 'YES',
    DEGREE: '1',
    PARTITIONED: 'NO',
    GENERATED: 'N',
    VISIBILITY: 'VISIBLE',
    ...extra,
  };
}

// ── partitions ──────────────────────────────────────────────────────────────────────────────────

function highValue(list: Expr[]): string {
  return list
    .map((e) => {
      if (e.kind === 'typed-literal' && e.type === 'DATE')
        return `TO_DATE(' ${e.value} 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', 'NLS_CALENDAR=GREGORIAN')`;
      if (e.kind === 'call' && e.name[0] === 'TO_DATE' && e.args[0].value.kind === 'literal')
        return `TO_DATE(' ${e.args[0].value.value} 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', 'NLS_CALENDAR=GREGORIAN')`;
      if (e.kind === 'pseudo' || e.kind === 'column') return 'MAXVALUE';
      if (e.kind === 'literal') return e.type === 'string' ? `'${e.value}'` : e.value;
      throw new Error(`high value ${e.kind}`);
    })
    .join(', ');
}

let sysp = 2030;
for (const t of tables.filter((x) => x.partition)) {
  const p = t.partition!;
  const interval = p.interval ? "NUMTOYMINTERVAL(1,'MONTH')" : null;
  push('partTables', {
    OWNER,
    TABLE_NAME: t.name.name,
    PARTITIONING_TYPE: p.method,
    SUBPARTITIONING_TYPE: 'NONE',
    PARTITION_COUNT: interval ? 1048575 : (p.count ?? p.partitions.length),
    DEF_SUBPARTITION_COUNT: 0,
    INTERVAL: interval,
  });
  p.columns.forEach((c, i) =>
    push('partKeys', {
      KEY_KIND: 'PARTITION',
      OWNER,
      NAME: t.name.name,
      COLUMN_NAME: c,
      COLUMN_POSITION: i + 1,
    }),
  );
  const parts: Row[] = [];
  if (p.count)
    for (let i = 0; i < p.count; i++)
      parts.push({ PARTITION_NAME: `SYS_P${++sysp}`, HIGH_VALUE: null, INTERVAL: 'NO' });
  for (const d of p.partitions)
    parts.push({
      PARTITION_NAME: d.name!,
      HIGH_VALUE: d.lessThan ? highValue(d.lessThan) : d.isDefault ? 'DEFAULT' : highValue(d.values!),
      INTERVAL: 'NO',
    });
  if (interval)
    for (const month of ['2024-02-01', '2024-03-01'])
      parts.push({
        PARTITION_NAME: `SYS_P${++sysp}`,
        HIGH_VALUE: `TO_DATE(' ${month} 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', 'NLS_CALENDAR=GREGORIAN')`,
        INTERVAL: 'YES',
      });
  parts.forEach((r, i) =>
    push('partitions', {
      TABLE_OWNER: OWNER,
      TABLE_NAME: t.name.name,
      ...r,
      PARTITION_POSITION: i + 1,
      SUBPARTITION_COUNT: 0,
    }),
  );
}

// ── LOBs and sizes ──────────────────────────────────────────────────────────────────────────────

let lobSeg = 74400;
for (const t of tables) {
  for (const c of t.columns.filter((x) => x.type?.name === 'BLOB' || x.type?.name === 'CLOB')) {
    const named = new RegExp(
      `LOB\\s*\\(\\s*${c.name}\\s*\\)\\s*STORE\\s+AS\\s+SECUREFILE\\s+(\\w+)`,
      'i',
    ).exec(t.source!);
    const clause =
      new RegExp(`LOB\\s*\\([^)]*\\b${c.name}\\b[^)]*\\)\\s*STORE\\s+AS\\s+SECUREFILE[^;]*`, 'i').exec(
        t.source!,
      )?.[0] ?? '';
    push('lobs', {
      OWNER,
      TABLE_NAME: t.name.name,
      COLUMN_NAME: c.name,
      SEGMENT_NAME: named
        ? named[1].toUpperCase()
        : `SYS_LOB00000${++lobSeg}C000${String(t.columns.indexOf(c) + 1).padStart(2, '0')}$$`,
      SECUREFILE: 'YES',
      IN_ROW: /DISABLE\s+STORAGE\s+IN\s+ROW/i.test(clause) ? 'NO' : 'YES',
      CHUNK: 8192,
      CACHE: /CACHE\s+READS/i.test(clause)
        ? 'CACHEREADS'
        : /\bNOCACHE\b/i.test(clause) || !/\bCACHE\b/i.test(clause)
          ? 'NO'
          : 'YES',
    });
  }
}
for (const t of tables.filter((x) => !x.temporary)) {
  const name = t.name.name;
  const n = ROWS[name] ?? 0;
  if (t.organization === 'INDEX')
    push('segments', { OWNER, SEGMENT_NAME: pkOf.get(name)!.name!, SEGMENT_TYPE: 'INDEX', BYTES: 65536 });
  else if (t.partition)
    for (const _part of rows.partitions.filter((x) => x.TABLE_NAME === name))
      push('segments', { OWNER, SEGMENT_NAME: name, SEGMENT_TYPE: 'TABLE PARTITION', BYTES: 8388608 });
  else
    push('segments', { OWNER, SEGMENT_NAME: name, SEGMENT_TYPE: 'TABLE', BYTES: n > 1000 ? 5242880 : 65536 });
}
for (const l of rows.lobs)
  push('segments', {
    OWNER,
    SEGMENT_NAME: l.SEGMENT_NAME,
    SEGMENT_TYPE: 'LOBSEGMENT',
    BYTES: l.TABLE_NAME === 'EMPLOYEE_DOCUMENTS' ? 734003200 : 131072,
  });
for (const r of rows.indexes)
  if (r.INDEX_TYPE !== 'IOT - TOP' && r.PARTITIONED === 'NO')
    push('segments', { OWNER, SEGMENT_NAME: r.INDEX_NAME, SEGMENT_TYPE: 'INDEX', BYTES: 65536 });
rows.segments.sort(
  (a, b) =>
    String(a.SEGMENT_NAME).localeCompare(String(b.SEGMENT_NAME)) ||
    String(a.SEGMENT_TYPE).localeCompare(String(b.SEGMENT_TYPE)),
);
// DBA_SEGMENTS is grouped by owner, name and type in the query.
rows.segments = Object.values(
  rows.segments.reduce<Record<string, Row>>((acc, r) => {
    const k = `${r.SEGMENT_NAME}/${r.SEGMENT_TYPE}`;
    acc[k] = acc[k] ? { ...acc[k], BYTES: (acc[k].BYTES as number) + (r.BYTES as number) } : r;
    return acc;
  }, {}),
);

// ── sequences, views, synonyms ──────────────────────────────────────────────────────────────────

for (const s of statements) {
  if (s.kind !== 'create-sequence') continue;
  const o = s.options;
  push('sequences', {
    SEQUENCE_OWNER: OWNER,
    SEQUENCE_NAME: s.name.name,
    MIN_VALUE: o.minValue && o.minValue !== 'NONE' ? o.minValue : '1',
    MAX_VALUE: o.maxValue && o.maxValue !== 'NONE' ? o.maxValue : '9999999999999999999999999999',
    INCREMENT_BY: o.increment ?? '1',
    CYCLE_FLAG: o.cycle ? 'Y' : 'N',
    ORDER_FLAG: o.order ? 'Y' : 'N',
    CACHE_SIZE: o.cache === 'NONE' ? 0 : (o.cache ?? 20),
    LAST_NUMBER: o.start ?? '1',
  });
}

function outputNames(q: Query): string[] {
  const first =
    q.kind === 'set'
      ? ((x: Query): Query => {
          while (x.kind === 'set') x = x.left;
          return x;
        })(q)
      : q;
  if (first.kind !== 'select') return [];
  return first.items.flatMap((it) => {
    if (it.expr.kind === 'star') {
      const sub = first.from.find((f) => f.kind === 'subquery');
      return sub && sub.kind === 'subquery' ? outputNames(sub.query) : [];
    }
    return [it.alias ?? (it.expr.kind === 'column' ? it.expr.parts[it.expr.parts.length - 1] : 'EXPR')];
  });
}

const views = statements.filter((s): s is CreateView => s.kind === 'create-view');
for (const v of views) {
  const name = v.name.name;
  push('views', { OWNER, VIEW_NAME: name, TEXT: viewText(v.source!) });
  outputNames(v.query).forEach((c, i) =>
    push('columns', {
      OWNER,
      TABLE_NAME: name,
      COLUMN_NAME: c,
      DATA_TYPE: 'VARCHAR2',
      DATA_TYPE_OWNER: null,
      DATA_LENGTH: 4000,
      DATA_PRECISION: null,
      DATA_SCALE: null,
      NULLABLE: 'Y',
      COLUMN_ID: i + 1,
      DATA_DEFAULT: null,
      CHAR_LENGTH: 4000,
      CHAR_USED: 'B',
      HIDDEN_COLUMN: 'NO',
      VIRTUAL_COLUMN: 'NO',
      DEFAULT_ON_NULL: 'NO',
      IDENTITY_COLUMN: 'NO',
      NUM_DISTINCT: null,
      NUM_NULLS: null,
      LOW_VALUE: null,
      HIGH_VALUE: null,
    }),
  );
  if (v.readOnly) {
    const cn = sysName();
    push('constraints', consRow(name, cn, 'O', { GENERATED: 'GENERATED NAME' }));
  }
  if (v.checkOption) {
    const m = /CONSTRAINT\s+(\w+)\s*$/i.exec(v.source!.trim());
    push(
      'constraints',
      consRow(name, m ? m[1].toUpperCase() : sysName(), 'V', {
        GENERATED: m ? 'USER NAME' : 'GENERATED NAME',
      }),
    );
  }
  const deps = new Set<string>();
  const walk = (x: unknown) => {
    if (!x || typeof x !== 'object') return;
    const o = x as { kind?: string; name?: { name?: string } };
    if (o.kind === 'table' && o.name?.name && tableByName.has(o.name.name)) deps.add(o.name.name);
    for (const val of Object.values(o)) walk(val);
  };
  walk(v.query);
  for (const d of [...deps].sort())
    push('dependencies', {
      OWNER,
      NAME: name,
      TYPE: 'VIEW',
      REFERENCED_OWNER: OWNER,
      REFERENCED_NAME: d,
      REFERENCED_TYPE: 'TABLE',
      REFERENCED_LINK_NAME: null,
    });
}

for (const s of statements) {
  if (s.kind !== 'create-synonym') continue;
  push('synonyms', {
    OWNER: s.public ? 'PUBLIC' : OWNER,
    SYNONYM_NAME: s.name.name,
    TABLE_OWNER: s.target.schema ?? OWNER,
    TABLE_NAME: s.target.name,
    DB_LINK: null,
  });
}

// ── PL/SQL from ALL_SOURCE ──────────────────────────────────────────────────────────────────────

for (const s of statements) {
  if (s.kind !== 'plsql-unit') continue;
  // ALL_SOURCE starts at the unit keyword: comments before CREATE and CREATE OR REPLACE are not stored.
  const body = s.text
    .replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, '')
    .replace(/^CREATE\s+(OR\s+REPLACE\s+)?/i, '');
  const lines = body.split('\n');
  const type = s.unitKind;
  const name = s.name.name;
  lines.forEach((l, i) =>
    push('source', { OWNER, NAME: name, TYPE: type, LINE: i + 1, TEXT: i < lines.length - 1 ? `${l}\n` : l }),
  );
  push('objects', { OWNER, OBJECT_NAME: name, OBJECT_TYPE: type, STATUS: 'VALID' });
  if (type === 'TRIGGER') {
    const table = /\bON\s+(\w+)/i.exec(body)![1].toUpperCase();
    push('triggers', {
      OWNER,
      TRIGGER_NAME: name,
      TABLE_OWNER: OWNER,
      TABLE_NAME: table,
      BASE_OBJECT_TYPE: 'TABLE',
      STATUS: 'ENABLED',
    });
    push('dependencies', {
      OWNER,
      NAME: name,
      TYPE: 'TRIGGER',
      REFERENCED_OWNER: OWNER,
      REFERENCED_NAME: table,
      REFERENCED_TYPE: 'TABLE',
      REFERENCED_LINK_NAME: null,
    });
  }
}
rows.source.sort(
  (a, b) =>
    `${a.TYPE}\u0000${a.NAME}`.localeCompare(`${b.TYPE}\u0000${b.NAME}`) ||
    (a.LINE as number) - (b.LINE as number),
);

// ── comments, grants, roles ─────────────────────────────────────────────────────────────────────

for (const s of statements) {
  if (s.kind !== 'comment') continue;
  push('comments', { OWNER, TABLE_NAME: s.table.name, COLUMN_NAME: s.column ?? null, COMMENTS: s.text });
}

const kindOf = (name: string) =>
  tableByName.has(name)
    ? 'TABLE'
    : views.some((v) => v.name.name === name)
      ? 'VIEW'
      : statements.some((s) => s.kind === 'create-sequence' && s.name.name === name)
        ? 'SEQUENCE'
        : ((
            statements.find((s) => s.kind === 'plsql-unit' && s.name.name === name) as
              | { unitKind?: string }
              | undefined
          )?.unitKind ?? 'TABLE');
const roles = new Map<string, string[]>();
for (const s of statements) {
  if (s.kind === 'create-role') roles.set(s.name, []);
  if (s.kind !== 'grant') continue;
  if (!s.on) {
    for (const g of s.grantees) roles.get(g)?.push(...s.privileges.map((p) => p.name));
    continue;
  }
  for (const grantee of s.grantees)
    for (const p of s.privileges) {
      if (p.columns)
        for (const col of p.columns)
          push('grants', {
            GRANTEE: grantee,
            TABLE_SCHEMA: OWNER,
            TABLE_NAME: s.on.name,
            PRIVILEGE: p.name,
            GRANTABLE: 'NO',
            TYPE: null,
            COLUMN_NAME: col,
          });
      else
        push('grants', {
          GRANTEE: grantee,
          TABLE_SCHEMA: OWNER,
          TABLE_NAME: s.on.name,
          PRIVILEGE: p.name,
          GRANTABLE: s.withGrantOption ? 'YES' : 'NO',
          TYPE: kindOf(s.on.name),
          COLUMN_NAME: null,
        });
    }
}
for (const [role, granted] of roles)
  if (granted.length) for (const g of granted) push('roles', { ROLE: role, GRANTED_ROLE: g });
  else push('roles', { ROLE: role, GRANTED_ROLE: null });

// ── session, users, and a schema that must be filtered out ──────────────────────────────────────

rows.session = [
  {
    SESSION_USER: 'MIGRATOR',
    DB_NAME: 'ORCLPDB1',
    VERSION: '19.0.0.0.0',
    CHARACTER_SET: 'AL32UTF8',
    NCHAR_CHARACTER_SET: 'AL16UTF16',
  },
];
rows.users = [{ USERNAME: OWNER }, { USERNAME: 'SCOTT' }];
push('tables', { ...rows.tables.find((r) => r.TABLE_NAME === 'JOBS')!, OWNER: 'SCOTT', TABLE_NAME: 'DEPT' });
push('columns', {
  ...rows.columns.find((r) => r.TABLE_NAME === 'JOBS')!,
  OWNER: 'SCOTT',
  TABLE_NAME: 'DEPT',
  COLUMN_NAME: 'DEPTNO',
});
push('sequences', { ...rows.sequences[0], SEQUENCE_OWNER: 'SCOTT', SEQUENCE_NAME: 'DEPT_SEQ' });
rows.logGroups = [];
// snapshot --profile-numbers: MIN, MAX and largest scale of the bare NUMBER columns.
rows.profile = [
  {
    OWNER,
    TABLE_NAME: 'LEGACY_EMPLOYEE_NOTES',
    COLUMN_NAME: 'NOTE_ID',
    MAX_SCALE: 0,
    LOW: '1',
    HIGH: '48213',
  },
  {
    OWNER,
    TABLE_NAME: 'LEGACY_EMPLOYEE_NOTES',
    COLUMN_NAME: 'EMPLOYEE_ID',
    MAX_SCALE: 0,
    LOW: '100',
    HIGH: '88412',
  },
];
rows.mviews = [];

// The fallback of the grants query (ALL_TAB_PRIVS) as user MIGRATOR, who holds none of these grants.
rows['grants.fallback'] = [];

const ordered = Object.fromEntries(Object.entries(rows).sort(([a], [b]) => a.localeCompare(b)));
mkdirSync(dirname(OUT), { recursive: true });
// One row per line: small diffs when the recording changes.
const body = Object.entries(ordered)
  .map(([k, v]) => `  ${JSON.stringify(k)}: [\n${v.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`)
  .join(',\n');
writeFileSync(OUT, `{\n${body}\n}\n`);
console.log(
  `${OUT}: ${Object.entries(ordered)
    .map(([k, v]) => `${k} ${v.length}`)
    .join(', ')}`,
);
void (0 as unknown as Statement);
