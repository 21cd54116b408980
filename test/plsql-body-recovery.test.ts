/**
 * Member-level error recovery of PACKAGE BODY / TYPE BODY units (parser/plsql-recovery.ts): a
 * member the grammar cannot read costs that member only. Parser tests check the members found and
 * that the error is located where it is in the file; the PostgreSQL 15 tests run the converted
 * members of the golden fixtures package-body-member-recovery and type-body-member-recovery.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlsqlUnit } from '../src/ast/ddl.js';
import { assessSources, convertText } from '../src/index.js';
import { lex } from '../src/parser/lexer.js';
import { parseStatement } from '../src/parser/statement.js';
import { splitScript } from '../src/source/script.js';
import { one, scratchDatabase } from './pg-scratch.js';

/** Parses the PL/SQL units of a script as the converter does (locations are the file's). */
function units(text: string) {
  return splitScript(text, 'f.sql', { followIncludes: false })
    .items.filter((i) => i.kind === 'statement')
    .map((i) => parseStatement(i.text, i.location));
}

const BODY = `-- leading comment
CREATE OR REPLACE PACKAGE BODY p AS
  g_n NUMBER := 1;

  FUNCTION f1(a NUMBER) RETURN NUMBER IS
    PROCEDURE nested IS BEGIN NULL; END;
  BEGIN
    IF a > 0 THEN
      RETURN CASE a WHEN 1 THEN 10 ELSE 20 END;
    END IF;
    LOOP EXIT; END LOOP;
    RETURN 0;
  END f1;

  PROCEDURE broken(a NUMBER) IS
  BEGIN
    UPDATE t SETT x = 1 WHERE id = a;
  END broken;

  PROCEDURE fwd;
  PROCEDURE fwd IS BEGIN broken(1); END;
BEGIN
  g_n := 2;
END p;
`;

