/**
 * Expression and query rewrites, Oracle → PostgreSQL, on the tree. Each function rule is a
 * table entry (FUNCTION_RULES); node-kind rules live in rewriteExpr's switch.
 */
import type { OraName, QualifiedName } from '../ast/common.js';
import type { DataType, Expr, FuncCall, OrderItem } from '../ast/expr.js';
import type { FromItem, Query } from '../ast/query.js';
import { pgNameOf } from '../emit/quote.js';
import { makeFinding, type FindingArgs } from '../findings/make.js';
import { rewriteOuterJoins } from './joins.js';
import { rewriteHierarchical } from './hierarchical.js';
import { rewriteRownum } from './rownum.js';
import type { Finding, SourceLocation } from '../findings/types.js';

export interface ExprContext {
  findings: Finding[];
  object?: string;
  location?: SourceLocation;
  /** Oracle schema → PostgreSQL schema */
  mapSchema: (schema: OraName) => string;
  /** Oracle type of a column of the current table, when known (for TRUNC(date) and similar). */
  columnType?: (name: OraName) => DataType | undefined;
  /** Column names of a table of the converted model (for resolving unqualified columns). */
  tableColumns?: (table: QualifiedName) => OraName[] | undefined;
  /** Set when a construct could not be converted; callers may comment the object out. */
  unconvertible?: string[];
}

const lit = (value: string): Expr => ({ kind: 'literal', type: 'string', value });
const num = (value: string): Expr => ({ kind: 'literal', type: 'number', value });
const NULL: Expr = { kind: 'literal', type: 'null', value: 'NULL' };
const call = (name: string, ...args: Expr[]): FuncCall => ({
  kind: 'call',
  name: [name],
  args: args.map((value) => ({ value })),
});
const pgType = (name: string, args: number[] = []): DataType => ({ kind: 'datatype', name, args });
const cast = (operand: Expr, type: DataType): Expr => ({ kind: 'pg-cast', operand, type });

function report(ctx: ExprContext, id: string, args: FindingArgs): void {
  if (ctx.findings.some((f) => f.id === id && f.message.includes(String(Object.values(args)[0] ?? ''))))
    return;
  ctx.findings.push(makeFinding(id, args, { object: ctx.object, location: ctx.location }));
}

function notConverted(ctx: ExprContext, detail: string): void {
  report(ctx, 'OPG-EXPR-0004', { detail });
  (ctx.unconvertible ??= []).push(detail);
}

const DATE_UNITS: Record<string, string> = {
  DD: 'day',
  DDD: 'day',
  J: 'day',
  DAY: 'day',
  DY: 'day',
  D: 'week',
  IW: 'week',
  WW: 'week',
  W: 'week',
  MM: 'month',
  MON: 'month',
  MONTH: 'month',
  RM: 'month',
  Q: 'quarter',
  YYYY: 'year',
  YYY: 'year',
  YY: 'year',
  Y: 'year',
  YEAR: 'year',
  SYYYY: 'year',
  IYYY: 'year',
  HH: 'hour',
  HH12: 'hour',
  HH24: 'hour',
  MI: 'minute',
  CC: 'century',
  SCC: 'century',
};

/** Built-ins whose PostgreSQL equivalent needs judgement; they are kept and reported. */
const NEEDS_REVIEW = new Set([
  'MONTHS_BETWEEN',
  'NEXT_DAY',
  'REGEXP_SUBSTR',
  'REGEXP_INSTR',
  'REGEXP_COUNT',
  'TO_CLOB',
  'TO_BLOB',
  'EMPTY_CLOB',
  'EMPTY_BLOB',
  'SYS_CONNECT_BY_PATH',
  'USERENV',
  'DUMP',
  'VSIZE',
  'ORA_HASH',
  'STANDARD_HASH',
  'RAWTOHEX',
  'HEXTORAW',
  'NUMTOYMINTERVAL',
  'NUMTODSINTERVAL',
  'TZ_OFFSET',
  'NEW_TIME',
  'WM_CONCAT',
]);

