/**
 * DBMS_XMLGEN: Oracle's canonical document of a query's rows
 *
 *   <ROWSET><ROW><COLUMN_NAME>value</COLUMN_NAME>…</ROW>…</ROWSET>
 *
 * built by the helper opg_xmlgen_render from PostgreSQL's query_to_xml / cursor_to_xml (one <row>
 * per row, NULL columns as xsi:nil elements, names escaped as _xHHHH_ like Oracle's), renaming the
 * elements: the row elements become ROW (or the row tag set), the document element ROWSET (or the
 * row set tag), and a column name without upper-case letters (an unquoted Oracle name, in lower
 * case here) is upper-cased. NULL columns are left out (DROP_NULLS, the default), written as
 * <C xsi:nil="true"/> (NULL_ATTR) or <C/> (EMPTY_TAG). No rows give NULL. GETXML (a CLOB) is laid
 * out as Oracle prints it: an XML declaration, one element a line, one blank of indentation a
 * level; GETXMLTYPE gives the document without that layout.
 *
 * - GETXML / GETXMLTYPE(query text): opg_xmlgen_getxml(query, pretty). A literal query is converted
 *   like any statement; a text built at run time runs as written.
 * - Context handles: NEWCONTEXT(query text | ref cursor) gives a number whose state (cursor name,
 *   query, MAXROWS, SKIPROWS, null handling, tags, rows of the last call) is the session setting
 *   opg_xmlgen.ctx<n>; GETXML / GETXMLTYPE(ctx) read the next rows of the cursor (cursor_to_xml),
 *   GETNUMROWSPROCESSED gives how many the last call read; SETMAXROWS, SETSKIPROWS,
 *   SETNULLHANDLING, USENULLATTRIBUTEINDICATOR, SETROWSETTAG, SETROWTAG, RESTARTQUERY,
 *   CLOSECONTEXT are statements on that state. A context on a query text opens its own cursor.
 */
import type { Expr } from '../../ast/expr.js';
import { printDml } from '../../emit/pg/dml.js';
import { parseStatement } from '../../parser/statement.js';
import { call, cast, lit } from '../../rules/builders.js';
import { rewriteDml } from '../../rules/dml.js';
import type { PlContext } from './context.js';

const RENDER = `CREATE OR REPLACE FUNCTION opg_xmlgen_render(doc xml, pretty boolean, nullmode integer, rowsettag text, rowtag text, OUT body text, OUT nrows integer)
LANGUAGE plpgsql
IMMUTABLE
AS $body$
DECLARE
  r xml;
  c xml;
  n text;
  nl text := '';
  ri text := '';
  ci text := '';
  ncols integer := 0;
  -- Oracle prints attributes with blanks around '=' (xsi:nil = "true")
  eq text := CASE WHEN pretty THEN ' = ' ELSE '=' END;
BEGIN
  body := '';
  nrows := 0;
  IF pretty THEN
    nl := chr(10);
    ri := CASE WHEN rowsettag IS NULL THEN '' ELSE ' ' END;
    ci := ri || CASE WHEN rowtag IS NULL THEN '' ELSE ' ' END;
  END IF;
  FOR r IN SELECT unnest(xpath('/*/row', doc)) LOOP
    nrows := nrows + 1;
    IF rowtag IS NOT NULL THEN
      body := body || ri || '<' || rowtag || '>' || nl;
    END IF;
    FOR c IN SELECT unnest(xpath('/row/*', r)) LOOP
      ncols := ncols + 1;
      n := (xpath('name(/*)', c))[1]::text;
      -- an unquoted Oracle name is in lower case here: Oracle names it in upper case
      IF n !~ '[A-Z]' THEN
        n := regexp_replace(upper(n), '_X([0-9A-F]{4})_', '_x\\1_', 'g');
      END IF;
      IF (xpath('string(/*/@*[local-name()="nil"])', c))[1]::text <> 'true' THEN
        body := body || ci || '<' || n || '>' || array_to_string(xpath('/*/node()', c)::text[], '') || '</' || n || '>' || nl;
      ELSIF nullmode = 1 THEN
        body := body || ci || '<' || n || ' xsi:nil' || eq || '"true"' || CASE WHEN rowsettag IS NULL THEN ' xmlns:xsi' || eq || '"http://www.w3.org/2001/XMLSchema-instance"' ELSE '' END || '/>' || nl;
      ELSIF nullmode = 2 THEN
        body := body || ci || '<' || n || '/>' || nl;
      END IF;
    END LOOP;
    IF rowtag IS NOT NULL THEN
      body := body || ri || '</' || rowtag || '>' || nl;
    END IF;
  END LOOP;
  IF nrows = 0 THEN
    body := NULL;
    RETURN;
  END IF;
  IF rowsettag IS NULL AND rowtag IS NULL AND ncols > 1 THEN
    RAISE EXCEPTION USING ERRCODE = 'data_exception', MESSAGE = 'DBMS_XMLGEN: without ROWSET and ROW elements the document has no root element';
  END IF;
  IF rowsettag IS NOT NULL THEN
    body := '<' || rowsettag || CASE WHEN nullmode = 1 THEN ' xmlns:xsi' || eq || '"http://www.w3.org/2001/XMLSchema-instance"' ELSE '' END || '>' || nl || body || '</' || rowsettag || '>' || nl;
  END IF;
  IF pretty THEN
    body := '<?xml version="1.0"?>' || nl || body;
  END IF;
END;
$body$;`;

