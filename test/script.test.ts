import { describe, expect, it } from 'vitest';
import { splitScript } from '../src/source/script.js';

const statements = (text: string, opts = {}) =>
  splitScript(text, 'a.sql', opts)
    .items.filter((i) => i.kind === 'statement')
    .map((i) => (i.kind === 'statement' ? i.text : ''));

describe('SQL*Plus script splitter', () => {
  it('splits on ; and on / lines, keeping PL/SQL units whole', () => {
    const s = statements(`CREATE TABLE a (x NUMBER);
CREATE OR REPLACE PROCEDURE p IS
BEGIN
  NULL;
END;
/
CREATE TABLE b (y NUMBER)
/
`);
    expect(s).toEqual([
      'CREATE TABLE a (x NUMBER)',
      'CREATE OR REPLACE PROCEDURE p IS\nBEGIN\n  NULL;\nEND;',
      'CREATE TABLE b (y NUMBER)',
    ]);
  });

  it('drops a hyphen that ends a line of a SQL statement, as SQL*Plus does (not in comments, strings or PL/SQL)', () => {
    const s = statements(`INSERT INTO t VALUES(1726-
,'AR'-
,'a-
b');
SELECT 1 - -- minus, then a comment
 2 FROM dual;
BEGIN
  x := 1 -
  2;
END;
/
`);
    expect(s).toEqual([
      "INSERT INTO t VALUES(1726 \n,'AR' \n,'a-\nb')",
      'SELECT 1 - -- minus, then a comment\n 2 FROM dual',
      'BEGIN\n  x := 1 -\n  2;\nEND;',
    ]);
  });

  it('does not run a statement twice when / follows ;', () => {
    expect(statements('CREATE TABLE a (x NUMBER);\n/\n')).toHaveLength(1);
  });

  it('ignores ; inside strings, q-quotes, quoted identifiers and comments', () => {
    const s = statements(`INSERT INTO t VALUES ('a;b', q'[c;d]', "e;f"); -- x;y
/* z; */ SELECT 1 FROM dual;`);
    expect(s).toHaveLength(2);
    expect(s[0]).toContain("q'[c;d]'");
  });

  it('records SQL*Plus commands with their location and skips them as statements', () => {
    const r = splitScript(
      'SET DEFINE OFF\nPROMPT hello\nSPOOL x.log\nWHENEVER SQLERROR EXIT\nREM note\nCREATE TABLE t (x NUMBER);\n',
      'a.sql',
    );
    const cmds = r.items
      .filter((i) => i.kind === 'sqlplus')
      .map((i) => (i.kind === 'sqlplus' ? i.command : ''));
    expect(cmds).toEqual(['SET', 'PROMPT', 'SPOOL', 'WHENEVER', 'REM']);
    const st = r.items.find((i) => i.kind === 'statement');
    expect(st?.location).toEqual({ file: 'a.sql', line: 6, column: 1 });
  });

  it('substitutes DEFINE and --define values, and reports undefined ones', () => {
    const r = splitScript(
      'DEFINE tbs = users\nCREATE TABLE &owner..t (x NUMBER) TABLESPACE &tbs;\nSELECT &nope FROM dual;',
      'a.sql',
      {
        defines: { owner: 'HR' },
      },
    );
    const texts = r.items
      .filter((i) => i.kind === 'statement')
      .map((i) => (i.kind === 'statement' ? i.text : ''));
    expect(texts[0]).toBe('CREATE TABLE HR.t (x NUMBER) TABLESPACE users');
    expect(r.findings.map((f) => f.id)).toContain('OPG-PARSE-0005');
  });

  it('follows @@ includes relative to the file and detects cycles', () => {
    const files: Record<string, string> = {
      '/s/main.sql': '@@sub/one.sql\n@@two\n',
      '/s/sub/one.sql': 'CREATE TABLE one (x NUMBER);\n',
      '/s/two.sql': 'CREATE TABLE two (x NUMBER);\n@@main.sql\n',
    };
    const r = splitScript(files['/s/main.sql'], '/s/main.sql', { readFile: (p) => files[p] });
    const st = r.items.filter((i) => i.kind === 'statement');
    expect(st.map((i) => i.location.file)).toEqual(['/s/sub/one.sql', '/s/two.sql']);
    expect(r.findings.map((f) => f.id)).toEqual(['OPG-PARSE-0004']);
  });

  it('reports a missing include with its location', () => {
    const r = splitScript('\n@@missing.sql\n', 'a.sql', { readFile: () => undefined });
    expect(r.findings[0]).toMatchObject({ id: 'OPG-PARSE-0003', location: { file: 'a.sql', line: 2 } });
  });

  it('ends a PL/SQL unit that lacks its / before the next CREATE, with a finding', () => {
    const r = splitScript('CREATE PROCEDURE p IS BEGIN NULL; END;\nCREATE TABLE t (x NUMBER);\n', 'a.sql');
    expect(r.items.filter((i) => i.kind === 'statement')).toHaveLength(2);
    expect(r.findings.map((f) => f.id)).toContain('OPG-PARSE-0009');
  });
});