function isDateLike(e: Expr, ctx: ExprContext): boolean {
  if (e.kind === 'pseudo')
    return e.name === 'SYSDATE' || e.name === 'LOCALTIMESTAMP' || e.name === 'CURRENT_TIMESTAMP';
  if (e.kind === 'typed-literal') return true;
  if (e.kind === 'pg-cast') return e.type.name.startsWith('timestamp') || e.type.name === 'date';
  if (e.kind === 'call') return ['to_timestamp', 'date_trunc', 'localtimestamp'].includes(e.name[0]);
  if (e.kind === 'column' && e.parts.length === 1 && ctx.columnType) {
    const t = ctx.columnType(e.parts[0]);
    return !!t && (t.name === 'DATE' || t.name === 'TIMESTAMP');
  }
  return false;
}

type FunctionRule = (args: Expr[], c: FuncCall, ctx: ExprContext) => Expr;

const FUNCTION_RULES: Record<string, FunctionRule> = {
  NVL: (a) => call('coalesce', ...a),
  NVL2: (a) => ({
    kind: 'case',
    whens: [{ when: { kind: 'is-null', operand: a[0], not: true }, then: a[1] }],
    else: a[2] ?? NULL,
  }),
  DECODE: (a) => {
    const [subject, ...rest] = a;
    const whens: { when: Expr; then: Expr }[] = [];
    let i = 0;
    for (; i + 1 < rest.length; i += 2) {
      const search = rest[i];
      // DECODE matches NULL with NULL: IS NOT DISTINCT FROM keeps that; plain literals can use "=".
      const nullable = !(search.kind === 'literal' && search.type !== 'null');
      const when: Expr =
        search.kind === 'literal' && search.type === 'null'
          ? { kind: 'is-null', operand: subject, not: false }
          : { kind: 'binary', op: nullable ? 'IS NOT DISTINCT FROM' : '=', left: subject, right: search };
      whens.push({ when, then: rest[i + 1] });
    }
    const e: Expr = { kind: 'case', whens };
    if (i < rest.length) e.else = rest[i];
    return e;
  },
  SUBSTR: (a, _c, ctx) => {
    const pos = a[1];
    if (!(pos?.kind === 'literal' && pos.type === 'number' && Number(pos.value) > 0)) {
      report(ctx, 'OPG-EXPR-0001', {
        name: 'SUBSTR with a non-literal or non-positive position (Oracle counts negative positions from the end)',
      });
    }
    return call('substr', ...a);
  },
  INSTR: (a, c, ctx) => {
    if (a.length === 2) return call('strpos', a[0], a[1]);
    report(ctx, 'OPG-EXPR-0001', { name: 'INSTR with a start position or occurrence' });
    return { ...c, name: ['instr'] };
  },
  TO_CHAR: (a) => (a.length === 1 ? cast(a[0], pgType('text')) : call('to_char', a[0], a[1])),
  TO_NCHAR: (a) => (a.length === 1 ? cast(a[0], pgType('text')) : call('to_char', a[0], a[1])),
  TO_NUMBER: (a) => (a.length === 1 ? cast(a[0], pgType('numeric')) : call('to_number', a[0], a[1])),
  TO_DATE: (a, _c, ctx) => {
    if (a.length === 1) {
      report(ctx, 'OPG-EXPR-0001', { name: 'TO_DATE without a format (depends on NLS_DATE_FORMAT)' });
      return cast(a[0], pgType('timestamp', [0]));
    }
    return cast(call('to_timestamp', a[0], a[1]), pgType('timestamp', [0]));
  },
  TO_TIMESTAMP: (a) =>
    a.length === 1
      ? cast(a[0], pgType('timestamp'))
      : cast(call('to_timestamp', a[0], a[1]), pgType('timestamp')),
  TRUNC: (a, _c, ctx) => {
    const unitArg = a[1];
    if (unitArg?.kind === 'literal' && unitArg.type === 'string') {
      const unit = DATE_UNITS[unitArg.value.toUpperCase()];
      if (unit) return cast(call('date_trunc', lit(unit), a[0]), pgType('timestamp', [0]));
    }
    if (a.length === 1 && isDateLike(a[0], ctx))
      return cast(call('date_trunc', lit('day'), a[0]), pgType('timestamp', [0]));
    if (a.length === 1 && a[0].kind === 'column' && ctx.columnType?.(a[0].parts[0]) === undefined) {
      report(ctx, 'OPG-EXPR-0001', { name: 'TRUNC on an expression of unknown type (date or number?)' });
    }
    return call('trunc', ...a);
  },
  ADD_MONTHS: (a) => ({
    kind: 'paren',
    expr: {
      kind: 'binary',
      op: '+',
      left: a[0],
      right: {
        kind: 'binary',
        op: '*',
        left: { kind: 'paren', expr: a[1] },
        right: { kind: 'interval-literal', value: '1 month', from: '' },
      },
    },
  }),
  LAST_DAY: (a) =>
    cast(
      {
        kind: 'binary',
        op: '-',
        left: {
          kind: 'binary',
          op: '+',
          left: call('date_trunc', lit('month'), a[0]),
          right: { kind: 'interval-literal', value: '1 month', from: '' },
        },
        right: { kind: 'interval-literal', value: '1 day', from: '' },
      },
      pgType('timestamp', [0]),
    ),
  SYS_GUID: () =>
    call(
      'decode',
      call('replace', cast(call('gen_random_uuid'), pgType('text')), lit('-'), lit('')),
      lit('hex'),
    ),
  SYS_CONTEXT: (a, c, ctx) => {
    const ns = a[0]?.kind === 'literal' ? a[0].value.toUpperCase() : '';
    const key = a[1]?.kind === 'literal' ? a[1].value.toUpperCase() : '';
    if (ns === 'USERENV') {
      if (key === 'CURRENT_USER' || key === 'SESSION_USER' || key === 'CURRENT_SCHEMA') {
        return { kind: 'pseudo', name: key === 'CURRENT_SCHEMA' ? 'CURRENT_SCHEMA' : key };
      }
      if (key === 'MODULE') return call('current_setting', lit('application_name'));
      if (key === 'DB_NAME') return call('current_database');
    }
    report(ctx, 'OPG-EXPR-0001', { name: `SYS_CONTEXT('${ns}', '${key}')` });
    return { ...c, name: ['sys_context'] };
  },
  REGEXP_LIKE: (a, c, ctx) => {
    const flags = a[2]?.kind === 'literal' ? a[2].value : '';
    if (a[2] && a[2].kind !== 'literal') {
      report(ctx, 'OPG-EXPR-0001', { name: 'REGEXP_LIKE with non-literal match flags' });
      return { ...c, name: ['regexp_like'] };
    }
    return { kind: 'binary', op: flags.includes('i') ? '~*' : '~', left: a[0], right: a[1] };
  },
  REGEXP_REPLACE: (a, c, ctx) => {
    if (a.length > 3) {
      report(ctx, 'OPG-EXPR-0001', { name: 'REGEXP_REPLACE with position/occurrence arguments' });
      return { ...c, name: ['regexp_replace'] };
    }
    return call('regexp_replace', a[0], a[1], a[2] ?? lit(''), lit('g'));
  },
  GREATEST: (a, _c, ctx) => {
    report(ctx, 'OPG-EXPR-0001', {
      name: 'GREATEST/LEAST (Oracle returns NULL when any argument is NULL; PostgreSQL ignores NULLs)',
    });
    return call('greatest', ...a);
  },
  LEAST: (a, _c, ctx) => {
    report(ctx, 'OPG-EXPR-0001', {
      name: 'GREATEST/LEAST (Oracle returns NULL when any argument is NULL; PostgreSQL ignores NULLs)',
    });
    return call('least', ...a);
  },
  LISTAGG: (a, c) => {
    const r: FuncCall = {
      kind: 'call',
      name: ['string_agg'],
      args: [{ value: cast(a[0], pgType('text')) }, { value: a[1] ?? lit('') }],
    };
    if (c.withinGroup) r.argOrderBy = c.withinGroup;
    if (c.over) r.over = c.over;
    return r;
  },
  MEDIAN: (a) => ({
    kind: 'call',
    name: ['percentile_cont'],
    args: [{ value: num('0.5') }],
    withinGroup: [{ expr: a[0] }],
  }),
  LENGTHB: (a) => call('octet_length', ...a),
  CHR: (a) => call('chr', ...a),
  BITAND: (a) => ({ kind: 'paren', expr: { kind: 'binary', op: '&', left: a[0], right: a[1] } }),
};