const GETXML = `CREATE OR REPLACE FUNCTION opg_xmlgen_getxml(q text, pretty boolean)
RETURNS text
LANGUAGE plpgsql
VOLATILE
AS $body$
BEGIN
  IF q IS NULL THEN
    RETURN NULL;
  END IF;
  RETURN (opg_xmlgen_render(query_to_xml(q, true, false, ''), pretty, 0, 'ROWSET', 'ROW')).body;
END;
$body$;`;

/** The context helpers: state in the session settings opg_xmlgen.ctx<n>, rows read from a cursor. */
const CONTEXT: string[] = [
  `CREATE OR REPLACE FUNCTION opg_xmlgen_state(ctx numeric)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
AS $body$
DECLARE
  s jsonb := nullif(current_setting('opg_xmlgen.ctx' || ctx::bigint, true), '')::jsonb;
BEGIN
  IF s IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'DBMS_XMLGEN: invalid context handle ' || coalesce(ctx::text, 'NULL');
  END IF;
  RETURN s;
END;
$body$;`,
  `CREATE OR REPLACE FUNCTION opg_xmlgen_set(ctx numeric, k text, v jsonb)
RETURNS void
LANGUAGE plpgsql
VOLATILE
AS $body$
BEGIN
  PERFORM set_config('opg_xmlgen.ctx' || ctx::bigint, jsonb_set(opg_xmlgen_state(ctx), ARRAY[k], coalesce(v, 'null'::jsonb))::text, false);
END;
$body$;`,
  `CREATE OR REPLACE FUNCTION opg_xmlgen_open(cur refcursor, q text)
RETURNS numeric
LANGUAGE plpgsql
VOLATILE
AS $body$
DECLARE
  n bigint := coalesce(nullif(current_setting('opg_xmlgen.last', true), '')::bigint, 0) + 1;
  c refcursor := coalesce(cur::text, 'opg_xmlgen_ctx' || n)::refcursor;
BEGIN
  IF cur IS NULL THEN
    OPEN c FOR EXECUTE q;
  END IF;
  PERFORM set_config('opg_xmlgen.last', n::text, false);
  PERFORM set_config('opg_xmlgen.ctx' || n, jsonb_build_object('cursor', c::text, 'query', q, 'maxrows', NULL, 'skiprows', 0, 'nulls', 0, 'rowset', 'ROWSET', 'row', 'ROW', 'processed', 0)::text, false);
  RETURN n;
END;
$body$;`,
  `CREATE OR REPLACE FUNCTION opg_xmlgen_newcontext(q text)
RETURNS numeric
LANGUAGE plpgsql
VOLATILE
AS $body$
BEGIN
  RETURN opg_xmlgen_open(NULL, q);
END;
$body$;`,
  `CREATE OR REPLACE FUNCTION opg_xmlgen_newcontext(c refcursor)
RETURNS numeric
LANGUAGE plpgsql
VOLATILE
AS $body$
BEGIN
  IF c IS NULL OR NOT EXISTS (SELECT FROM pg_cursors WHERE name = c::text) THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_cursor_name', MESSAGE = 'DBMS_XMLGEN.NEWCONTEXT: the cursor is not open';
  END IF;
  RETURN opg_xmlgen_open(c, NULL);
END;
$body$;`,
  `CREATE OR REPLACE FUNCTION opg_xmlgen_fetch(ctx numeric, pretty boolean)
RETURNS text
LANGUAGE plpgsql
VOLATILE
AS $body$
DECLARE
  s jsonb := opg_xmlgen_state(ctx);
  skip integer := coalesce((s->>'skiprows')::integer, 0);
  doc xml;
  r record;
BEGIN
  IF NOT EXISTS (SELECT FROM pg_cursors WHERE name = s->>'cursor') THEN
    -- the cursor ended with its transaction: nothing more to read
    PERFORM opg_xmlgen_set(ctx, 'processed', '0');
    RETURN NULL;
  END IF;
  IF skip > 0 THEN
    EXECUTE format('MOVE FORWARD %s IN %I', skip, s->>'cursor');
  END IF;
  doc := cursor_to_xml((s->>'cursor')::refcursor, coalesce((s->>'maxrows')::integer, 2147483647), true, false, '');
  r := opg_xmlgen_render(doc, pretty, coalesce((s->>'nulls')::integer, 0), s->>'rowset', s->>'row');
  PERFORM opg_xmlgen_set(ctx, 'processed', to_jsonb(r.nrows));
  RETURN r.body;
END;
$body$;`,
  `CREATE OR REPLACE FUNCTION opg_xmlgen_rowsprocessed(ctx numeric)
RETURNS numeric
LANGUAGE plpgsql
STABLE
AS $body$
BEGIN
  RETURN (opg_xmlgen_state(ctx)->>'processed')::numeric;
END;
$body$;`,
  `CREATE OR REPLACE FUNCTION opg_xmlgen_restart(ctx numeric)
RETURNS void
LANGUAGE plpgsql
VOLATILE
AS $body$
DECLARE
  s jsonb := opg_xmlgen_state(ctx);
  c refcursor := (s->>'cursor')::refcursor;
BEGIN
  IF s->>'query' IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'feature_not_supported', MESSAGE = 'DBMS_XMLGEN.RESTARTQUERY: a context on a cursor cannot be restarted';
  END IF;
  IF EXISTS (SELECT FROM pg_cursors WHERE name = c::text) THEN
    CLOSE c;
  END IF;
  OPEN c FOR EXECUTE s->>'query';
  PERFORM opg_xmlgen_set(ctx, 'processed', '0');
END;
$body$;`,
  `CREATE OR REPLACE FUNCTION opg_xmlgen_close(ctx numeric)
RETURNS void
LANGUAGE plpgsql
VOLATILE
AS $body$
DECLARE
  s jsonb := nullif(current_setting('opg_xmlgen.ctx' || ctx::bigint, true), '')::jsonb;
  c refcursor := (s->>'cursor')::refcursor;
BEGIN
  -- closing an unknown or closed context does nothing (an exception handler may close it again)
  IF s IS NULL THEN
    RETURN;
  END IF;
  IF s->>'query' IS NOT NULL AND EXISTS (SELECT FROM pg_cursors WHERE name = c::text) THEN
    CLOSE c;
  END IF;
  PERFORM set_config('opg_xmlgen.ctx' || ctx::bigint, '', false);
END;
$body$;`,
];

