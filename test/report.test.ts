/**
 * orapg assess: the report model on examples/hr (golden summary, counts per object type, grade),
 * every input object exactly once, JSON schema and ordering, stable item IDs and --baseline,
 * CSV quoting, HTML escaping, no secrets, and the CLI.
 *
 * The golden file test/report-golden/hr.json changes when a converter raises different findings:
 * regenerate it with `UPDATE_GOLDEN=1 npx vitest run test/report.test.ts` and read the diff.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryAnchor } from '../scripts/gen-docs.js';
import { main } from '../src/cli/index.js';
import { convertSources } from '../src/convert/index.js';
import { catalog } from '../src/findings/catalog.js';
import {
  type AssessResult,
  assess,
  assessSources,
  parseReportJson,
  parseStatement,
  type Report,
  ReportSchema,
  renderCsv,
  renderHtml,
  renderJson,
  writeReport,
} from '../src/index.js';
import { catalogAnchor } from '../src/report/build.js';
import { csvField } from '../src/report/csv.js';
import { escapeHtml, html, jsonForScript } from '../src/report/templates/html.js';
import { readSources, readTextFile } from '../src/source/files.js';

const GOLDEN = 'test/report-golden/hr.json';
const FIXED = () => new Date('2024-01-02T03:04:05Z');

let hr: AssessResult;
beforeAll(() => {
  hr = assess(['examples/hr'], { now: FIXED });
});

function golden(r: Report) {
  return {
    summary: r.summary,
    objectTypes: r.objectTypes,
    codes: r.codes.map(
      (c) => `${c.code} ×${c.occurrences} on ${c.objects} object(s): ${c.effortMinutes} min`,
    ),
    objects: r.objects.map((o) => `${o.key} | ${o.status} | ${o.complexity} | ${o.effortMinutes} min`),
  };
}

describe('assess examples/hr', () => {
  it('matches the golden summary (regenerate with UPDATE_GOLDEN=1)', () => {
    const actual = `${JSON.stringify(golden(hr.report), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, actual);
    }
    expect(actual, `${GOLDEN} is out of date: UPDATE_GOLDEN=1 npx vitest run test/report.test.ts`).toBe(
      readFileSync(GOLDEN, 'utf8'),
    );
  });

  it('counts the objects of the example per type (examples/hr/README.md)', () => {
    // subprograms of a package may be objects of their own (PACKAGE BODY X.P, type PROCEDURE); a
    // compound trigger is one object per timing point (TRIGGER X (AFTER EACH ROW)) and one for its
    // declarations: the README counts Oracle triggers
    const count: Record<string, number> = {};
    const seen = new Set<string>();
    for (const o of hr.report.objects) {
      if (o.type === 'TRIGGER') {
        const oracle = o.name.replace(/ \((declarations|[A-Z ]+)\)(\..*)?$/, '');
        if (seen.has(oracle)) continue;
        seen.add(oracle);
      }
      if (!/^PACKAGE( BODY)? /.test(o.name) || o.type.startsWith('PACKAGE'))
        count[o.type] = (count[o.type] ?? 0) + 1;
    }
    expect(count).toMatchObject({
      TABLE: 24,
      INDEX: 35,
      SEQUENCE: 14,
      TRIGGER: 15,
      VIEW: 10,
      PROCEDURE: 4,
      FUNCTION: 1,
      PACKAGE: 2,
      'PACKAGE BODY': 2,
      TYPE: 1,
      SYNONYM: 3,
      ROLE: 2,
      GRANT: 24,
    });
    // ALTER INDEX … NOPARALLEL / LOGGING: physical attributes, nothing to do on PostgreSQL (an info item each)
    const admin = hr.report.objects.filter((o) => o.type === 'ADMIN');
    expect(admin.map((o) => [o.name, o.status])).toEqual([
      ['ALTER INDEX PAYSLIPS_EMP_DATE_IX', 'converted'],
      ['ALTER INDEX PAYSLIPS_EMP_DATE_IX', 'converted'],
    ]);
    expect(hr.report.objects.some((o) => o.type === 'STATEMENT')).toBe(false);
  });

  it('lists every object of the input exactly once, with a status', () => {
    const sources = readSources(['examples/hr']);
    const converted = convertSources(sources, {}, readTextFile);
    const r = hr.report;
    const notConverted = converted.findings.filter((f) => f.id === 'OPG-PARSE-0002').length;
    expect(r.summary.parseErrors).toBe(0);
    expect(r.objects).toHaveLength(converted.objects.length + notConverted);
    expect(new Set(r.objects.map((o) => o.key)).size).toBe(r.objects.length);
    const names = (list: string[]) => [...list].sort();
    expect(names(r.objects.filter((o) => o.type !== 'STATEMENT').map((o) => o.name))).toEqual(
      names(converted.objects.map((o) => o.object)),
    );
    const s = r.summary.status;
    expect(s.converted + s.convertedWithWarnings + s.needsManualWork + s.failedToParse).toBe(
      r.objects.length,
    );
  });

  it('adds up: objects, types, codes and totals agree', () => {
    const r = hr.report;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(r.objects.map((o) => o.effortMinutes))).toBe(r.summary.effort.objectMinutes);
    expect(sum(r.objectTypes.map((t) => t.effortMinutes))).toBe(r.summary.effort.objectMinutes);
    expect(sum(r.objectTypes.map((t) => t.objects))).toBe(r.summary.objects);
    expect(sum(r.codes.map((c) => c.occurrences))).toBe(r.actionItems.length);
    expect(sum(r.codes.map((c) => c.baseMinutes))).toBe(r.summary.effort.baseMinutes);
    expect(sum(r.codes.map((c) => c.effortMinutes))).toBe(r.summary.effort.totalMinutes);
    expect(r.summary.effort.totalMinutes).toBe(
      r.summary.effort.objectMinutes + r.summary.effort.scriptMinutes + r.summary.effort.baseMinutes,
    );
    for (const o of r.objects) {
      const items = r.actionItems.filter((it) => it.objectKey === o.key);
      expect(items).toHaveLength(o.actionItems);
      expect(sum(items.map((it) => it.effortMinutes))).toBe(o.effortMinutes);
    }
    for (const t of r.objectTypes) {
      const objs = r.objects.filter((o) => o.type === t.type);
      const ok = objs.filter(
        (o) => o.status === 'converted' || o.status === 'converted-with-warnings',
      ).length;
      expect(t.autoConversionRate).toBeCloseTo(ok / objs.length, 4);
    }
    // the grade follows the documented formula from the totals
    const g = r.summary.grade;
    const rewrite = r.objects.some((o) => o.status === 'needs-manual-work' || o.status === 'failed-to-parse');
    const days = r.summary.effort.totalMinutes / 60 / r.scoring.hoursPerDay;
    expect(g.level).toBe(!rewrite ? 'A' : days <= 5 ? 'B' : 'C');
    expect(g.label).toBe(`${g.level}-${g.difficulty}`);
  });

  it('points action items at lines inside their statement', () => {
    const r = hr.report;
    const byKey = new Map(r.objects.map((o) => [o.key, o]));
    for (const it of r.actionItems) {
      if (!it.objectKey || it.line === null) continue;
      const o = byKey.get(it.objectKey)!;
      expect(it.line).toBeGreaterThanOrEqual(o.location!.line);
      expect(it.line).toBeLessThanOrEqual(o.endLine!);
    }
    // "VARCHAR2(12 BYTE) on EMPLOYEES.EMPLOYEE_NUMBER" points at the column, not at CREATE TABLE
    const it = r.actionItems.find(
      (x) => x.code === 'OPG-TYPE-0013' && x.message.includes('EMPLOYEES.EMPLOYEE_NUMBER'),
    )!;
    const line = readFileSync(it.location!.file, 'utf8').split('\n')[it.line! - 1];
    expect(line).toMatch(/employee_number\s+VARCHAR2\(12 BYTE\)/i);
    expect(it.lineExact).toBe(false);
  });

  it('writes JSON that validates against the schema, in schema key order, with a newline', () => {
    const text = renderJson(hr.report);
    const parsed = ReportSchema.parse(JSON.parse(text));
    expect(parsed.summary.objects).toBe(hr.report.objects.length);
    expect(Object.keys(JSON.parse(text))).toEqual(
      Object.keys(ReportSchema.shape).filter((k) => k !== 'verify'),
    );
    expect(text.endsWith('}\n')).toBe(true);
    expect(parsed.generatedAt).toBe('2024-01-02T03:04:05.000Z');
    expect(parsed.codes.map((c) => c.code)).toEqual([...parsed.codes.map((c) => c.code)].sort());
  });

  it('gives one action item for a finding repeated at the same place (a script included twice)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orapg-dup-'));
    // Both install scripts include common.sql, whose substitution variable has no value.
    writeFileSync(join(dir, 'common.inc'), 'CREATE TABLE t_&&suffix (id NUMBER);\n');
    writeFileSync(join(dir, 'a.sql'), '@@common.inc\nCREATE TABLE a (id NUMBER);\n');
    writeFileSync(join(dir, 'b.sql'), '@@common.inc\nCREATE TABLE b (id NUMBER);\n');
    const r = assess([join(dir, 'a.sql'), join(dir, 'b.sql')], { now: FIXED }).report;
    const unset = r.actionItems.filter((it) => it.code === 'OPG-PARSE-0005');
    expect(unset.map((it) => `${it.location?.file.split('/').pop()}:${it.location?.line}`)).toEqual(['common.inc:1']);
    expect(new Set(r.actionItems.map((it) => it.itemId)).size).toBe(r.actionItems.length);
  });

  it('is deterministic: two runs give the same bytes; no clock means no timestamp', () => {
    const again = assess(['examples/hr'], { now: FIXED });
    expect(renderJson(again.report)).toBe(renderJson(hr.report));
    expect(renderCsv(again.report)).toBe(renderCsv(hr.report));
    expect(renderHtml(again.report, again.code)).toBe(renderHtml(hr.report, hr.code));
    expect(assess(['examples/hr']).report.generatedAt).toBeNull();
  });

  it('links each code to its heading in docs/action-items.md', () => {
    for (const c of hr.report.codes) {
      expect(catalog.has(c.code)).toBe(true);
      expect(catalogAnchor(c.code)).toBe(entryAnchor(c.code));
      expect(c.docs).toBe(`docs/action-items.md#${entryAnchor(c.code)}`);
    }
  });
});

describe('stable action item IDs and --baseline', () => {
  const v1 = `CREATE TABLE t1 (id NUMBER(5) PRIMARY KEY, ts TIMESTAMP WITH TIME ZONE);
CREATE TABLE t2 (id NUMBER(5) PRIMARY KEY, f FLOAT(10), r ROWID);
CREATE SYNONYM s1 FOR t1;
`;
  // three lines added on top, the ROWID column fixed, a FLOAT column added to t1
  const v2 = `-- header
-- moved everything down

CREATE TABLE t1 (id NUMBER(5) PRIMARY KEY, ts TIMESTAMP WITH TIME ZONE, g FLOAT(10));
CREATE TABLE t2 (id NUMBER(5) PRIMARY KEY, f FLOAT(10), r VARCHAR2(18));
CREATE SYNONYM s1 FOR t1;
`;
  const run = (text: string, baseline?: Report) =>
    assessSources(
      [{ file: 'app.sql', text }],
      baseline ? { baseline: { report: baseline, file: 'old.json' } } : {},
    ).report;

  it('keeps IDs when lines move and marks new and resolved items', () => {
    const old = run(v1);
    const now = run(v2, parseReportJson(renderJson(old)));
    const id = (r: Report, code: string, obj: string) =>
      r.actionItems.find((it) => it.code === code && it.objectKey === obj)?.itemId;
    expect(id(now, 'OPG-TYPE-0004', 'TABLE T1')).toBe(id(old, 'OPG-TYPE-0004', 'TABLE T1'));
    expect(id(now, 'OPG-SYN-0001', 'SYNONYM S1')).toBe(id(old, 'OPG-SYN-0001', 'SYNONYM S1'));
    const newItems = now.actionItems.filter((it) => it.baseline === 'new');
    expect(newItems.map((it) => `${it.code} ${it.objectKey}`)).toEqual(['OPG-TYPE-0002 TABLE T1']);
    expect(now.baseline).toMatchObject({ file: 'old.json', newItems: 1, resolvedItems: 1 });
    expect(now.baseline!.resolved.map((it) => `${it.code} ${it.objectKey}`)).toEqual([
      'OPG-TYPE-0007 TABLE T2',
    ]);
    expect(now.baseline!.unchangedItems).toBe(now.actionItems.length - 1);
    const csv = renderCsv(now);
    expect(csv).toMatch(/,OPG-TYPE-0007,.*,resolved\r\n$/);
    expect(ReportSchema.safeParse(JSON.parse(renderJson(now))).success).toBe(true);
  });

  it('gives repeated identical items distinct IDs', () => {
    const r = run('CREATE TABLE t (a TIMESTAMP WITH TIME ZONE, b TIMESTAMP WITH TIME ZONE);');
    const ids = r.actionItems.map((it) => it.itemId);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of ids) expect(i).toMatch(/^[0-9a-f]{12}$/);
  });

  it('refuses files that are not reports of this major version', () => {
    expect(() => parseReportJson('{"a":1}', 'x.json')).toThrow(/not an orapg assess report/);
    expect(() => parseReportJson('nope', 'x.json')).toThrow(/not JSON/);
    const future = { ...JSON.parse(renderJson(run(v1))), schemaVersion: '2.0' };
    expect(() => parseReportJson(JSON.stringify(future), 'x.json')).toThrow(/version 2\.0/);
    const broken = { ...JSON.parse(renderJson(run(v1))), objects: 'x' };
    expect(() => parseReportJson(JSON.stringify(broken), 'x.json')).toThrow(/objects/);
  });
});

/** A strict RFC 4180 reader, to check what the writer produced. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) throw new Error('last record not terminated by CRLF');
  return rows;
}

describe('action-items.csv (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('Straße, 名前')).toBe('"Straße, 名前"');
  });

  it('round-trips hostile object names and multi-line messages through a strict reader', () => {
    const text = `CREATE TABLE "=1+2, ""x""" (id NUMBER(5) PRIMARY KEY);
CREATE TABLE "a,b" (ts TIMESTAMP WITH TIME ZONE);
CREATE TABLE broken (id NUMBER,, x);
`;
    const r = assessSources([{ file: 'odd, "name".sql', text }], {}).report;
    const csv = renderCsv(r);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0][0]).toBe('item_id');
    expect(rows).toHaveLength(r.actionItems.length + 1);
    for (const row of rows) expect(row).toHaveLength(rows[0].length);
    const col = (name: string) => rows[0].indexOf(name);
    const tsRow = rows.find((row) => row[col('code')] === 'OPG-TYPE-0004')!;
    expect(tsRow[col('object')]).toBe('TABLE a,b');
    expect(tsRow[col('file')]).toBe('odd, "name".sql');
    expect(rows.slice(1).map((row) => row[col('item_id')])).toEqual(r.actionItems.map((it) => it.itemId));
  });
});

describe('report.html escaping', () => {
  const hostile = `CREATE TABLE "<img src=x onerror=alert(1)>" (id NUMBER(5) PRIMARY KEY, "</script><marquee>" VARCHAR2(10));
CREATE TABLE "; DROP TABLE x; --" (id NUMBER(5), ts TIMESTAMP WITH TIME ZONE);
CREATE OR REPLACE VIEW v_x AS SELECT '</script><script>alert(2)</script><!--' AS s FROM dual;
CREATE OR REPLACE PROCEDURE p_x AS
BEGIN
  -- </SCRIPT ><img src=x onerror=alert(4)> \u2028
  NULL;
END;
/
`;
  it('escapes text and attributes in templates', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
    const name = '"><script>alert(1)</script>';
    expect(html`<td title="${name}">${name}</td>`.value).toBe(
      '<td title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>',
    );
    expect(jsonForScript({ s: '</script><!--&\u2028' }).value).toBe(
      '{"s":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028"}',
    );
  });

  it('keeps hostile names and code out of the markup', () => {
    const res = assessSources([{ file: '<marquee>file</marquee>.sql', text: hostile }], {});
    const page = renderHtml(res.report, res.code);
    // exactly the page's own two script elements (data island + script)
    expect(page.match(/<script/gi)).toHaveLength(2);
    expect(page.match(/<\/script/gi)).toHaveLength(2);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<marquee');
    expect(page).not.toContain('<!--');
    expect(page).toContain('&lt;marquee&gt;file&lt;/marquee&gt;.sql');
    // the data island still carries the exact names
    const island = /<script id="report-data" type="application\/json">([^<]*)<\/script>/.exec(page)!;
    const data = JSON.parse(island[1]);
    expect(data.report.objects.map((o: { name: string }) => o.name)).toContain(
      'TABLE <img src=x onerror=alert(1)>',
    );
    expect(data.code.statements.some((s: { text: string }) => s.text.includes('</SCRIPT ><img'))).toBe(true);
    // the Content-Security-Policy allows only the page's own script
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/
      .exec(page)![1]
      .replace(/&#39;/g, "'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(csp).toContain("default-src 'none'");
    expect(/script-src ([^;]*)/.exec(csp)![1]).not.toContain('unsafe');
  });
});

describe('catalog snapshot sources', () => {
  it('takes the statements and their DDL text from the snapshot instead of splitting its text', () => {
    const at = (sql: string, file: string, keepSource = true) => {
      const st = parseStatement(sql, { file, line: 1, column: 1 }).statement!;
      if (!keepSource) delete st.source;
      return st;
    };
    const source = {
      file: 'db.snapshot.json',
      text: '{"format":"not SQL"}',
      statements: [
        at(
          'CREATE TABLE hr.t (id NUMBER(5) PRIMARY KEY, ts TIMESTAMP WITH TIME ZONE)',
          'db.snapshot.json#HR.T',
          false,
        ),
        at('CREATE OR REPLACE VIEW hr.v AS SELECT id FROM hr.t', 'db.snapshot.json#HR.V'),
        at('CREATE USER app IDENTIFIED BY Secret_99 DEFAULT TABLESPACE users', 'db.snapshot.json#APP'),
      ],
    };
    const res = assessSources([source], {});
    const text = (key: string) => {
      const i = res.report.objects.findIndex((o) => o.key === key);
      const s = res.code.objects[i].statement;
      return s === null ? null : res.code.statements[s].text;
    };
    expect(res.report.objects.map((o) => o.key)).toEqual([
      'SCHEMA hr',
      'TABLE HR.T',
      'VIEW HR.V',
      'USER APP',
    ]);
    expect(text('TABLE HR.T')).toBe('');
    expect(text('VIEW HR.V')).toBe('CREATE OR REPLACE VIEW hr.v AS SELECT id FROM hr.t');
    expect(text('USER APP')).toBe('CREATE USER app IDENTIFIED BY ******** DEFAULT TABLESPACE users');
    expect(renderHtml(res.report, res.code)).not.toContain('Secret_99');
    expect(res.report.actionItems.find((it) => it.code === 'OPG-TYPE-0004')?.location?.file).toBe(
      'db.snapshot.json#HR.T',
    );
  });
});

describe('secrets', () => {
  it('never writes passwords, CONNECT strings or --define values to the report', () => {
    const text = `CONNECT admin/Adm1nSecret@prod
CREATE USER app IDENTIFIED BY "S3cret_pw" DEFAULT TABLESPACE users;
ALTER USER app IDENTIFIED BY other_pw9;
CREATE USER legacy IDENTIFIED BY VALUES 'S:ABCDEF0123456789';
CREATE USER def IDENTIFIED BY &pw;
CREATE DATABASE LINK remote CONNECT TO scott IDENTIFIED BY tiger123 USING 'db';
`;
    const res = assessSources([{ file: 'users.sql', text }], { defines: { pw: 'FromDefine77' } });
    const dir = mkdtempSync(join(tmpdir(), 'orapg-secret-'));
    const files = writeReport(res, dir);
    for (const f of files) {
      const content = readFileSync(f, 'utf8');
      for (const secret of [
        'S3cret_pw',
        'other_pw9',
        'S:ABCDEF0123456789',
        'FromDefine77',
        'tiger123',
        'Adm1nSecret',
      ])
        expect(content, `${secret} in ${f}`).not.toContain(secret);
    }
    expect(res.report.options.defines).toEqual(['pw']);
    expect(res.code.statements.map((s) => s.text).join('\n')).toContain('IDENTIFIED BY ********');
  });
});

describe('orapg assess (CLI)', () => {
  async function run(args: string[]) {
    let out = '';
    let err = '';
    const code = await main(['node', 'orapg', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  }

  it('writes the three files and compares with a baseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orapg-assess-'));
    const first = await run(['assess', 'examples/hr', '--out', dir]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^orapg: \d+ objects, [\d.]+ % converted automatically, \d+ action items .* grade [ABC]-[1-5]/,
    );
    for (const f of ['report.html', 'report.json', 'action-items.csv'])
      expect(existsSync(join(dir, f))).toBe(true);

    const dir2 = mkdtempSync(join(tmpdir(), 'orapg-assess-'));
    const second = await run([
      'assess',
      'examples/hr',
      '--out',
      dir2,
      '--baseline',
      join(dir, 'report.json'),
      '--json',
      '--fail-on-new',
      'info',
    ]);
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.out);
    expect(summary.baseline).toMatchObject({ newItems: 0, resolvedItems: 0 });
    expect(summary.summary.objects).toBe(hr.report.summary.objects);
    expect((await run(['assess', 'examples/hr', '--out', dir2, '--fail-on', 'error'])).code).toBe(1);
  });

  it('uses SOURCE_DATE_EPOCH for the timestamp', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orapg-assess-'));
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      expect(
        (await run(['assess', 'fixtures/ddl/errors-garbage-between-good/input.sql', '-o', dir])).code,
      ).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
    const r = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(r.generatedAt).toBe('2023-11-14T22:13:20.000Z');
    expect(r.summary.status.failedToParse).toBeGreaterThan(0);
  });

  it('exits with 2 on usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orapg-assess-'));
    expect((await run(['assess', 'examples/hr'])).code).toBe(2);
    expect((await run(['assess', 'examples/hr', '-o', dir, '--fail-on-new', 'error'])).code).toBe(2);
    expect((await run(['assess', 'examples/hr', '-o', dir, '--pg-url', 'postgres://u:p@h/db'])).code).toBe(2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"something else"}');
    const r = await run(['assess', 'examples/hr', '-o', dir, '--baseline', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not an orapg assess report/);
  });
});