/** Functions without parentheses that Oracle parses as names. */
const NILADIC: Record<string, Expr> = {
  SYSTIMESTAMP: { kind: 'pseudo', name: 'CURRENT_TIMESTAMP' },
  CURRENT_DATE: { kind: 'pseudo', name: 'LOCALTIMESTAMP', precision: 0 },
  CURRENT_TIMESTAMP: { kind: 'pseudo', name: 'CURRENT_TIMESTAMP' },
  LOCALTIMESTAMP: { kind: 'pseudo', name: 'LOCALTIMESTAMP' },
  SESSIONTIMEZONE: { kind: 'call', name: ['current_setting'], args: [{ value: lit('TimeZone') }] },
  DBTIMEZONE: { kind: 'call', name: ['current_setting'], args: [{ value: lit('TimeZone') }] },
};

export function rewriteExpr(e: Expr, ctx: ExprContext): Expr {
  switch (e.kind) {
    case 'literal':
      if (e.type === 'string' && e.value === '') {
        report(ctx, 'OPG-EXPR-0003', {});
        return NULL;
      }
      return e;
    case 'typed-literal':
    case 'interval-literal':
    case 'bind':
    case 'star':
      return e;
    case 'pseudo':
      switch (e.name) {
        case 'SYSDATE':
          report(ctx, 'OPG-EXPR-0002', { name: 'SYSDATE', target: 'LOCALTIMESTAMP(0)' });
          return { kind: 'pseudo', name: 'LOCALTIMESTAMP', precision: 0 };
        case 'USER':
          return { kind: 'pseudo', name: 'CURRENT_USER' };
        case 'ROWID':
          notConverted(ctx, 'ROWID pseudo-column has no PostgreSQL equivalent (ctid is not stable)');
          return e;
        case 'ROWNUM':
          if (!ctx.unconvertible?.some((u) => u.startsWith('ROWNUM')))
            notConverted(
              ctx,
              'ROWNUM in this position (only top-N tests and select-list ROWNUM are converted)',
            );
          return e;
        case 'LEVEL':
        case 'UID':
          notConverted(ctx, `${e.name} pseudo-column is not converted in this context`);
          return e;
        default:
          return e;
      }
    case 'column': {
      if (e.outerJoin && !ctx.unconvertible?.some((u) => u.startsWith('Oracle (+)')))
        notConverted(ctx, 'Oracle (+) outer join operator in this position');
      const last = e.parts[e.parts.length - 1];
      if (e.parts.length >= 2 && (last === 'NEXTVAL' || last === 'CURRVAL')) {
        const seq = e.parts.slice(0, -1);
        const name = seq.length === 2 ? `${ctx.mapSchema(seq[0])}.${pgNameOf(seq[1])}` : pgNameOf(seq[0]);
        return call(last === 'NEXTVAL' ? 'nextval' : 'currval', lit(name));
      }
      if (e.parts.length === 1 && (e.parts[0] === 'TRUE' || e.parts[0] === 'FALSE')) {
        return { kind: 'literal', type: 'boolean', value: e.parts[0] };
      }
      if (e.parts.length === 1 && NILADIC[e.parts[0]]) {
        if (e.parts[0] === 'SYSTIMESTAMP')
          report(ctx, 'OPG-EXPR-0002', { name: 'SYSTIMESTAMP', target: 'CURRENT_TIMESTAMP' });
        return NILADIC[e.parts[0]];
      }
      return e;
    }
    case 'call':
      return rewriteCall(e, ctx);
    case 'unary':
      if (e.op === 'PRIOR' || e.op === 'CONNECT_BY_ROOT') {
        notConverted(ctx, `${e.op} (hierarchical query)`);
        return { ...e, operand: rewriteExpr(e.operand, ctx) };
      }
      return { ...e, operand: rewriteExpr(e.operand, ctx) };
    case 'binary': {
      const left = rewriteExpr(e.left, ctx);
      const right = rewriteExpr(e.right, ctx);
      if (e.op === '**') return call('power', left, right);
      return { ...e, left, right };
    }
    case 'is-null':
      return { ...e, operand: rewriteExpr(e.operand, ctx) };
    case 'like': {
      const r: Expr = { ...e, operand: rewriteExpr(e.operand, ctx), pattern: rewriteExpr(e.pattern, ctx) };
      // PostgreSQL's default LIKE escape is "\", Oracle has none: make "no escape" explicit.
      r.escape = e.escape ? rewriteExpr(e.escape, ctx) : lit('');
      if (r.escape.kind === 'literal' && r.escape.type === 'null') r.escape = lit('');
      return r;
    }
    case 'between':
      return {
        ...e,
        operand: rewriteExpr(e.operand, ctx),
        low: rewriteExpr(e.low, ctx),
        high: rewriteExpr(e.high, ctx),
      };
    case 'in':
      return {
        ...e,
        operand: rewriteExpr(e.operand, ctx),
        list: Array.isArray(e.list) ? e.list.map((x) => rewriteExpr(x, ctx)) : rewriteQuery(e.list, ctx),
      };
    case 'quantified':
      return {
        ...e,
        operand: rewriteExpr(e.operand, ctx),
        list: Array.isArray(e.list) ? e.list.map((x) => rewriteExpr(x, ctx)) : rewriteQuery(e.list, ctx),
      };
    case 'exists':
      return { ...e, query: rewriteQuery(e.query, ctx) };
    case 'case': {
      const r: Expr = {
        kind: 'case',
        whens: e.whens.map((w) => ({ when: rewriteExpr(w.when, ctx), then: rewriteExpr(w.then, ctx) })),
      };
      if (e.operand) r.operand = rewriteExpr(e.operand, ctx);
      if (e.else) r.else = rewriteExpr(e.else, ctx);
      return r;
    }
    case 'cast':
    case 'pg-cast':
      return { ...e, operand: rewriteExpr(e.operand, ctx) };
    case 'extract':
      return { ...e, from: rewriteExpr(e.from, ctx) };
    case 'trim': {
      const r: Expr = { ...e, from: rewriteExpr(e.from, ctx) };
      if (e.chars) r.chars = rewriteExpr(e.chars, ctx);
      return r;
    }
    case 'paren':
      return { kind: 'paren', expr: rewriteExpr(e.expr, ctx) };
    case 'field':
      return { ...e, operand: rewriteExpr(e.operand, ctx) };
    case 'subquery':
      return { kind: 'subquery', query: rewriteQuery(e.query, ctx) };
    case 'list':
      return { kind: 'list', items: e.items.map((x) => rewriteExpr(x, ctx)) };
    case 'at-time-zone':
      return {
        ...e,
        operand: rewriteExpr(e.operand, ctx),
        zone: e.zone === 'LOCAL' ? e.zone : rewriteExpr(e.zone, ctx),
      };
  }
}

