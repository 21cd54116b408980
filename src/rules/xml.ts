/**
 * XMLType on PostgreSQL's xml type: XMLTABLE, the XMLTYPE constructor, EXTRACT / EXTRACTVALUE /
 * EXISTSNODE / XMLSEQUENCE and the XMLType methods (getClobVal, getStringVal, getNumberVal,
 * getRootElement, extract, existsNode).
 *
 * PostgreSQL evaluates XPath 1.0 (libxml2), Oracle XQuery 1.0. What is XPath 1.0 converts as it is;
 * an XQuery integer range `m to n` (the usual row generator `XMLTABLE('1 to 20')`) becomes
 * generate_series; anything else XQuery-only (FLWOR, variables, XQuery / XPath 2.0 functions,
 * sequences) is reported, not converted.
 *
 *   XMLTABLE('/ROWSET/ROW' PASSING x.doc COLUMNS id NUMBER PATH 'ID', n FOR ORDINALITY, frag XMLTYPE PATH '*')
 * → XMLTABLE('/ROWSET/ROW' PASSING (x.doc) COLUMNS id numeric PATH 'ID', n FOR ORDINALITY, frag xml PATH '*')
 *
 * A column without PATH reads the child element named like the column in Oracle's catalog form
 * (upper case when unquoted); PostgreSQL would use the lower-case name, so the path is written out.
 */
import type { Expr } from '../ast/expr.js';
import type { FromItem, SelectItem, SelectQuery, XmlTableColumn, XmlTableRef } from '../ast/query.js';
import {
  bin,
  call,
  caseWhen,
  cast,
  type ExprContext,
  lit,
  notConverted,
  num,
  pgType,
  report,
} from './builders.js';
import type { FunctionRule } from './rule-types.js';
import { mapType } from './types.js';

/** XPath 1.0 core functions and node tests: any other function is XQuery / XPath 2.0. */
const XPATH1_FUNCTIONS = new Set(
  (
    'last position count id local-name namespace-uri name string concat starts-with contains substring-before ' +
    'substring-after substring string-length normalize-space translate boolean not true false lang number sum ' +
    'floor ceiling round node text comment processing-instruction'
  ).split(' '),
);
const XPATH1_OPERATOR_WORDS = new Set(['and', 'or', 'div', 'mod']);

/** Why an XQuery expression is not plain XPath 1.0 (undefined: it is). */
export function notXPath1(x: string): string | undefined {
  const tokens =
    x.match(/"[^"]*"|'[^']*'|\(:|::|\.\.|\d+(?:\.\d+)?|[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?|\$|\S/g) ?? [];
  let depth = 0;
  let operand = false; // the previous token ends an operand (a word after it is an operator)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '$') return 'XQuery variables ($name)';
    if (t === '(:') return 'XQuery comments';
    if (t === '{' || t === '}') return 'XQuery constructors';
    if (t === '(' || t === '[') depth++;
    if (t === ')' || t === ']') depth--;
    if (t === ',' && depth === 0) return 'a sequence (a, b, …)';
    if (/^[A-Za-z_]/.test(t)) {
      if (tokens[i + 1] === '(' && !operand) {
        if (!XPATH1_FUNCTIONS.has(t)) return `the function ${t}()`;
        operand = false;
        continue;
      }
      if (operand && tokens[i - 1] !== '::') {
        if (!XPATH1_OPERATOR_WORDS.has(t)) return `the XQuery keyword "${t}"`;
        operand = false;
        continue;
      }
      operand = tokens[i + 1] !== '::';
      continue;
    }
    operand = /^["'\d]/.test(t) || t === ')' || t === ']' || t === '.' || t === '..';
  }
  return undefined;
}

const col = (alias: string, name: string): Expr => ({ kind: 'column', parts: [alias, name] });
/** '' as PostgreSQL text: not the Oracle literal, which the rules would read as NULL. */
const EMPTY: Expr = { kind: 'pseudo', name: "''" };
const XML = pgType('xml');