function use(pc: PlContext, helpers: string[]): void {
  for (const h of helpers) if (!pc.preStatements.includes(h)) pc.preStatements.push(h);
}

/** The query text as PostgreSQL SQL: a literal SELECT is converted, anything else is kept and reported. */
function queryText(e: Expr, pc: PlContext, fn: string): Expr {
  if (e.kind === 'literal' && e.type === 'string') {
    const parsed = parseStatement(e.value, pc.location ?? { file: 'dynamic', line: 1, column: 1 });
    const st = parsed.statement;
    if (st?.kind === 'select') {
      const rewritten = rewriteDml(st, pc.ectx, { inPlsql: true });
      if (pc.ectx.unconvertible?.length) pc.fail(`${fn} query: ${pc.ectx.unconvertible.join('; ')}`);
      return lit(printDml(rewritten));
    }
    pc.report('OPG-PLSQL-0008', {
      detail: `${fn}: the query literal could not be converted: ${e.value.slice(0, 80)}`,
    });
    return e;
  }
  pc.report('OPG-PLSQL-0008', {
    detail: `${fn} with a query text built at run time: the text runs as PostgreSQL SQL`,
  });
  return e;
}

const VALUES =
  'values are written as PostgreSQL\'s XML mapping writes them (dates and timestamps in ISO 8601, numbers as PostgreSQL prints them, not in the NLS formats), and a column name without upper-case letters is upper-cased (an Oracle quoted lower-case name such as "abc" comes out as <ABC>)';