function rewriteOrder(items: OrderItem[] | undefined, ctx: ExprContext): OrderItem[] | undefined {
  return items?.map((o) => ({ ...o, expr: rewriteExpr(o.expr, ctx) }));
}

function rewriteCall(e: FuncCall, ctx: ExprContext): Expr {
  const args = e.args.map((a) => rewriteExpr(a.value, ctx));
  const base: FuncCall = { ...e, args: e.args.map((a, i) => ({ ...a, value: args[i] })) };
  if (e.over)
    base.over = {
      ...e.over,
      partitionBy: e.over.partitionBy.map((x) => rewriteExpr(x, ctx)),
      orderBy: rewriteOrder(e.over.orderBy, ctx)!,
    };
  if (e.withinGroup) base.withinGroup = rewriteOrder(e.withinGroup, ctx);
  if (e.keep) {
    notConverted(ctx, `${e.name.join('.')} … KEEP (DENSE_RANK …)`);
  }
  if (e.name.length === 1) {
    const rule = FUNCTION_RULES[e.name[0]];
    if (rule && !e.args.some((a) => a.name)) return rule(args, base, ctx);
    if (NEEDS_REVIEW.has(e.name[0]))
      notConverted(ctx, `${e.name[0]} has no built-in PostgreSQL equivalent (orafce provides some)`);
  }
  return base;
}

