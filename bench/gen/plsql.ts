/**
 * PL/SQL of the generator: one package per module (spec + body) over a few of its tables, with
 * explicit and implicit cursors, BULK COLLECT/FORALL, associative arrays and nested tables,
 * MERGE, EXECUTE IMMEDIATE, OPEN … FOR with binds, DBMS_SQL and exception handling; plus an
 * occasional standalone function. Every unit ends with a "/" line.
 */
import { type Column, type Module, numericKinds, objName, sampleValue, type Table } from './model.js';
import type { Rng } from './prng.js';

interface Pkg {
  name: string;
  specTypes: string[];
  specUnits: string[];
  bodyDecls: string[];
  bodyUnits: string[];
  usesDbmsSql: boolean;
}

const I = '    ';

function amountOf(t: Table): Column | undefined {
  return t.columns.find((c) => numericKinds.has(c.kind));
}

function touchSet(t: Table): string {
  const upd = t.columns.find((c) => c.name === 'updated_at');
  return upd ? `${upd.name} = SYSDATE` : 'created_by = NVL(created_by, USER)';
}

type Template = (r: Rng, t: Table, p: Pkg) => void;

const getCode: Template = (r, t, p) => {
  const x = t.singular;
  const fn = `get_${x}_code`;
  const sig = `FUNCTION ${fn} (p_id IN ${t.name}.${t.pk.name}%TYPE) RETURN ${t.name}.${t.code.name}%TYPE`;
  p.specUnits.push(`${sig};`);
  const onMissing = r.chance(0.5)
    ? `RAISE_APPLICATION_ERROR(-20404, '${x.replaceAll('_', ' ')} ' || p_id || ' not found');`
    : 'RETURN NULL;';
  p.bodyUnits.push(`${sig}
${I}IS
${I}${I}l_code ${t.name}.${t.code.name}%TYPE;
${I}BEGIN
${I}${I}SELECT ${t.code.name}
${I}${I}  INTO l_code
${I}${I}  FROM ${t.name}
${I}${I} WHERE ${t.pk.name} = p_id;
${I}${I}RETURN l_code;
${I}EXCEPTION
${I}${I}WHEN NO_DATA_FOUND THEN
${I}${I}${I}${onMissing}
${I}${I}WHEN TOO_MANY_ROWS THEN
${I}${I}${I}log_msg('${fn}: duplicate ' || p_id);
${I}${I}${I}RAISE;
${I}END ${fn};`);
};

const exists: Template = (_r, t, p) => {
  const fn = `${t.singular}_exists`;
  const sig = `FUNCTION ${fn} (p_code IN VARCHAR2) RETURN BOOLEAN`;
  p.specUnits.push(`${sig};`);
  p.bodyUnits.push(`${sig}
${I}IS
${I}${I}l_found PLS_INTEGER;
${I}BEGIN
${I}${I}SELECT COUNT(*)
${I}${I}  INTO l_found
${I}${I}  FROM ${t.name}
${I}${I} WHERE ${t.code.name} = p_code
${I}${I}   AND ROWNUM = 1;
${I}${I}RETURN l_found > 0;
${I}END ${fn};`);
};

const closeStale: Template = (r, t, p) => {
  const vals = t.status.statusValues!;
  const proc = `close_stale_${t.singular}`.slice(0, 30);
  const sig = `PROCEDURE ${proc} (p_before IN DATE, p_closed OUT PLS_INTEGER)`;
  p.specUnits.push(`${sig};`);
  const upd = t.columns.find((c) => c.name === 'updated_at');
  p.bodyUnits.push(`${sig}
${I}IS
${I}${I}CURSOR c_stale (cp_before DATE) IS
${I}${I}${I}SELECT t.${t.pk.name}, t.${t.status.name}
${I}${I}${I}  FROM ${t.name} t
${I}${I}${I} WHERE t.${t.created.name} < cp_before
${I}${I}${I}   AND t.${t.status.name} = '${vals[0]}'
${I}${I}${I}   FOR UPDATE OF t.${t.status.name}${r.chance(0.5) ? ' SKIP LOCKED' : ' NOWAIT'};
${I}BEGIN
${I}${I}p_closed := 0;
${I}${I}FOR r IN c_stale(p_before) LOOP
${I}${I}${I}UPDATE ${t.name}
${I}${I}${I}   SET ${t.status.name} = '${vals[vals.length - 1]}'${upd ? `,\n${I}${I}${I}       ${upd.name} = SYSDATE` : ''}
${I}${I}${I} WHERE CURRENT OF c_stale;
${I}${I}${I}p_closed := p_closed + 1;
${I}${I}${I}IF MOD(p_closed, c_batch_size) = 0 THEN
${I}${I}${I}${I}log_msg('${proc}: ' || p_closed || ' rows');
${I}${I}${I}END IF;
${I}${I}END LOOP;
${I}END ${proc};`);
};