describe('member-level recovery of a package body (parser)', () => {
  it('keeps the members that parse and locates the error in the file', () => {
    const [r] = units(BODY);
    const st = r.statement as PlsqlUnit;
    expect(st.ast?.kind).toBe('package-body');
    if (st.ast?.kind !== 'package-body') return;
    const decls = st.ast.body.declarations.map((d) =>
      d.kind === 'subprogram' ? `${d.unit.name.name}${d.unit.block ? '' : ' (heading)'}` : d.kind,
    );
    // The broken procedure's heading is still declared (calls of it resolve).
    expect(decls).toEqual(['variable', 'F1', 'BROKEN (heading)', 'FWD (heading)', 'FWD']);
    expect(st.ast.body.init?.body.length).toBe(1);
    expect(st.ast.body.unparsed?.map((m) => [m.kind, m.name, m.loc.line, m.loc.column])).toEqual([
      ['procedure', 'BROKEN', 15, 3],
    ]);
    expect(st.ast.body.unparsed?.[0].text.split('\n')[0]).toBe('PROCEDURE broken(a NUMBER) IS');
    const errors = r.findings.filter((f) => f.id === 'OPG-PARSE-0001');
    expect(errors).toHaveLength(1);
    // UPDATE t SETT x = 1: "SETT" reads as the table alias, then "x" cannot follow it; the parser
    // stops at "=", line 17 column 21 of the file.
    expect(errors[0].location).toEqual({ file: 'f.sql', line: 17, column: 21 });
    expect(errors[0].object).toBe('PACKAGE BODY P.BROKEN');
    expect(errors[0].message).toContain('unexpected "=" in PACKAGE BODY P.BROKEN');
  });

  it('recovers an initialization section that does not parse', () => {
    const [r] = units(`CREATE PACKAGE BODY q IS
  FUNCTION ok RETURN NUMBER IS BEGIN RETURN 1; END;
BEGIN
  SELECT 1 INTO g FROM FROM dual;
END q;
`);
    const st = r.statement as PlsqlUnit;
    if (st.ast?.kind !== 'package-body') throw new Error('not recovered');
    expect(st.ast.body.init).toBeUndefined();
    expect(st.ast.body.unparsed?.map((m) => m.kind)).toEqual(['init']);
    expect(r.findings.map((f) => [f.object, f.location?.line, f.location?.column])).toEqual([
      ['PACKAGE BODY Q (initialization section)', 4, 24],
    ]);
  });

  it('keeps a $IF … $END group of declarations together', () => {
    const [r] = units(`CREATE OR REPLACE PACKAGE BODY ccp AS
  $IF dbms_db_version.version >= 12 $THEN
  PROCEDURE p_new IS BEGIN UPDATE t SETT x = 1; END;
  $ELSE
  PROCEDURE p_new IS BEGIN NULL; END;
  $END
  g_n NUMBER := $IF dbms_db_version.version >= 12 $THEN 1 $ELSE 2 $END;
  FUNCTION ok RETURN NUMBER IS BEGIN RETURN g_n; END;
END ccp;
`);
    const st = r.statement as PlsqlUnit;
    if (st.ast?.kind !== 'package-body') throw new Error('not recovered');
    expect(st.ast.body.declarations.map((d) => d.kind)).toEqual(['subprogram']);
    // The $IF group is one member; a $IF inside a declaration (not in the grammar) ends at its ';'.
    expect(st.ast.body.unparsed?.map((m) => [m.kind, m.name, m.loc.line, m.text.split('\n').length])).toEqual(
      [
        ['declaration', undefined, 2, 5],
        ['variable', 'G_N', 7, 1],
      ],
    );
    expect(r.findings.map((f) => [f.object, f.location?.line, f.location?.column])).toEqual([
      ['PACKAGE BODY CCP (declaration at line 2)', 3, 44],
      ['PACKAGE BODY CCP.G_N', 7, 17],
    ]);
  });

  it('fails as a whole when the structure cannot be followed or the error is outside the members', () => {
    // A missing END IF: member boundaries cannot be found.
    const [a] = units(`CREATE PACKAGE BODY q IS
  PROCEDURE p1 IS BEGIN IF 1 = 1 THEN NULL; END;
  PROCEDURE p2 IS BEGIN NULL; END;
END q;
`);
    expect((a.statement as PlsqlUnit).ast).toBeUndefined();
    expect(a.findings.map((f) => f.object)).toEqual(['PACKAGE BODY Q']);
    // Every member parses; the error is in the heading.
    const [b] = units(`CREATE PACKAGE BODY q SHARING = METADATA IS
  PROCEDURE p1 IS BEGIN NULL; END;
END q;
`);
    expect((b.statement as PlsqlUnit).ast).toBeUndefined();
    expect(b.findings.map((f) => f.object)).toEqual(['PACKAGE BODY Q']);
    // An error in the heading is not hidden by a member that also fails.
    const [c] = units(`CREATE PACKAGE BODY q SHARING = METADATA IS
  PROCEDURE p1 IS BEGIN UPDATE t SETT x = 1; END;
  PROCEDURE p2 IS BEGIN NULL; END;
END q;
`);
    expect((c.statement as PlsqlUnit).ast).toBeUndefined();
    expect(c.findings.map((f) => [f.object, f.location?.line])).toEqual([['PACKAGE BODY Q', 1]]);
  });

  it('never throws: the body with any one token left out parses, is recovered or fails located', () => {
    const tokens = lex(BODY).tokens;
    let recovered = 0;
    // Every token after the heading (without CREATE … PACKAGE BODY the text is another statement).
    for (const t of tokens.slice(tokens.findIndex((x) => x.image === 'AS') + 1)) {
      const text = BODY.slice(0, t.startOffset) + BODY.slice((t.endOffset ?? t.startOffset) + 1);
      const [r] = units(text);
      const st = r.statement as PlsqlUnit;
      const errors = r.findings.filter((f) => f.id === 'OPG-PARSE-0001');
      // Either a whole AST without error, or located errors (with the members that parsed).
      if (!errors.length) expect(st.ast).toBeDefined();
      for (const e of errors) expect(e.location?.line).toBeGreaterThan(0);
      if (st.ast?.kind === 'package-body' && errors.length) {
        recovered++;
        expect(st.ast.body.unparsed?.length).toBe(errors.length);
        for (const m of st.ast.body.unparsed ?? []) expect(text).toContain(m.text);
      }
    }
    // Most variants lose one member only (a missing END / THEN / ';' … inside a member).
    expect(recovered).toBeGreaterThan(tokens.length / 3);
  });

  it('recovers a type body method by method', () => {
    const [, r] = units(readFileSync('fixtures/plsql/type-body-member-recovery/input.sql', 'utf8'));
    const st = r.statement as PlsqlUnit;
    if (st.ast?.kind !== 'type-body') throw new Error('not recovered');
    expect(st.ast.methods.map((m) => m.unit.name.name)).toEqual(['NORM1', 'SHIFTED', 'ORIGIN']);
    expect(st.ast.unparsed?.map((m) => m.name)).toEqual(['LABEL']);
    expect(r.findings[0].location).toMatchObject({ line: 28, column: 58 });
  });
});