export function rewriteQuery(q: Query, ctx: ExprContext): Query {
  if (q.kind === 'set') {
    const r: Query = { ...q, left: rewriteQuery(q.left, ctx), right: rewriteQuery(q.right, ctx) };
    if (q.orderBy) r.orderBy = rewriteOrder(q.orderBy, ctx);
    if (q.with)
      r.with = { ...q.with, ctes: q.with.ctes.map((c) => ({ ...c, query: rewriteQuery(c.query, ctx) })) };
    return r;
  }
  q = rewriteRownum(rewriteOuterJoins(q, ctx), ctx);
  if (q.connectBy) {
    const h = rewriteHierarchical(q, ctx);
    if (h) return rewriteQuery(h, ctx);
    notConverted(ctx, 'CONNECT BY hierarchical query');
  }
  const r: Query = {
    ...q,
    items: q.items.map((i) => ({ ...i, expr: rewriteExpr(i.expr, ctx) })),
    from: q.from.filter((f) => !isDual(f)).map((f) => rewriteFrom(f, ctx)),
  };
  if (q.from.length === 1 && r.from.length === 0) {
    // SELECT * FROM DUAL: DUAL's one column is DUMMY = 'X'.
    r.items = r.items.map((i) => (i.expr.kind === 'star' ? { expr: lit('X'), alias: 'DUMMY' } : i));
  }
  if (q.with)
    r.with = { ...q.with, ctes: q.with.ctes.map((c) => ({ ...c, query: rewriteQuery(c.query, ctx) })) };
  if (q.where) r.where = rewriteExpr(q.where, ctx);
  if (q.having) r.having = rewriteExpr(q.having, ctx);
  if (q.groupBy) {
    r.groupBy = q.groupBy.map((g) =>
      g.kind === 'expr'
        ? { kind: 'expr', expr: rewriteExpr(g.expr, ctx) }
        : g.kind === 'grouping-sets'
          ? { kind: 'grouping-sets', sets: g.sets.map((s) => s.map((x) => rewriteExpr(x, ctx))) }
          : { kind: g.kind, items: g.items.map((x) => rewriteExpr(x, ctx)) },
    );
  }
  if (q.orderBy) r.orderBy = rewriteOrder(q.orderBy, ctx);
  if (q.orderSiblings) notConverted(ctx, 'ORDER SIBLINGS BY');
  return r;
}