const bulkTouch: Template = (_r, t, p) => {
  const x = t.singular;
  const proc = `touch_${x}_rows`.slice(0, 30);
  const tab = `t_${x}_ids`.slice(0, 30);
  p.specTypes.push(`TYPE ${tab} IS TABLE OF ${t.name}.${t.pk.name}%TYPE INDEX BY PLS_INTEGER;`);
  const sig = `PROCEDURE ${proc} (p_status IN VARCHAR2, p_rows OUT PLS_INTEGER)`;
  p.specUnits.push(`${sig};`);
  p.bodyUnits.push(`${sig}
${I}IS
${I}${I}CURSOR c_ids IS
${I}${I}${I}SELECT ${t.pk.name}
${I}${I}${I}  FROM ${t.name}
${I}${I}${I} WHERE ${t.status.name} = p_status;
${I}${I}l_ids ${tab};
${I}BEGIN
${I}${I}p_rows := 0;
${I}${I}OPEN c_ids;
${I}${I}LOOP
${I}${I}${I}FETCH c_ids BULK COLLECT INTO l_ids LIMIT c_batch_size;
${I}${I}${I}EXIT WHEN l_ids.COUNT = 0;
${I}${I}${I}FORALL i IN 1 .. l_ids.COUNT
${I}${I}${I}${I}UPDATE ${t.name}
${I}${I}${I}${I}   SET ${touchSet(t)}
${I}${I}${I}${I} WHERE ${t.pk.name} = l_ids(i);
${I}${I}${I}p_rows := p_rows + SQL%ROWCOUNT;
${I}${I}${I}g_rows_done := g_rows_done + l_ids.COUNT;
${I}${I}END LOOP;
${I}${I}CLOSE c_ids;
${I}EXCEPTION
${I}${I}WHEN OTHERS THEN
${I}${I}${I}IF c_ids%ISOPEN THEN
${I}${I}${I}${I}CLOSE c_ids;
${I}${I}${I}END IF;
${I}${I}${I}log_msg('${proc} failed: ' || SQLERRM);
${I}${I}${I}RAISE;
${I}END ${proc};`);
};

const dynCount: Template = (r, t, p) => {
  const fn = `count_${t.singular}_rows`.slice(0, 30);
  const sig = `FUNCTION ${fn} (p_status IN VARCHAR2 DEFAULT NULL, p_table IN VARCHAR2 DEFAULT '${t.name.toUpperCase()}') RETURN NUMBER`;
  p.specUnits.push(`${sig};`);
  const where = r.chance(0.5)
    ? `' WHERE ${t.status.name} = :1'`
    : `q'[ WHERE ${t.status.name} = :1 AND ${t.created.name} > SYSDATE - 3650]'`;
  p.bodyUnits.push(`${sig}
${I}IS
${I}${I}l_sql   VARCHAR2(4000);
${I}${I}l_count NUMBER;
${I}BEGIN
${I}${I}l_sql := 'SELECT COUNT(*) FROM ' || DBMS_ASSERT.SQL_OBJECT_NAME(p_table);
${I}${I}IF p_status IS NOT NULL THEN
${I}${I}${I}l_sql := l_sql || ${where};
${I}${I}${I}EXECUTE IMMEDIATE l_sql INTO l_count USING p_status;
${I}${I}ELSE
${I}${I}${I}EXECUTE IMMEDIATE l_sql INTO l_count;
${I}${I}END IF;
${I}${I}RETURN l_count;
${I}END ${fn};`);
};

