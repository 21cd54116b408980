/**
 * Virtual columns whose converted expression PostgreSQL does not accept in GENERATED ALWAYS AS:
 * a generation expression must be IMMUTABLE, and PostgreSQL marks to_char / to_date, casts of
 * dates to text, concat/format, timestamptz arithmetic and every user function (DETERMINISTIC
 * functions become ordinary functions) as at most STABLE. Oracle accepts deterministic built-ins
 * (TO_CHAR(d, 'YYYY')) and DETERMINISTIC functions there.
 *
 * Such a column becomes an ordinary column kept by a BEFORE INSERT OR UPDATE row trigger that
 * computes it from NEW, the same value Oracle shows (reported by OPG-TABLE-0011). The same trigger
 * gives DEFAULT ON NULL columns and identity columns ON NULL their value when an INSERT brings an
 * explicit NULL (PostgreSQL applies defaults and identities only to omitted columns). Whether an
 * expression is immutable is decided conservatively on the converted tree: calls of an allowlist
 * of immutable built-ins, operators, literals and columns, casts that do not read or make dates.
 */
import type { DataType, Expr } from '../ast/expr.js';
import type { PgObject } from '../ast/pg.js';
import { printExpr } from '../emit/pg/expr.js';
import { pgNameOf, quoteIdent } from '../emit/quote.js';
import { mapExpr } from '../rules/walk.js';

/** Built-ins that are IMMUTABLE in PostgreSQL for every argument type they take here. */
const IMMUTABLE = new Set([
  'abs', 'ascii', 'btrim', 'ceil', 'ceiling', 'char_length', 'chr', 'coalesce', 'decode', 'encode', 'exp', 'floor', 'greatest',
  'initcap', 'least', 'left', 'length', 'ln', 'log', 'lower', 'lpad', 'ltrim', 'md5', 'mod', 'nullif', 'octet_length', 'position',
  'power', 'regexp_replace', 'regexp_substr', 'repeat', 'replace', 'reverse', 'right', 'round', 'rpad', 'rtrim', 'sign', 'split_part',
  'sqrt', 'strpos', 'substr', 'substring', 'translate', 'trim_scale', 'trunc', 'upper', 'width_bucket',
  'array_position', 'bit_length', 'cardinality', 'json_extract_path_text', 'jsonb_array_length', 'jsonb_extract_path',
  'jsonb_extract_path_text', 'jsonb_path_exists', 'jsonb_path_match', 'jsonb_path_query_array', 'jsonb_path_query_first',
  'jsonb_typeof', 'make_date', 'num_nonnulls', 'num_nulls', 'regexp_match', 'sha256', 'starts_with', 'to_hex', 'xpath',
]);

const DATETIME = /^(date|time|timestamp|timestamptz|interval)\b|with(out)? time zone/i;
const TZ = /timestamptz|timetz|with time zone/i;

