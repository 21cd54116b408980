/** Prints rewritten expressions and data types as PostgreSQL text. */
import type { OraName } from '../../ast/common.js';
import type {
  BinaryOp,
  DataType,
  Expr,
  FrameBound,
  FuncCall,
  OrderItem,
  WindowSpec,
} from '../../ast/expr.js';
import { pgNameOf, quoteIdent, quoteLiteral, shortenIdent } from '../quote.js';
import { printQuery } from './query.js';

export function printType(t: DataType): string {
  if (t.schema !== undefined || /[A-Z]/.test(t.name)) {
    // user-defined type kept by name
    return (t.schema ? `${quoteIdent(pgNameOf(t.schema))}.` : '') + quoteIdent(pgNameOf(t.name));
  }
  if (t.name === 'interval day to second' && t.args.length) return `interval day to second(${t.args[0]})`;
  return t.args.length ? `${t.name}(${t.args.join(',')})` : t.name;
}

/** PostgreSQL operator precedence (higher binds tighter), used to add parentheses. */
const PREC: Record<BinaryOp, number> = {
  OR: 1,
  AND: 2,
  '=': 5,
  '<>': 5,
  '<': 5,
  '>': 5,
  '<=': 5,
  '>=': 5,
  'IS NOT DISTINCT FROM': 4,
  'IS DISTINCT FROM': 4,
  '||': 6,
  '~': 6,
  '~*': 6,
  '&': 6,
  '#>>': 6,
  '+': 7,
  '-': 7,
  '*': 8,
  '/': 8,
  '**': 9,
  '^': 9,
};

function precOf(e: Expr): number {
  switch (e.kind) {
    case 'binary':
      return PREC[e.op];
    case 'unary':
      return e.op === 'NOT' ? 3 : 10;
    case 'is-null':
    case 'like':
    case 'between':
    case 'in':
    case 'quantified':
      return 4;
    case 'at-time-zone':
    case 'collate':
      return 9;
    default:
      return 100;
  }
}

function wrap(e: Expr, minPrec: number): string {
  const s = printExpr(e);
  return precOf(e) < minPrec ? `(${s})` : s;
}

export function printName(parts: OraName[]): string {
  return parts.map((p) => quoteIdent(shortenIdent(pgNameOf(p)))).join('.');
}

function printLiteral(e: Extract<Expr, { kind: 'literal' }>): string {
  switch (e.type) {
    case 'string':
      return quoteLiteral(e.value);
    case 'null':
      return 'NULL';
    case 'boolean':
      return e.value.toUpperCase();
    case 'number': {
      // 1.5d / 2f are Oracle binary literals: the suffix only names the type.
      const v = 'dDfF'.includes(e.value.at(-1) ?? '') ? e.value.slice(0, -1) : e.value;
      return v.startsWith('.') ? `0${v}` : v;
    }
  }
}

export function printOrderItems(items: OrderItem[]): string {
  return items
    .map(
      (o) =>
        `${printExpr(o.expr)}${o.desc ? ' DESC' : ''}${o.nulls ? ` NULLS ${o.nulls}` : o.desc ? '' : ''}`,
    )
    .join(', ');
}

function printFrameBound(b: FrameBound): string {
  return b.offset ? `${printExpr(b.offset)} ${b.type}` : b.type;
}

function printWindow(w: WindowSpec): string {
  const parts: string[] = [];
  if (w.partitionBy.length) parts.push(`PARTITION BY ${w.partitionBy.map(printExpr).join(', ')}`);
  if (w.orderBy.length) parts.push(`ORDER BY ${printOrderItems(w.orderBy)}`);
  if (w.frame) {
    parts.push(
      w.frame.end
        ? `${w.frame.unit} BETWEEN ${printFrameBound(w.frame.start)} AND ${printFrameBound(w.frame.end)}`
        : `${w.frame.unit} ${printFrameBound(w.frame.start)}`,
    );
  }
  return `OVER (${parts.join(' ')})`;
}