const dynPurge: Template = (r, t, p) => {
  const proc = `purge_${t.singular}`.slice(0, 30);
  const sig = `PROCEDURE ${proc} (p_before IN DATE, p_deleted OUT NUMBER)`;
  p.specUnits.push(`${sig};`);
  const stmt = r.chance(0.5)
    ? `'DELETE FROM ${t.name} WHERE ${t.created.name} < :b1 AND ${t.status.name} = :b2'`
    : `q'{DELETE FROM ${t.name} WHERE ${t.created.name} < :b1 AND ${t.status.name} = :b2}'`;
  p.bodyUnits.push(`${sig}
${I}IS
${I}BEGIN
${I}${I}SAVEPOINT before_purge;
${I}${I}EXECUTE IMMEDIATE ${stmt}
${I}${I}${I}USING p_before, '${t.status.statusValues![t.status.statusValues!.length - 1]}';
${I}${I}p_deleted := SQL%ROWCOUNT;
${I}${I}log_msg('${proc}: ' || p_deleted || ' rows deleted');
${I}EXCEPTION
${I}${I}WHEN OTHERS THEN
${I}${I}${I}ROLLBACK TO before_purge;
${I}${I}${I}RAISE_APPLICATION_ERROR(-20001, '${proc} failed: ' || SQLERRM, TRUE);
${I}END ${proc};`);
};

const search: Template = (_r, t, p) => {
  const fn = `search_${t.singular}`.slice(0, 30);
  const sig = `FUNCTION ${fn} (p_pattern IN VARCHAR2, p_max_rows IN PLS_INTEGER DEFAULT 100) RETURN SYS_REFCURSOR`;
  p.specUnits.push(`${sig};`);
  p.bodyUnits.push(`${sig}
${I}IS
${I}${I}l_rc SYS_REFCURSOR;
${I}BEGIN
${I}${I}OPEN l_rc FOR
${I}${I}${I}'SELECT ${t.pk.name}, ${t.code.name}, ${t.nameCol.name} FROM ${t.name}'
${I}${I}${I}|| ' WHERE UPPER(${t.code.name}) LIKE :p AND ROWNUM <= :n ORDER BY ${t.code.name}'
${I}${I}${I}USING UPPER(p_pattern) || '%', p_max_rows;
${I}${I}RETURN l_rc;
${I}END ${fn};`);
};

const upsert: Template = (r, t, p) => {
  const proc = `upsert_${t.singular}`.slice(0, 30);
  const sig = `PROCEDURE ${proc} (p_code IN ${t.name}.${t.code.name}%TYPE, p_name IN ${t.name}.${t.nameCol.name}%TYPE)`;
  p.specUnits.push(`${sig};`);
  const vars: string[] = [];
  const lookups: string[] = [];
  const cols: string[] = [];
  const vals: string[] = [];
  if (t.seq) {
    cols.push(t.pk.name);
    vals.push(`${t.seq}.NEXTVAL`);
  }
  cols.push(t.code.name, t.nameCol.name);
  vals.push('s.code', 's.name');
  for (const c of t.columns) {
    if (!c.notNull || c.default || c.identity || c.virtual || ['pk', 'code', 'name'].includes(c.kind))
      continue;
    cols.push(c.name);
    if (c.ref) {
      const v = `l_${c.name}`.slice(0, 30);
      vars.push(`${I}${I}${v} ${c.ref.name}.${c.ref.pk.name}%TYPE;`);
      lookups.push(`${I}${I}SELECT MIN(${c.ref.pk.name}) INTO ${v} FROM ${c.ref.name};`);
      vals.push(v);
    } else vals.push(sampleValue(c, r));
  }
  const upd = t.columns.find((c) => c.name === 'updated_at');
  p.bodyUnits.push(`${sig}
${I}IS
${vars.join('\n')}${vars.length ? '\n' : ''}${I}BEGIN
${lookups.join('\n')}${lookups.length ? '\n' : ''}${I}${I}MERGE INTO ${t.name} t
${I}${I}USING (SELECT p_code AS code, p_name AS name FROM dual) s
${I}${I}   ON (t.${t.code.name} = s.code)
${I}${I} WHEN MATCHED THEN
${I}${I}${I}UPDATE SET t.${t.nameCol.name} = s.name${upd ? `, t.${upd.name} = SYSDATE` : ''}
${I}${I} WHEN NOT MATCHED THEN
${I}${I}${I}INSERT (${cols.join(', ')})
${I}${I}${I}VALUES (${vals.join(', ')});
${I}${I}IF SQL%ROWCOUNT = 0 THEN
${I}${I}${I}log_msg('${proc}: nothing merged for ' || p_code);
${I}${I}END IF;
${I}END ${proc};`);
};