/** Whether `e` (converted) is an IMMUTABLE expression over the table's columns of types `columnType`. */
export function isImmutable(e: Expr, columnType: (name: string) => string | undefined): boolean {
  let ok = true;
  const colType = (x: Expr) => (x.kind === 'column' ? (columnType(x.parts[x.parts.length - 1]) ?? '') : '');
  const datetime = (x: Expr): boolean =>
    (x.kind === 'column' && DATETIME.test(colType(x))) ||
    ((x.kind === 'pg-cast' || x.kind === 'cast') && DATETIME.test((x.type as DataType).name)) ||
    (x.kind === 'call' && x.name.length === 1 && x.name[0].toLowerCase() === 'date_trunc') ||
    (x.kind === 'paren' && datetime(x.expr));
  /** A value with a time zone (timestamptz): its conversions and arithmetic depend on TimeZone. */
  const zoned = (x: Expr): boolean =>
    (x.kind === 'column' && TZ.test(colType(x))) ||
    ((x.kind === 'pg-cast' || x.kind === 'cast') && TZ.test((x.type as DataType).name)) ||
    (x.kind === 'call' && x.name.length === 1 && x.name[0].toLowerCase() === 'date_trunc' && !!x.args[1] && zoned(x.args[1].value)) ||
    (x.kind === 'paren' && zoned(x.expr));
  mapExpr(e, (x) => {
    if (!ok) return x;
    switch (x.kind) {
      case 'call': {
        const f = x.name.length === 1 ? x.name[0].toLowerCase() : '';
        // date_trunc of a timestamp (without time zone) is immutable.
        const truncates = f === 'date_trunc' && x.args.length === 2 && datetime(x.args[1].value) && !zoned(x.args[1].value);
        if (!(IMMUTABLE.has(f) || truncates) || x.over || x.withinGroup) ok = false;
        return undefined;
      }
      case 'pseudo':
        if (!['true', 'false', 'NULL', 'TRUE', 'FALSE'].includes(x.name)) ok = false;
        return undefined;
      case 'pg-cast':
      case 'cast': {
        // Casts between text and dates depend on DateStyle / TimeZone.
        const target = (x.type as DataType).name;
        // Between dates and timestamps without a zone: immutable; from text or across zones: not.
        if (DATETIME.test(target) && x.operand.kind !== 'literal' && !(datetime(x.operand) && zoned(x.operand) === TZ.test(target))) ok = false;
        if (/^(text|varchar|character varying|char|bpchar)$/i.test(target) && datetime(x.operand)) ok = false;
        return undefined;
      }
      case 'binary':
        // timestamptz ± interval depends on TimeZone.
        if ((x.op === '+' || x.op === '-') && [x.left, x.right].some(zoned)) ok = false;
        return undefined;
      case 'extract':
        // EXTRACT from a timestamptz depends on TimeZone.
        if (zoned(x.from)) ok = false;
        return undefined;
      case 'column':
      case 'literal':
      case 'trim':
      case 'typed-literal':
      case 'paren':
      case 'unary':
      case 'case':
      case 'is-null':
      case 'between':
      case 'in':
      case 'like':
        return undefined;
      default:
        ok = false;
        return x;
    }
  });
  return ok;
}

/** A column a row trigger sets: always (a virtual column), or only when the row brings NULL (ON NULL). */
export interface TriggerColumn {
  name: string;
  expr: Expr;
  /** Only when NEW.col IS NULL, on INSERT (DEFAULT ON NULL, identity ON NULL). */
  onNullInsert?: boolean;
}

/**
 * The trigger keeping the columns `cols` of `table` (virtual columns computed from NEW; ON NULL
 * defaults and identities replacing an explicit NULL on INSERT).
 */
export function columnTrigger(
  table: { schema?: string; name: string },
  tableText: string,
  cols: TriggerColumn[],
  columns: Set<string>,
  object: string,
  location: PgObject['location'],
): PgObject {
  const fn = `${table.schema ? `${quoteIdent(table.schema)}.` : ''}${quoteIdent(`${table.name}_opg_columns`)}`;
  const fromNew = (e: Expr) =>
    mapExpr(e, (x) => (x.kind === 'column' && x.parts.length === 1 && columns.has(x.parts[0]) ? { kind: 'column', parts: ['NEW', x.parts[0]] } : undefined));
  const sets = cols.map((c) => {
    const target = `NEW.${quoteIdent(pgNameOf(c.name))}`;
    return c.onNullInsert
      ? `  IF TG_OP = 'INSERT' AND ${target} IS NULL THEN\n    ${target} := ${printExpr(fromNew(c.expr))};\n  END IF;`
      : `  ${target} := ${printExpr(fromNew(c.expr))};`;
  });
  const events = cols.some((c) => !c.onNullInsert) ? 'INSERT OR UPDATE' : 'INSERT';
  const text = [
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger`,
    'LANGUAGE plpgsql',
    'AS $body$',
    'BEGIN',
    ...sets,
    '  RETURN NEW;',
    'END;',
    '$body$;',
    '',
    `CREATE TRIGGER ${quoteIdent(`${table.name}_opg_columns`)} BEFORE ${events} ON ${tableText} FOR EACH ROW EXECUTE FUNCTION ${fn}();`,
  ].join('\n');
  return { phase: 'code', object: `TRIGGER ${object} (computed columns)`, objectType: 'TRIGGER', nodes: [{ kind: 'raw', text }], findings: [], location };
}