/**
 * Built-in functions whose names are PostgreSQL keywords (col_name_keyword): they are written
 * unquoted, since quoting would name a user function instead. ROW(…) and ARRAY(subquery) are
 * constructors that rules build (CAST(MULTISET(…)), object values).
 */
/** Functions whose names are PostgreSQL keywords: printed bare (quoted, they would not be found). */
const KEYWORD_FUNCTIONS = new Set([
  'coalesce',
  'nullif',
  'greatest',
  'least',
  'grouping',
  'row',
  'array',
  'xmlelement',
  'xmlforest',
  'xmlattributes',
  'xmlconcat',
  'xmlparse',
  'xmlpi',
  'xmlroot',
  'xmlexists',
]);

function printCall(e: FuncCall): string {
  const single = e.name.length === 1 ? e.name[0] : undefined;
  const name =
    single !== undefined &&
    (/^[a-z_][a-z0-9_]*$/.test(single) || KEYWORD_FUNCTIONS.has(pgNameOf(single)))
      ? single.toLowerCase()
      : printName(e.name);
  let args = e.star
    ? '*'
    : e.args
        .map((a) =>
          a.name
            ? `${quoteIdent(pgNameOf(a.name))} => ${printExpr(a.value)}`
            : a.key
              ? `${printExpr(a.key)} => ${printExpr(a.value)}`
              : a.alias
              ? `${printExpr(a.value)} AS "${a.alias.replace(/"/g, '""')}"`
              : printExpr(a.value),
        )
        .join(', ');
  if (e.distinct) args = `DISTINCT ${args}`;
  if (e.argOrderBy?.length) args += ` ORDER BY ${printOrderItems(e.argOrderBy)}`;
  if (e.xmlName && single?.toUpperCase() === 'XMLSERIALIZE') return `xmlserialize(${e.xmlName.toLowerCase()} ${args} AS text)`;
  // An XML element name keeps Oracle's spelling (unquoted names are upper case in Oracle's XML).
  if (e.xmlName) args = `name "${e.xmlName.replace(/"/g, '""')}"${args ? `, ${args}` : ''}`;
  let s = `${name}(${args})`;
  if (e.withinGroup) s += ` WITHIN GROUP (ORDER BY ${printOrderItems(e.withinGroup)})`;
  if (e.over) s += ` ${printWindow(e.over)}`;
  return e.subscript === undefined ? s : `(${s})[${e.subscript}]`;
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return printLiteral(e);
    case 'typed-literal':
      return `${e.type === 'DATE' ? 'TIMESTAMP(0)' : 'TIMESTAMP'} ${quoteLiteral(e.value)}`;
    case 'interval-literal': {
      if (!e.from) return `INTERVAL ${quoteLiteral(e.value)}`;
      const q = `${e.from}${e.to ? ` TO ${e.to}` : ''}`;
      return `INTERVAL ${quoteLiteral(e.value)} ${q}`;
    }
    case 'column':
      return printName(e.parts);
    case 'bind':
      if (e.pgPosition) return `$${e.pgPosition}`;
      return `:${pgNameOf(e.name)}${e.path ? `.${printName(e.path)}` : ''}`;
    case 'star':
      return e.qualifier ? `${printName(e.qualifier)}.*` : '*';
    case 'call':
      return printCall(e);
    case 'unary':
      if (e.op === 'NOT') return `NOT ${wrap(e.operand, 3)}`;
      if (e.op === 'PRIOR' || e.op === 'CONNECT_BY_ROOT') return `${e.op} ${wrap(e.operand, 10)}`;
      return `${e.op}${wrap(e.operand, 10)}`;
    case 'binary': {
      const p = PREC[e.op];
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
    case 'is-null':
      return `${wrap(e.operand, 5)} IS ${e.not ? 'NOT ' : ''}NULL`;
    case 'like':
      return `${wrap(e.operand, 5)} ${e.not ? 'NOT ' : ''}LIKE ${wrap(e.pattern, 5)}${e.escape ? ` ESCAPE ${wrap(e.escape, 5)}` : ''}`;
    case 'between':
      return `${wrap(e.operand, 5)} ${e.not ? 'NOT ' : ''}BETWEEN ${wrap(e.low, 6)} AND ${wrap(e.high, 6)}`;
    case 'in': {
      const list = Array.isArray(e.list) ? e.list.map(printExpr).join(', ') : printQuery(e.list);
      return `${wrap(e.operand, 5)} ${e.not ? 'NOT ' : ''}IN (${list})`;
    }
    case 'quantified': {
      const list = Array.isArray(e.list)
        ? e.arrayOperand
          ? printExpr(e.list[0])
          : `ARRAY[${e.list.map(printExpr).join(', ')}]`
        : printQuery(e.list);
      const q = e.quantifier === 'SOME' ? 'ANY' : e.quantifier;
      return `${wrap(e.operand, 5)} ${e.op} ${q} (${list})`;
    }
    case 'exists':
      return `EXISTS (${printQuery(e.query)})`;
    case 'cursor':
      return `CURSOR (${printQuery(e.query)})`;
    case 'case': {
      const parts = ['CASE'];
      if (e.operand) parts.push(printExpr(e.operand));
      for (const w of e.whens) parts.push(`WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`);
      if (e.else) parts.push(`ELSE ${printExpr(e.else)}`);
      parts.push('END');
      return parts.join(' ');
    }
    case 'cast':
      return `CAST(${printExpr(e.operand)} AS ${printType(e.type)})`;
    case 'pg-cast':
      return `${wrap(e.operand, 11)}::${printType(e.type)}`;
    case 'extract':
      return `EXTRACT(${e.field} FROM ${printExpr(e.from)})`;
    case 'trim': {
      const side = e.side ? `${e.side} ` : '';
      if (e.chars) return `TRIM(${side}${printExpr(e.chars)} FROM ${printExpr(e.from)})`;
      return e.side ? `TRIM(${side}FROM ${printExpr(e.from)})` : `TRIM(${printExpr(e.from)})`;
    }
    case 'paren':
      return `(${printExpr(e.expr)})`;
    case 'subscript':
      // A function result is subscripted in parentheses: (f(x))[i]. So is an element: Oracle's
      // c(i)(j) is an element of the collection c(i) (an array of a domain over an array), while
      // PostgreSQL reads a[i][j] as one subscript of a two-dimensional array (NULL here).
      if (e.operand.kind === 'call' || e.operand.kind === 'subscript') return `(${printExpr(e.operand)})[${printExpr(e.index)}]`;
      return `${wrap(e.operand, 11)}[${printExpr(e.index)}]`;
    case 'field':
      return `(${printExpr(e.operand)}).${e.field === '*' ? '*' : quoteIdent(pgNameOf(e.field))}`;
    // Oracle-only nodes (reported as not converted by the rules): printed as Oracle writes them.
    case 'method':
      return `(${printExpr(e.operand)}).${quoteIdent(pgNameOf(e.name))}(${e.args.map((a) => printExpr(a.value)).join(', ')})`;
    case 'json-fn':
      return `${e.fn.toLowerCase()}(${[...e.args.map((a) => (a.key ? `${printExpr(a.key)} : ${printExpr(a.value)}` : printExpr(a.value))), ...(e.path !== undefined ? [quoteLiteral(e.path)] : [])].join(', ')})`;
    case 'treat':
      return e.generalized ? `(${printExpr(e.operand)} AS ${printType(e.type)})` : `TREAT(${printExpr(e.operand)} AS ${e.ref ? 'REF ' : ''}${printType(e.type)})`;
    case 'subquery':
      return `(${printQuery(e.query)})`;
    case 'list':
      return `(${e.items.map(printExpr).join(', ')})`;
    case 'pseudo':
      return e.precision !== undefined ? `${e.name}(${e.precision})` : e.name;
    case 'collate':
      return `${wrap(e.operand, 9)} COLLATE ${quoteIdent(e.collation)}`;
    case 'at-time-zone':
      return e.zone === 'LOCAL'
        ? `${wrap(e.operand, 9)} AT LOCAL`
        : `${wrap(e.operand, 9)} AT TIME ZONE ${wrap(e.zone, 9)}`;
  }
}