const cache: Template = (_r, t, p) => {
  const x = t.singular;
  const fn = `cached_${x}_name`.slice(0, 30);
  const typ = `t_${x}_cache`.slice(0, 30);
  const v = `g_${x}_cache`.slice(0, 30);
  const last = t.status.statusValues![t.status.statusValues!.length - 1];
  p.bodyDecls.push(`TYPE ${typ} IS TABLE OF ${t.name}.${t.nameCol.name}%TYPE INDEX BY VARCHAR2(200);`);
  p.bodyDecls.push(`${v} ${typ};`);
  const sig = `FUNCTION ${fn} (p_code IN VARCHAR2) RETURN VARCHAR2`;
  p.specUnits.push(`${sig};`);
  p.bodyUnits.push(`${sig}
${I}IS
${I}BEGIN
${I}${I}IF ${v}.COUNT = 0 THEN
${I}${I}${I}FOR r IN (SELECT ${t.code.name} AS code, ${t.nameCol.name} AS name
${I}${I}${I}            FROM ${t.name}
${I}${I}${I}           WHERE ${t.status.name} <> '${last}')
${I}${I}${I}LOOP
${I}${I}${I}${I}${v}(r.code) := r.name;
${I}${I}${I}END LOOP;
${I}${I}END IF;
${I}${I}IF ${v}.EXISTS(p_code) THEN
${I}${I}${I}RETURN ${v}(p_code);
${I}${I}END IF;
${I}${I}RETURN NULL;
${I}END ${fn};`);
};

const recentList: Template = (r, t, p) => {
  const x = t.singular;
  const fn = `recent_${x}_ids`.slice(0, 30);
  const typ = `t_${x}_list`.slice(0, 30);
  p.specTypes.push(`TYPE ${typ} IS TABLE OF NUMBER;`);
  const sig = `FUNCTION ${fn} (p_days IN PLS_INTEGER DEFAULT 30, p_limit IN PLS_INTEGER DEFAULT 1000) RETURN ${typ}`;
  p.specUnits.push(`${sig};`);
  const dropOdd = r.chance(0.5)
    ? `
${I}${I}-- drop entries whose id is odd, then compact the list
${I}${I}l_idx := l_list.FIRST;
${I}${I}WHILE l_idx IS NOT NULL LOOP
${I}${I}${I}IF MOD(l_list(l_idx), 2) = 1 THEN
${I}${I}${I}${I}l_list.DELETE(l_idx);
${I}${I}${I}END IF;
${I}${I}${I}l_idx := l_list.NEXT(l_idx);
${I}${I}END LOOP;
${I}${I}l_out := ${typ}();
${I}${I}l_idx := l_list.FIRST;
${I}${I}WHILE l_idx IS NOT NULL LOOP
${I}${I}${I}l_out.EXTEND;
${I}${I}${I}l_out(l_out.COUNT) := l_list(l_idx);
${I}${I}${I}l_idx := l_list.NEXT(l_idx);
${I}${I}END LOOP;
${I}${I}RETURN l_out;`
    : `
${I}${I}RETURN l_list;`;
  p.bodyUnits.push(`${sig}
${I}IS
${I}${I}l_list ${typ} := ${typ}();
${I}${I}l_out  ${typ};
${I}${I}l_idx  PLS_INTEGER;
${I}BEGIN
${I}${I}FOR r IN (SELECT ${t.pk.name} AS id
${I}${I}            FROM ${t.name}
${I}${I}           WHERE ${t.created.name} >= TRUNC(SYSDATE) - p_days
${I}${I}           ORDER BY ${t.created.name} DESC)
${I}${I}LOOP
${I}${I}${I}EXIT WHEN l_list.COUNT >= p_limit;
${I}${I}${I}l_list.EXTEND;
${I}${I}${I}l_list(l_list.LAST) := r.id;
${I}${I}END LOOP;${dropOdd}
${I}END ${fn};`);
};