/** One finding per unit for the context-handle helpers. */
function reportContext(pc: PlContext): void {
  const detail = `DBMS_XMLGEN context handles became the opg_xmlgen_* helpers: the context is a number whose settings are the session setting opg_xmlgen.ctx<n> and whose rows are read from a PostgreSQL cursor (cursor_to_xml), so a context lives until the end of the transaction that opened its cursor (a later GETXML gives NULL and 0 rows processed), and a rolled back transaction or subtransaction undoes settings made in it; <ROWSET><ROW>… and the null handling as in Oracle, but ${VALUES}`;
  if (!pc.findings.some((f) => f.message === detail)) pc.report('OPG-PLSQL-0020', { detail });
}

/** What kind of argument a DBMS_XMLGEN call got: a query text, a context handle, a ref cursor, or unknown. */
export type XmlgenArg = 'text' | 'handle' | 'cursor' | undefined;

/**
 * DBMS_XMLGEN functions in expressions: GETXML / GETXMLTYPE of a query text or of a context
 * handle, NEWCONTEXT, GETNUMROWSPROCESSED; undefined for other members and arguments it cannot
 * place. `kind` tells what an argument is; `cursor` whether it is a ref cursor value.
 */
export function xmlgenExpr(
  name: string,
  args: Expr[],
  pc: PlContext,
  kind: (e: Expr) => XmlgenArg,
): Expr | undefined {
  const member = name.slice('DBMS_XMLGEN.'.length);
  switch (member) {
    case 'GETXML':
    case 'GETXMLTYPE': {
      // The second argument, dtdOrSchema, supports only NONE (0).
      if (args.length < 1 || args.length > 2 || (args[1] && !isZero(args[1]))) return undefined;
      const k = kind(args[0]);
      const pretty: Expr = { kind: 'pseudo', name: member === 'GETXML' ? 'true' : 'false' };
      let doc: Expr;
      if (k === 'text') {
        const q = queryText(args[0], pc, name);
        use(pc, [RENDER, GETXML]);
        pc.report('OPG-PLSQL-0020', {
          detail: `${name} became opg_xmlgen_getxml over query_to_xml: <ROWSET><ROW>… as in Oracle, NULL columns left out and no rows giving NULL, but ${VALUES}`,
        });
        doc = call('opg_xmlgen_getxml', q, pretty);
      } else if (k === 'handle') {
        use(pc, [RENDER, ...CONTEXT]);
        reportContext(pc);
        doc = call('opg_xmlgen_fetch', args[0], pretty);
      } else return undefined;
      return member === 'GETXML' ? doc : cast(doc, 'xml');
    }
    case 'NEWCONTEXT': {
      if (args.length !== 1) return undefined;
      // A query text (converted when literal), else a ref cursor (the refcursor overload).
      const k = kind(args[0]);
      const q = k === 'text' ? queryText(args[0], pc, name) : args[0];
      if (k === undefined)
        pc.report('OPG-PLSQL-0008', {
          detail: `${name} of a value of unknown type: a ref cursor is read as it is; a query text runs as written (PostgreSQL SQL)`,
        });
      use(pc, [RENDER, ...CONTEXT]);
      reportContext(pc);
      return call('opg_xmlgen_newcontext', q);
    }
    case 'GETNUMROWSPROCESSED':
      if (args.length !== 1) return undefined;
      use(pc, [RENDER, ...CONTEXT]);
      return call('opg_xmlgen_rowsprocessed', args[0]);
  }
  return undefined;
}