/** XMLTABLE → PostgreSQL XMLTABLE (XPath 1.0), or generate_series for an XQuery integer range. */
export function rewriteXmlTable(
  f: XmlTableRef,
  ctx: ExprContext,
  rewriteExpr: (e: Expr, ctx: ExprContext) => Expr,
): FromItem {
  const passing = f.passing.map((p) => ({ ...p, expr: rewriteExpr(p.expr, ctx) }));
  const range = xqueryRange(f, passing, ctx);
  if (range) return range;
  const problem = notXPath1(f.xquery);
  const keep = (): FromItem => ({ ...f, passing, columns: [] });
  if (problem) {
    notConverted(
      ctx,
      `XMLTABLE('${f.xquery}'): ${problem} — PostgreSQL's XMLTABLE evaluates XPath 1.0, not XQuery (rewrite the row expression as an XPath 1.0 path, or build the rows in SQL)`,
    );
    return keep();
  }
  if (passing.length !== 1 || passing[0].name) {
    notConverted(
      ctx,
      passing.length
        ? 'XMLTABLE … PASSING several values or named values (PostgreSQL passes one document, the context item; XPath 1.0 has no variables)'
        : `XMLTABLE('${f.xquery}') without PASSING (PostgreSQL needs the document to read)`,
    );
    return keep();
  }
  const namespaces = f.namespaces?.filter((n) => n.prefix);
  if (f.namespaces?.some((n) => !n.prefix))
    notConverted(
      ctx,
      'XMLTABLE … XMLNAMESPACES(DEFAULT …) (PostgreSQL has no default namespace: give the namespace a prefix and use it in the paths)',
    );
  const columns = f.columns.length
    ? f.columns.map((c) => {
        if (c.ordinality) return c;
        const path = c.path ?? c.name;
        const bad = notXPath1(path);
        if (bad)
          notConverted(
            ctx,
            `XMLTABLE column ${c.name} PATH '${path}': ${bad} (PostgreSQL evaluates XPath 1.0)`,
          );
        const type = c.type
          ? mapType(c.type, {
              column: `XMLTABLE.${c.name}`,
              object: ctx.object,
              location: ctx.location,
              findings: ctx.findings,
            })
          : pgType('varchar', [4000]);
        return { ...c, path, type, ...(c.default ? { default: rewriteExpr(c.default, ctx) } : {}) };
      })
    : [{ name: 'COLUMN_VALUE', type: XML, path: '.' }];
  report(ctx, 'OPG-EXPR-0021', {
    detail: `XMLTABLE('${f.xquery}') became PostgreSQL's XMLTABLE, which evaluates the row and column paths as XPath 1.0 (Oracle: XQuery 1.0)`,
  });
  return { ...f, ...(namespaces?.length ? { namespaces } : { namespaces: undefined }), passing, columns };
}

/** `m to n` with integer literals or PASSING values: one row per integer, COLUMN_VALUE or typed '.' columns. */
function xqueryRange(
  f: XmlTableRef,
  passing: XmlTableRef['passing'],
  ctx: ExprContext,
): FromItem | undefined {
  const m = /^\s*(\d+|\$[A-Za-z_][\w.-]*)\s+to\s+(\d+|\$[A-Za-z_][\w.-]*)\s*$/.exec(f.xquery);
  if (!m) return undefined;
  const bound = (s: string): Expr | undefined => {
    if (!s.startsWith('$')) return num(s);
    const v = s.slice(1);
    const p =
      passing.find((x) => x.name === v) ?? passing.find((x) => x.name?.toUpperCase() === v.toUpperCase());
    return p ? cast({ kind: 'paren', expr: p.expr }, 'bigint') : undefined;
  };
  const lo = bound(m[1]);
  const hi = bound(m[2]);
  if (!lo || !hi) return undefined;
  const n = col('opg_r', 'n');
  const items: SelectItem[] = [];
  const columns: XmlTableColumn[] = f.columns.length
    ? f.columns
    : [{ name: 'COLUMN_VALUE', path: '.', type: { kind: 'datatype', name: 'XMLTYPE', args: [] } }];
  for (const c of columns) {
    if (c.ordinality) {
      items.push({ expr: col('opg_r', 'o'), alias: c.name });
      continue;
    }
    const path = c.path ?? c.name;
    if (path.trim() !== '.' || c.default) {
      notConverted(
        ctx,
        `XMLTABLE('${f.xquery}') column ${c.name} PATH '${path}' (the items of an integer range are numbers: only PATH '.' reads them)`,
      );
      continue;
    }
    const type = c.type
      ? mapType(c.type, {
          column: `XMLTABLE.${c.name}`,
          object: ctx.object,
          location: ctx.location,
          findings: [],
        })
      : pgType('varchar', [4000]);
    items.push({ expr: type.name === 'xml' ? cast(cast(n, 'text'), XML) : cast(n, type), alias: c.name });
  }
  const query: SelectQuery = {
    kind: 'select',
    items,
    from: [
      {
        kind: 'table-function',
        pipelined: true,
        expr: call('generate_series', lo, hi),
        alias: 'OPG_R',
        ordinality: true,
        columnAliases: ['n', 'o'],
      },
    ],
  };
  return { kind: 'subquery', query, lateral: true, alias: f.alias ?? 'OPG_XMLTABLE' };
}

