/**
 * orapg assess --verify: the converted objects are applied to embedded PGlite and what fails there
 * (OPG-VERIFY-*) joins the report on the object it concerns, changing its status and the grade.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { ReportSchema } from '../src/report/schema.js';

describe('orapg assess --verify', () => {
  // PGlite start-up and the PostgreSQL parser load take most of the time
  it('reports objects PostgreSQL rejects, on the object and its line', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orapg-assess-verify-'));
    const script = join(dir, 'app.sql');
    writeFileSync(
      script,
      `CREATE TABLE t (id NUMBER(5) PRIMARY KEY, d DATE);
CREATE OR REPLACE VIEW v AS SELECT id, d FROM t;
CREATE OR REPLACE VIEW w
  AS SELECT id FROM audit_trail;
`,
    );
    let out = '';
    const code = await main(
      ['node', 'orapg', 'assess', script, '-o', join(dir, 'report'), '--verify', '--json'],
      {
        out: (s) => (out += s),
        err: () => {},
      },
    );
    expect(code).toBe(0);
    expect(JSON.parse(out).verify).toMatchObject({ failed: 1, ok: false });
    const report = ReportSchema.parse(JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')));
    expect(report.schemaVersion).toBe('1.1');
    expect(report.verify?.engine).toMatch(/^PGlite \d+/);
    // A view on a table the sources do not create: converted, but PostgreSQL rejects it.
    const view = report.objects.find((o) => o.key === 'VIEW W')!;
    expect(view.status).toBe('needs-manual-work');
    const item = report.actionItems.find(
      (it) => it.objectKey === view.key && it.code === 'OPG-VERIFY-0001',
    )!;
    expect(item.severity).toBe('error');
    expect(item.message).toMatch(/audit_trail/);
    // PostgreSQL points at the missing relation, on the view's second line
    expect(item.location).toMatchObject({ line: 4 });
    expect(item.line).toBe(4);
    // the view and the table applied: still converted
    expect(
      report.objects.filter((o) => o.key === 'TABLE T' || o.key === 'VIEW V').map((o) => o.status),
    ).toEqual(['converted', 'converted']);
    expect(report.summary.grade.level).toBe('B');
    const html = readFileSync(join(dir, 'report', 'report.html'), 'utf8');
    expect(html).toContain('data-testid="summary-verify"');
  });
});