function isDual(f: FromItem): boolean {
  return (
    f.kind === 'table' &&
    f.name.name === 'DUAL' &&
    (!f.name.schema || f.name.schema === 'SYS' || f.name.schema === 'PUBLIC')
  );
}

function rewriteFrom(f: FromItem, ctx: ExprContext): FromItem {
  switch (f.kind) {
    case 'table':
      if (f.name.dblink) notConverted(ctx, `database link reference @${f.name.dblink}`);
      if (f.flashback) notConverted(ctx, `flashback query (${f.flashback})`);
      return f.name.schema ? { ...f, name: { ...f.name, schema: ctx.mapSchema(f.name.schema) } } : f;
    case 'subquery':
      return { ...f, query: rewriteQuery(f.query, ctx) };
    case 'table-function':
      return { ...f, expr: rewriteExpr(f.expr, ctx) };
    case 'join': {
      const r: FromItem = { ...f, left: rewriteFrom(f.left, ctx), right: rewriteFrom(f.right, ctx) };
      if (f.on) r.on = rewriteExpr(f.on, ctx);
      return r;
    }
  }
}

/** Oracle table name → PostgreSQL name (schema mapped). */
export function pgQualified(
  q: QualifiedName,
  ctx: Pick<ExprContext, 'mapSchema'>,
): { schema?: string; name: string } {
  return q.schema ? { schema: ctx.mapSchema(q.schema), name: pgNameOf(q.name) } : { name: pgNameOf(q.name) };
}