/** A literal XPath argument, checked for XPath 1.0 (undefined and reported when not usable). */
function xpathArg(e: Expr | undefined, what: string, ctx: ExprContext): Expr | undefined {
  if (!e) return undefined;
  if (e.kind === 'literal' && e.type === 'string') {
    const bad = notXPath1(e.value);
    if (bad) {
      notConverted(ctx, `${what}('${e.value}'): ${bad} (PostgreSQL's xpath() evaluates XPath 1.0)`);
      return undefined;
    }
  }
  return e;
}

/** The nodes an XPath selects, as one XML fragment (Oracle's EXTRACT / XMLType.extract). */
function extractFragment(x: Expr, path: Expr): Expr {
  const [doc, p] = asDocument(x, path);
  // No node selected: NULL, as Oracle's EXTRACT gives (array_to_string of no element is '').
  return cast(call('nullif', call('array_to_string', cast(call('xpath', p, doc), 'text[]'), EMPTY), EMPTY), XML);
}

/** The element that wraps an XML fragment so that PostgreSQL's xpath() can read it. */
const FRAGMENT_ROOT = 'opg_fragment';

/**
 * Whether a (converted) XML value is a fragment rather than a document: several top-level
 * elements or bare text. XMLAGG, XMLCONCAT and XMLFOREST build fragments, and so does an EXTRACT
 * that selects several nodes. Oracle's XPath functions read a fragment as the children of a
 * document node; PostgreSQL's xpath() needs a well-formed document ('could not parse XML document').
 */
function isFragment(x: Expr): boolean {
  let e = x;
  while (e.kind === 'paren') e = e.expr;
  if (e.kind === 'call') {
    const n = e.name[e.name.length - 1]?.toUpperCase();
    return n === 'XMLAGG' || n === 'XMLCONCAT' || n === 'XMLFOREST';
  }
  // extractFragment's result: nullif(array_to_string(xpath(…)::text[], ''), '')::xml
  if (e.kind === 'pg-cast' && e.operand.kind === 'call') return e.operand.name[0]?.toLowerCase() === 'nullif';
  return false;
}

/**
 * A fragment and a literal path as PostgreSQL's xpath() reads them: the fragment wrapped in one
 * element, an absolute path ('/a/b') and a relative one ('a/b', read from the document node) made to
 * start below it; a path searching all descendants ('//a') reads the same. Other paths (not a
 * literal, a union) are kept, as is any value that is not known to be a fragment.
 */
function asDocument(x: Expr, path: Expr): [Expr, Expr] {
  if (!isFragment(x) || path.kind !== 'literal' || path.type !== 'string' || path.value.includes('|')) return [x, path];
  const p = path.value.trim();
  const wrapped: Expr = { kind: 'call', name: ['xmlelement'], args: [{ value: x }], xmlName: FRAGMENT_ROOT };
  if (p.startsWith('//')) return [wrapped, path];
  return [wrapped, lit(p.startsWith('/') ? `/${FRAGMENT_ROOT}${p}` : `${FRAGMENT_ROOT}/${p}`)];
}

/**
 * Functions over XMLType values (SQL rules; undefined when the call is not one of them or cannot be
 * converted, which is then reported).
 */