describe('declaration-level recovery of a package specification', () => {
  const SPEC = `CREATE OR REPLACE PACKAGE sp AUTHID CURRENT_USER ACCESSIBLE BY (PACKAGE other) AS
  c_max CONSTANT NUMBER := 10;
  TYPE t_list IS TABLE OF NUMBER INDEX BY garbage garbage;
  g_total NUMBER;
  FUNCTION total RETURN NUMBER;
  FUNCTION first_of(l t_list) RETURN NUMBER;
END sp;
/
CREATE OR REPLACE PACKAGE BODY sp AS
  FUNCTION total RETURN NUMBER IS BEGIN RETURN nvl(g_total, 0) + c_max; END;
  FUNCTION first_of(l t_list) RETURN NUMBER IS BEGIN RETURN l(1); END;
END sp;
/
`;
  it('keeps the declarations that parse and the heading clauses', () => {
    const [r] = units(SPEC);
    const st = r.statement as PlsqlUnit;
    if (st.ast?.kind !== 'package') throw new Error('not recovered');
    expect(st.ast.spec.authid).toBe('CURRENT_USER');
    expect(
      st.ast.spec.declarations.map((d) =>
        d.kind === 'subprogram' ? d.unit.name.name : 'name' in d ? d.name : d.kind,
      ),
    ).toEqual(['C_MAX', 'G_TOTAL', 'TOTAL', 'FIRST_OF']);
    expect(r.findings.map((f) => [f.object, f.location?.line, f.location?.column])).toEqual([
      ['PACKAGE SP.T_LIST', 3, 51],
    ]);
  });

  it('converts the body; a member using the unparsed type says why it is not converted', () => {
    const r = convertText(SPEC);
    expect(r.phases.code).toContain('CREATE OR REPLACE FUNCTION sp.total()');
    expect(r.phases.code).toContain('-- NOT CONVERTED (see findings): PACKAGE SP.T_LIST');
    const why = r.findings.find((f) => f.id === 'OPG-PLSQL-0002');
    expect(why?.message).toContain(
      'type T_LIST is not converted (its declaration at line 3 could not be parsed)',
    );
    expect(r.findings.filter((f) => f.id === 'OPG-PLSQL-0001').map((f) => f.object)).toEqual([
      'PACKAGE SP.T_LIST',
      'PACKAGE BODY SP.FIRST_OF',
    ]);
  });
});

describe('member-level recovery (conversion)', () => {
  it('comments out only the failing member, reports it and the callers of it', () => {
    const r = convertText(BODY.replace('-- leading comment\n', ''));
    const code = r.phases.code;
    expect(code).toContain('CREATE OR REPLACE FUNCTION p.f1(');
    expect(code).toContain(
      '-- NOT CONVERTED (see findings): PACKAGE BODY P.BROKEN\n-- PROCEDURE broken(a NUMBER) IS',
    );
    expect(code).not.toContain('-- PROCEDURE fwd IS');
    const ids = r.findings.map((f) => `${f.id} ${f.object}`);
    expect(ids).toContain('OPG-PLSQL-0001 PACKAGE BODY P.BROKEN');
    expect(ids).toContain('OPG-PLSQL-0034 PACKAGE BODY P.FWD');
    expect(ids).not.toContain('OPG-PLSQL-0001 PACKAGE BODY P');
  });
});

describe('assessment report of a partly parsed body', () => {
  it('marks only the members with the error as failed to parse', () => {
    const f = 'fixtures/plsql/package-body-member-recovery/input.sql';
    const r = assessSources([{ file: f, text: readFileSync(f, 'utf8') }]);
    const status = new Map(r.report.objects.map((o) => [o.name, o.status]));
    expect(status.get('PACKAGE BODY REC_PKG.CLOSE_ACCOUNT')).toBe('failed-to-parse');
    expect(status.get('PACKAGE BODY REC_PKG.G_LIMIT')).toBe('failed-to-parse');
    expect(status.get('PACKAGE BODY REC_PKG.BAD_LIMIT')).toBe('needs-manual-work');
    expect(status.get('PACKAGE BODY REC_PKG.ADD_STEP')).toBe('converted');
    expect(status.get('PACKAGE BODY REC_PKG')).toBe('converted-with-warnings');
  });
});