const isZero = (e: Expr): boolean =>
  (e.kind === 'literal' && e.type === 'number' && Number(e.value) === 0) ||
  (e.kind === 'column' && e.parts.map((p) => p.toUpperCase()).join('.') === 'DBMS_XMLGEN.NONE');

/** Parameter names of the DBMS_XMLGEN procedures handled here (PL/SQL Packages and Types Reference). */
export const XMLGEN_PARAMS: Record<string, string[]> = {
  'DBMS_XMLGEN.SETMAXROWS': ['CTX', 'MAXROWS'],
  'DBMS_XMLGEN.SETSKIPROWS': ['CTX', 'SKIPROWS'],
  'DBMS_XMLGEN.SETNULLHANDLING': ['CTX', 'FLAG'],
  'DBMS_XMLGEN.USENULLATTRIBUTEINDICATOR': ['CTX', 'ATTRIND'],
  'DBMS_XMLGEN.SETROWSETTAG': ['CTX', 'ROWSETTAGNAME'],
  'DBMS_XMLGEN.SETROWTAG': ['CTX', 'ROWTAGNAME'],
  'DBMS_XMLGEN.RESTARTQUERY': ['CTX'],
  'DBMS_XMLGEN.CLOSECONTEXT': ['CTX'],
};

/**
 * DBMS_XMLGEN procedures on a context handle as PL/pgSQL statements (args: the PostgreSQL text of
 * each argument, in parameter order); undefined for other members.
 */
export function xmlgenProcedure(name: string, args: string[], pc: PlContext): string[] | undefined {
  const set = (key: string, value: string) => [`PERFORM opg_xmlgen_set(${args[0]}, '${key}', ${value});`];
  let out: string[] | undefined;
  switch (name.slice('DBMS_XMLGEN.'.length)) {
    case 'SETMAXROWS':
      if (args.length === 2) out = set('maxrows', `to_jsonb((${args[1]})::integer)`);
      break;
    case 'SETSKIPROWS':
      if (args.length === 2) out = set('skiprows', `to_jsonb((${args[1]})::integer)`);
      break;
    case 'SETNULLHANDLING':
      if (args.length === 2) out = set('nulls', `to_jsonb((${args[1]})::integer)`);
      break;
    case 'USENULLATTRIBUTEINDICATOR':
      // attrInd (default TRUE): NULL_ATTR, else DROP_NULLS.
      if (args.length === 1 || args.length === 2)
        out = set('nulls', `to_jsonb(CASE WHEN ${args[1] ?? 'true'} THEN 1 ELSE 0 END)`);
      break;
    case 'SETROWSETTAG':
      if (args.length === 2) out = set('rowset', `to_jsonb((${args[1]})::text)`);
      break;
    case 'SETROWTAG':
      if (args.length === 2) out = set('row', `to_jsonb((${args[1]})::text)`);
      break;
    case 'RESTARTQUERY':
      if (args.length === 1) out = [`PERFORM opg_xmlgen_restart(${args[0]});`];
      break;
    case 'CLOSECONTEXT':
      if (args.length === 1) out = [`PERFORM opg_xmlgen_close(${args[0]});`];
      break;
  }
  if (!out) return undefined;
  use(pc, [RENDER, ...CONTEXT]);
  reportContext(pc);
  return out;
}
