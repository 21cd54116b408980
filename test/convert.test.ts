import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { convertText } from '../src/index.js';
import { PHASES } from '../src/convert/index.js';

const script = (text: string) => {
  const r = convertText(text);
  return { r, sql: PHASES.map((p) => r.phases[p]).join('\n') };
};

describe('conversion', () => {
  it('keeps converting after an unparseable statement and reports where it is', () => {
    const { r, sql } = script(
      'CREATE TABLE a (x NUMBER(5));\nCREATE TABLE oops (x NUMBER(5) BANANA BANANA);\nCREATE TABLE b (y DATE);\n',
    );
    expect(sql).toContain('CREATE TABLE a (');
    expect(sql).toContain('CREATE TABLE b (');
    const err = r.findings.find((f) => f.id === 'OPG-PARSE-0001');
    expect(err?.location).toMatchObject({ file: 'input.sql', line: 2 });
    expect(err?.message).toContain('TABLE OOPS');
  });

  it('never writes passwords', () => {
    const { r, sql } = script(
      'CREATE USER app IDENTIFIED BY "S3cret!pw" DEFAULT TABLESPACE users;\nALTER USER app IDENTIFIED BY other_pw9;\n',
    );
    const all = sql + JSON.stringify(r.findings);
    expect(all).not.toContain('S3cret');
    expect(all).not.toContain('other_pw9');
    expect(r.findings.map((f) => f.id)).toContain('OPG-USER-0001');
  });

  it('puts secondary indexes, foreign keys and grants after data, tables and PKs before', () => {
    const { r } = script(`CREATE TABLE d (id NUMBER(4) PRIMARY KEY);
CREATE TABLE e (id NUMBER(6) PRIMARY KEY, d_id NUMBER(4) REFERENCES d, name VARCHAR2(20) UNIQUE);
CREATE INDEX e_name ON e (UPPER(name));
CREATE ROLE r;
GRANT SELECT ON e TO r;`);
    expect(r.phases['pre-data']).toContain('PRIMARY KEY (id)');
    expect(r.phases['pre-data']).not.toContain('FOREIGN KEY');
    expect(r.phases['post-data']).toContain('FOREIGN KEY (d_id) REFERENCES d (id)');
    expect(r.phases['post-data']).toContain('CREATE INDEX e_name ON e ((upper(name)));');
    expect(r.phases['post-data']).toContain('GRANT SELECT ON TABLE e TO r;');
  });

  it('is byte-identical on re-run', () => {
    const text =
      "CREATE TABLE t (a NUMBER, b VARCHAR2(10 BYTE) DEFAULT 'x');\nCREATE SEQUENCE s;\nCREATE VIEW v AS SELECT NVL(a, 0) a FROM t;";
    expect(script(text).sql).toBe(script(text).sql);
  });

  it('round-trips hostile identifiers safely on PostgreSQL', async () => {
    const { r, sql } =
      script(`CREATE TABLE "Mixed Case" ("; DROP TABLE x; --" NUMBER, "select" VARCHAR2(10), "Straße" DATE, "名前" CHAR(2), user_ NUMBER, "ORDER" NUMBER);
CREATE TABLE "ORDER" (id NUMBER PRIMARY KEY);
COMMENT ON COLUMN "Mixed Case"."; DROP TABLE x; --" IS 'it''s; DROP';`);
    expect(r.stats.parseErrors).toBe(0);
    const db = new PGlite();
    await db.exec(sql);
    const cols = await db.query<{ attname: string }>(
      `select attname from pg_attribute where attrelid = '"Mixed Case"'::regclass and attnum > 0 order by attnum`,
    );
    expect(cols.rows.map((x) => x.attname)).toEqual([
      '; DROP TABLE x; --',
      'select',
      'Straße',
      '名前',
      'user_',
      'order',
    ]);
    const tables = await db.query<{ relname: string }>(
      `select relname from pg_class where relkind = 'r' order by 1`,
    );
    expect(tables.rows.map((x) => x.relname)).toEqual(expect.arrayContaining(['Mixed Case', 'order']));
    const c = await db.query<{ d: string }>(`select col_description('"Mixed Case"'::regclass, 1) as d`);
    expect(c.rows[0].d).toBe("it's; DROP");
    await db.close();
  });

  it('maps types by precision and never narrows bare NUMBER silently', () => {
    const { r } = script(
      'CREATE TABLE t (a NUMBER(4), b NUMBER(9), c NUMBER(18), d NUMBER(19), e NUMBER, f NUMBER(10,2), g DATE, h TIMESTAMP(9) WITH LOCAL TIME ZONE, i CLOB, j RAW(16));',
    );
    const pre = r.phases['pre-data'];
    for (const t of [
      'a smallint',
      'b integer',
      'c bigint',
      'd numeric(19)',
      'e numeric',
      'f numeric(10,2)',
      'g timestamp(0)',
      'h timestamptz',
      'i text',
      'j bytea',
    ]) {
      expect(pre).toContain(t);
    }
    expect(r.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['OPG-TYPE-0001', 'OPG-TYPE-0003', 'OPG-TYPE-0012']),
    );
  });
});