export function xmlFunction(
  name: string,
  a: Expr[],
  ctx: ExprContext,
  isText: (i: number) => boolean,
): Expr | undefined {
  switch (name) {
    case 'XMLTYPE':
    case 'XMLPARSE_DOCUMENT':
      // XMLTYPE(text) parses the text (the database's xmloption accepts documents and fragments).
      if (a.length === 1 && isText(0)) return cast({ kind: 'paren', expr: a[0] }, XML);
      notConverted(
        ctx,
        'XMLTYPE(…) of a non-character value (an object instance or a cursor: PostgreSQL has no canonical XML of a row; build it with xmlelement / xmlforest or query_to_xml)',
      );
      return undefined;
    case 'EXTRACT': {
      if (a.length === 3)
        notConverted(
          ctx,
          'EXTRACT(xml, path, namespaces) (pass the namespaces as xpath(path, xml, ARRAY[ARRAY[prefix, uri]]))',
        );
      const p = xpathArg(a[1], 'EXTRACT', ctx);
      return p && a.length === 2 ? extractFragment(a[0], p) : undefined;
    }
    case 'EXTRACTVALUE': {
      if (a.length === 3)
        notConverted(ctx, 'EXTRACTVALUE(xml, path, namespaces) (pass the namespaces to xpath())');
      const p = xpathArg(a[1], 'EXTRACTVALUE', ctx);
      if (!p || a.length !== 2) return undefined;
      // The text of the one node the path selects; NULL when it selects none.
      const [doc, q] = asDocument(a[0], p);
      const path =
        q.kind === 'literal' ? lit(`string(${q.value})`) : bin('||', bin('||', lit('string('), q), lit(')'));
      return call(
        'nullif',
        cast(
          { kind: 'subscript', operand: { kind: 'paren', expr: call('xpath', path, doc) }, index: num(1) },
          'text',
        ),
        EMPTY,
      );
    }
    case 'EXISTSNODE': {
      const p = xpathArg(a[1], 'EXISTSNODE', ctx);
      if (!p || a.length !== 2) return undefined;
      const [doc, q] = asDocument(a[0], p);
      return caseWhen([[call('xpath_exists', q, doc), num(1)]], num(0));
    }
  }
  return undefined;
}

/** The SQL function rules (FUNCTION_RULES): kept as they are (and reported) when not converted. */
const xmlRule =
  (name: string): FunctionRule =>
  (a, c, ctx, _orig, types) =>
    xmlFunction(
      name,
      a,
      ctx,
      (i) => types[i]?.cls === 'string' || types[i]?.cls === 'null' || types[i]?.cls === 'unknown',
    ) ?? c;

export const XML_RULES: Record<string, FunctionRule> = {
  XMLTYPE: xmlRule('XMLTYPE'),
  EXTRACT: xmlRule('EXTRACT'),
  EXTRACTVALUE: xmlRule('EXTRACTVALUE'),
  EXISTSNODE: xmlRule('EXISTSNODE'),
  // XMLSEQUENCE(EXTRACT(x, path)): the selected nodes, one XMLType each (an xml[] that TABLE() unnests).
  XMLSEQUENCE: (a, c, ctx, orig) => {
    const inner = orig[0];
    if (
      a.length === 1 &&
      inner?.kind === 'call' &&
      inner.name.length === 1 &&
      inner.name[0] === 'EXTRACT' &&
      inner.args.length === 2
    ) {
      const r = a[0];
      // The argument was rewritten to nullif(array_to_string(xpath(p, x)::text[], ''), '')::xml: take xpath(p, x) back.
      const joined = r.kind === 'pg-cast' && r.operand.kind === 'call' ? r.operand.args[0]?.value : undefined;
      const xp =
        joined?.kind === 'call' && joined.args[0]?.value.kind === 'pg-cast' ? joined.args[0].value.operand : undefined;
      if (xp) return xp;
    }
    notConverted(ctx, 'XMLSEQUENCE(…) of anything but EXTRACT(xml, path) (use unnest(xpath(path, xml)))');
    return c;
  },
};

/** XMLType methods with a PostgreSQL equivalent (names upper case). */
export const XML_METHODS = new Set([
  'GETCLOBVAL',
  'GETSTRINGVAL',
  'GETNUMBERVAL',
  'GETROOTELEMENT',
  'EXTRACT',
  'EXISTSNODE',
]);

/** operand.method(args) of an XMLType value → PostgreSQL (undefined: not an XMLType method). */
export function xmlMethod(operand: Expr, name: string, args: Expr[], ctx: ExprContext): Expr | undefined {
  const x =
    operand.kind === 'column' || operand.kind === 'paren'
      ? operand
      : { kind: 'paren' as const, expr: operand };
  switch (name) {
    case 'GETCLOBVAL':
    case 'GETSTRINGVAL':
      return args.length ? undefined : cast(x, 'text');
    case 'GETNUMBERVAL':
      return args.length ? undefined : cast(cast(x, 'text'), 'numeric');
    case 'GETROOTELEMENT':
      // The name of the document's root element.
      return args.length
        ? undefined
        : cast(
            {
              kind: 'subscript',
              operand: { kind: 'paren', expr: call('xpath', lit('name(/*)'), x) },
              index: num(1),
            },
            'text',
          );
    case 'EXTRACT':
    case 'EXISTSNODE':
      if (args.length !== 1) {
        notConverted(ctx, `XMLType.${name.toLowerCase()}(path, namespaces) (pass the namespaces to xpath())`);
        return undefined;
      }
      return xmlFunction(name, [x, args[0]], ctx, () => false);
  }
  return undefined;
}