const report: Template = (r, t, p) => {
  const proc = `report_${t.singular}`.slice(0, 30);
  const sig = `PROCEDURE ${proc} (p_status IN VARCHAR2 DEFAULT NULL)`;
  p.specUnits.push(`${sig};`);
  const fk = t.fks.length ? r.pick(t.fks) : undefined;
  const amt = amountOf(t);
  const amountExpr = amt ? `c.${amt.name}` : '1';
  const join = fk
    ? `\n${I}${I}${I}            ${fk.notNull ? 'JOIN' : 'LEFT JOIN'} ${fk.ref!.name} p ON p.${fk.ref!.pk.name} = c.${fk.name}`
    : '';
  const parentCode = fk ? `p.${fk.ref!.code.name}` : `c.${t.code.name}`;
  p.bodyUnits.push(`${sig}
${I}IS
${I}${I}l_total NUMBER := 0;
${I}${I}l_count PLS_INTEGER := 0;
${I}${I}l_label VARCHAR2(30);
${I}BEGIN
${I}${I}FOR r IN (SELECT c.${t.pk.name} AS id, c.${t.code.name} AS code, ${parentCode} AS parent_code, ${amountExpr} AS amount
${I}${I}${I}            FROM ${t.name} c${join}
${I}${I}${I}           WHERE (p_status IS NULL OR c.${t.status.name} = p_status)
${I}${I}${I}           ORDER BY c.${t.code.name})
${I}${I}LOOP
${I}${I}${I}CASE
${I}${I}${I}${I}WHEN r.amount IS NULL THEN
${I}${I}${I}${I}${I}l_label := 'n/a';
${I}${I}${I}${I}WHEN r.amount > 1000 THEN
${I}${I}${I}${I}${I}l_label := 'large';
${I}${I}${I}${I}ELSE
${I}${I}${I}${I}${I}l_label := 'small';
${I}${I}${I}END CASE;
${I}${I}${I}l_count := l_count + 1;
${I}${I}${I}l_total := l_total + NVL(r.amount, 0);
${I}${I}${I}CONTINUE WHEN l_label = 'small' AND NOT g_debug;
${I}${I}${I}log_msg(r.code || ' / ' || r.parent_code || ': ' || l_label);
${I}${I}END LOOP;
${I}${I}log_msg('${proc}: ' || l_count || ' rows, total ' || TO_CHAR(l_total, 'FM999G999G990D00'));
${I}END ${proc};`);
};

const TEMPLATES: readonly (readonly [Template, number])[] = [
  [exists, 2],
  [closeStale, 2],
  [bulkTouch, 3],
  [dynCount, 2],
  [dynPurge, 2],
  [search, 2],
  [upsert, 3],
  [cache, 2],
  [recentList, 2],
  [report, 3],
];

function dbmsSqlUnit(p: Pkg): void {
  const sig = 'FUNCTION column_count (p_table IN VARCHAR2) RETURN PLS_INTEGER';
  p.specUnits.push(`${sig};`);
  p.bodyUnits.push(`${sig}
${I}IS
${I}${I}l_cursor INTEGER;
${I}${I}l_cols   INTEGER;
${I}${I}l_desc   DBMS_SQL.DESC_TAB;
${I}BEGIN
${I}${I}l_cursor := DBMS_SQL.OPEN_CURSOR;
${I}${I}DBMS_SQL.PARSE(l_cursor, 'SELECT * FROM ' || DBMS_ASSERT.SQL_OBJECT_NAME(p_table), DBMS_SQL.NATIVE);
${I}${I}DBMS_SQL.DESCRIBE_COLUMNS(l_cursor, l_cols, l_desc);
${I}${I}DBMS_SQL.CLOSE_CURSOR(l_cursor);
${I}${I}RETURN l_cols;
${I}EXCEPTION
${I}${I}WHEN OTHERS THEN
${I}${I}${I}IF DBMS_SQL.IS_OPEN(l_cursor) THEN
${I}${I}${I}${I}DBMS_SQL.CLOSE_CURSOR(l_cursor);
${I}${I}${I}END IF;
${I}${I}${I}RAISE;
${I}END column_count;`);
}

/** Templates indent a unit's inner lines one level too deep; remove one level. */
const dedent = (text: string) =>
  text
    .split('\n')
    .map((l, i) => (i > 0 && l.startsWith(I) ? l.slice(I.length) : l))
    .join('\n');

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