describe('members not converted keep their own text', () => {
  it('comments out the member text only, with OPG-PLSQL-0001 located at the member', () => {
    const r = convertText(`CREATE OR REPLACE PACKAGE BODY k AS
  FUNCTION ok RETURN NUMBER IS BEGIN RETURN 1; END;
  PROCEDURE jumps IS
  BEGIN
    GOTO done;
    <<done>>
    NULL;
  END jumps;
END k;
/
`);
    expect(r.phases.code).toContain(
      '-- NOT CONVERTED (see findings): PACKAGE BODY K.JUMPS\n-- PROCEDURE jumps IS\n',
    );
    expect(r.phases.code).not.toContain('-- CREATE OR REPLACE PACKAGE BODY k');
    const f = r.findings.find((x) => x.id === 'OPG-PLSQL-0001');
    expect(f?.object).toBe('PACKAGE BODY K.JUMPS');
    expect(f?.message).toContain('(6 lines of PL/SQL)');
    expect(f?.location).toMatchObject({ line: 3, column: 3 });
  });
});

const pkg = scratchDatabase('body_recovery', 'package body member recovery', async (s) => {
  await s.query(readFileSync('fixtures/plsql/package-body-member-recovery/expected.pg.sql', 'utf8'));
  await s.query(readFileSync('fixtures/plsql/type-body-member-recovery/expected.pg.sql', 'utf8'));
});

describe('converted members of a partly parsed body (PostgreSQL 15)', () => {
  it('runs the package members that were converted', async (ctx) => {
    if (!pkg.ready) ctx.skip();
    const a = await pkg.session();
    try {
      await a.query(`INSERT INTO rec_accounts VALUES (1, 100, 'OPEN'), (2, 5, 'OPEN'), (3, 0, 'CLOSED')`);
      // scaled(p) = 2 * (p / 2) through the nested function, + c_step (10).
      expect(Number(await one(a, 'SELECT rec_pkg.add_step(7)'))).toBe(17);
      expect(Number(await one(a, 'SELECT rec_pkg.add_step(NULL)'))).toBe(10);
      expect(await one(a, 'SELECT rec_pkg.grade(150)')).toBe('HIGH');
      expect(await one(a, 'SELECT rec_pkg.grade(50)')).toBe('MID');
      expect(await one(a, 'SELECT rec_pkg.grade(-1)')).toBe('NEGATIVE');
      // The initialization section ran on first use: 3 accounts at that time.
      expect(Number(await one(a, 'SELECT rec_pkg.init_count()'))).toBe(3);
      await a.query('CALL rec_pkg.deposit(2, 20)');
      await a.query('CALL rec_pkg.deposit(2, 1)');
      expect(Number(await one(a, 'SELECT balance FROM rec_accounts WHERE id = 2'))).toBe(26);
      expect(Number(await one(a, 'SELECT rec_pkg.g_calls()'))).toBe(2);
      // The members kept as Oracle text do not exist; their caller fails at run time (OPG-PLSQL-0034).
      expect(
        await one(a, `SELECT count(*) FROM pg_proc WHERE proname IN ('close_account', 'bad_limit')`),
      ).toBe('0');
      await expect(a.query('CALL rec_pkg.close_all()')).rejects.toThrow(/close_account/);
    } finally {
      await a.end();
    }
  });

  it('runs the type methods that were converted', async (ctx) => {
    if (!pkg.ready) ctx.skip();
    const a = await pkg.session();
    try {
      expect(Number(await one(a, 'SELECT rec_point_norm1(row(-3, 4)::rec_point)'))).toBe(7);
      expect(await one(a, 'SELECT (rec_point_shifted(rec_point_origin(), 2)).x::text')).toBe('2');
      expect(await one(a, `SELECT count(*) FROM pg_proc WHERE proname = 'rec_point_label'`)).toBe('0');
    } finally {
      await a.end();
    }
  });
});
