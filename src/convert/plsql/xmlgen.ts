/**
 * DBMS_XMLGEN.GETXML / GETXMLTYPE of a query text: Oracle's canonical document
 *
 *   <ROWSET><ROW><COLUMN_NAME>value</COLUMN_NAME>…</ROW>…</ROWSET>
 *
 * built by the helper opg_xmlgen_getxml from PostgreSQL's query_to_xml (one <row> per row, NULL
 * columns left out, names escaped as _xHHHH_ like Oracle's), renaming the elements: the row
 * elements become ROW, the document element ROWSET, and a column name without upper-case letters
 * (an unquoted Oracle name, in lower case here) is upper-cased. No rows give NULL, as in Oracle.
 * GETXML (a CLOB) is laid out as Oracle prints it: an XML declaration, one element a line, rows
 * indented by one blank and columns by two; GETXMLTYPE gives the document without that layout.
 *
 * A literal query is converted like any statement; a text built at run time runs as written.
 * Calls on a context handle (NEWCONTEXT, SETROWTAG …) are not handled here.
 */
import type { Expr } from '../../ast/expr.js';
import { printDml } from '../../emit/pg/dml.js';
import { parseStatement } from '../../parser/statement.js';
import { call, cast, lit } from '../../rules/builders.js';
import { rewriteDml } from '../../rules/dml.js';
import type { PlContext } from './context.js';

const HELPER = `CREATE OR REPLACE FUNCTION opg_xmlgen_getxml(q text, pretty boolean)
RETURNS text
LANGUAGE plpgsql
VOLATILE
AS $body$
DECLARE
  r xml;
  c xml;
  n text;
  body text := '';
  nrows integer := 0;
BEGIN
  IF q IS NULL THEN
    RETURN NULL;
  END IF;
  FOR r IN SELECT unnest(xpath('/*/row', query_to_xml(q, false, false, ''))) LOOP
    nrows := nrows + 1;
    body := body || CASE WHEN pretty THEN ' <ROW>' || chr(10) ELSE '<ROW>' END;
    FOR c IN SELECT unnest(xpath('/row/*', r)) LOOP
      n := (xpath('name(/*)', c))[1]::text;
      -- an unquoted Oracle name is in lower case here: Oracle names it in upper case
      IF n !~ '[A-Z]' THEN
        n := regexp_replace(upper(n), '_X([0-9A-F]{4})_', '_x\\1_', 'g');
      END IF;
      body := body || CASE WHEN pretty THEN '  ' ELSE '' END || '<' || n || '>'
        || array_to_string(xpath('/*/node()', c)::text[], '') || '</' || n || '>'
        || CASE WHEN pretty THEN chr(10) ELSE '' END;
    END LOOP;
    body := body || CASE WHEN pretty THEN ' </ROW>' || chr(10) ELSE '</ROW>' END;
  END LOOP;
  IF nrows = 0 THEN
    RETURN NULL;
  END IF;
  IF pretty THEN
    RETURN '<?xml version="1.0"?>' || chr(10) || '<ROWSET>' || chr(10) || body || '</ROWSET>' || chr(10);
  END IF;
  RETURN '<ROWSET>' || body || '</ROWSET>';
END;
$body$;`;

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

/**
 * DBMS_XMLGEN.GETXML / GETXMLTYPE(query text); undefined for other members and for a context
 * handle argument (`isText` tells whether the argument is a character value).
 */
export function xmlgenQuery(
  name: string,
  args: Expr[],
  pc: PlContext,
  isText: (e: Expr) => boolean,
): Expr | undefined {
  if (name !== 'DBMS_XMLGEN.GETXML' && name !== 'DBMS_XMLGEN.GETXMLTYPE') return undefined;
  if (args.length !== 1 || !isText(args[0])) return undefined;
  const fn = name.slice('DBMS_XMLGEN.'.length);
  const q = queryText(args[0], pc, `DBMS_XMLGEN.${fn}`);
  if (!pc.preStatements.includes(HELPER)) pc.preStatements.push(HELPER);
  pc.report('OPG-PLSQL-0020', {
    detail: `DBMS_XMLGEN.${fn} became opg_xmlgen_getxml over query_to_xml: <ROWSET><ROW>… as in Oracle, NULL columns left out and no rows giving NULL, but values are written as PostgreSQL's XML mapping writes them (dates and timestamps in ISO 8601, numbers as PostgreSQL prints them, not in the NLS formats), and a column name without upper-case letters is upper-cased (an Oracle quoted lower-case name such as "abc" comes out as <ABC>)`,
  });
  const doc = call('opg_xmlgen_getxml', q, { kind: 'pseudo', name: fn === 'GETXML' ? 'true' : 'false' });
  return fn === 'GETXML' ? doc : cast(doc, 'xml');
}