/** Package spec, body and grant for a module (empty when the module has no table). */
export function modulePackage(r: Rng, m: Module): string[] {
  if (!m.tables.length) return [];
  const focus = r.sample(
    m.tables,
    Math.min(
      m.tables.length,
      r.weighted([
        [1, 3],
        [2, 3],
        [3, 2],
        [5, 1],
      ]),
    ),
  );
  const name = `${m.prefix}_${focus[0].name.slice(m.prefix.length + 1).slice(0, 18)}_pkg`;
  const p: Pkg = { name, specTypes: [], specUnits: [], bodyDecls: [], bodyUnits: [], usesDbmsSql: false };
  for (const t of focus) {
    getCode(r, t, p);
    const n = r.int(2, 7);
    const picks = new Set<Template>();
    for (let i = 0; i < n * 2 && picks.size < n; i++) picks.add(r.weighted(TEMPLATES));
    for (const tpl of picks) tpl(r, t, p);
  }
  if (r.chance(0.3)) dbmsSqlUnit(p);

  const s = m.style;
  const pkgName = objName(s, name);
  const editionable = s === 'metadata' ? 'EDITIONABLE ' : '';
  const spec = `CREATE OR REPLACE ${editionable}PACKAGE ${pkgName}
${r.chance(0.5) ? `${I}AUTHID ${r.pick(['DEFINER', 'CURRENT_USER'])}\n` : ''}AS
${I}-- Public API of module ${m.prefix.toUpperCase()} (${focus.map((t) => t.name).join(', ')})
${I}c_batch_size  CONSTANT PLS_INTEGER := ${r.pick([100, 500, 1000])};
${I}g_debug       BOOLEAN := FALSE;
${I}e_not_found   EXCEPTION;
${I}PRAGMA EXCEPTION_INIT(e_not_found, -20404);

${p.specTypes.map((x) => `${I}${x}`).join('\n')}${p.specTypes.length ? '\n\n' : ''}${p.specUnits.map((x) => `${I}${x}`).join('\n\n')}
END ${name};
/
`;
  const logMsg = `PROCEDURE log_msg (p_text IN VARCHAR2)
${I}IS
${I}${I}PRAGMA AUTONOMOUS_TRANSACTION;
${I}BEGIN
${I}${I}IF g_debug THEN
${I}${I}${I}DBMS_OUTPUT.PUT_LINE(TO_CHAR(SYSTIMESTAMP, 'HH24:MI:SS.FF3') || ' ${name}: ' || SUBSTR(p_text, 1, 2000));
${I}${I}END IF;
${I}${I}COMMIT;
${I}EXCEPTION
${I}${I}WHEN OTHERS THEN
${I}${I}${I}ROLLBACK;
${I}END log_msg;`;
  const decls = [`g_rows_done PLS_INTEGER := 0;`, ...p.bodyDecls];
  const init = r.chance(0.4) ? `BEGIN\n${I}g_rows_done := 0;\n${I}g_debug := FALSE;\n` : '';
  const body = `CREATE OR REPLACE ${editionable}PACKAGE BODY ${pkgName}
AS
${decls.map((d) => `${I}${d}`).join('\n')}

${[logMsg, ...p.bodyUnits].map((u) => indent(dedent(u), I)).join('\n\n')}

${init}END ${name};
/
`;
  const out = [
    spec,
    body,
    `GRANT EXECUTE ON ${pkgName} TO ${s === 'metadata' ? '"APP_RW_ROLE"' : 'app_rw_role'};\n`,
  ];
  if (r.chance(0.25)) out.push(standaloneFunction(r, m));
  return out;
}

function standaloneFunction(r: Rng, m: Module): string {
  const name = `${m.prefix}_fmt_amount`;
  const fmt = r.pick(["'FM999G999G990D00'", "'FM999999990.00'"]);
  return `CREATE OR REPLACE FUNCTION ${objName(m.style, name)} (
${I}p_amount   IN NUMBER,
${I}p_currency IN VARCHAR2 DEFAULT 'EUR'
) RETURN VARCHAR2
${I}DETERMINISTIC
IS
BEGIN
${I}IF p_amount IS NULL THEN
${I}${I}RETURN NULL;
${I}END IF;
${I}RETURN TO_CHAR(p_amount, ${fmt}) || ' ' || p_currency;
END ${name};
/
`;
}
