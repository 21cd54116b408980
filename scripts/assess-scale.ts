/**
 * Figures for `orapg assess` on a generated schema of about 10,000 objects: time to assess and
 * write the report, file sizes, and (when /usr/bin/chromium exists) how long report.html takes to
 * open and to filter. Prints figures; asserts nothing (tests assert behaviour, not timings).
 *
 *   npx tsx scripts/assess-scale.ts [tables=1300] [outDir=.scratch/assess-scale]
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assess, writeReport } from '../src/index.js';

function generate(tables: number): string {
  const out: string[] = [];
  for (let i = 1; i <= tables; i++) {
    const t = `T${String(i).padStart(5, '0')}`;
    const fk =
      i > 1
        ? `,\n  CONSTRAINT ${t}_PARENT_FK FOREIGN KEY (parent_id) REFERENCES T${String(i - 1).padStart(5, '0')} (id)`
        : '';
    out.push(`CREATE TABLE ${t} (
  id NUMBER(10) NOT NULL,
  parent_id NUMBER(10),
  code VARCHAR2(30 CHAR) NOT NULL,
  amount NUMBER(12,2) DEFAULT 0,
  created_at DATE DEFAULT SYSDATE NOT NULL,
  ts TIMESTAMP WITH TIME ZONE,
  CONSTRAINT ${t}_PK PRIMARY KEY (id),
  CONSTRAINT ${t}_AMOUNT_CK CHECK (amount >= 0)${fk}
) TABLESPACE users;`);
    out.push(`CREATE INDEX ${t}_CODE_IX ON ${t} (code);`);
    out.push(`CREATE INDEX ${t}_UPPER_IX ON ${t} (UPPER(code)) COMPUTE STATISTICS;`);
    out.push(`COMMENT ON TABLE ${t} IS 'generated table ${i}';`);
    out.push(`GRANT SELECT ON ${t} TO app_reader;`);
    if (i % 4 === 0) out.push(`CREATE SEQUENCE ${t}_SEQ START WITH 1 CACHE 20;`);
    if (i % 4 === 1)
      out.push(
        `CREATE OR REPLACE VIEW V_${t} AS SELECT id, NVL(code, '?') AS code, DECODE(amount, 0, 'zero', 'some') AS kind FROM ${t};`,
      );
    if (i % 7 === 0)
      out.push(`CREATE OR REPLACE PROCEDURE P_${t} (p_id IN NUMBER) AS
BEGIN
  UPDATE ${t} SET amount = amount + 1 WHERE id = p_id;
  COMMIT;
END;
/`);
    if (i % 13 === 0)
      out.push(`CREATE OR REPLACE TRIGGER ${t}_BI BEFORE INSERT ON ${t} FOR EACH ROW
BEGIN
  :NEW.created_at := SYSDATE;
END;
/`);
  }
  return `CREATE ROLE app_reader;\n${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const tables = Number(process.argv[2] ?? 1300);
  const dir = resolve(process.argv[3] ?? '.scratch/assess-scale');
  mkdirSync(dir, { recursive: true });
  const input = join(dir, 'schema.sql');
  writeFileSync(input, generate(tables));

  // Warm the parser (one-time grammar self-analysis) so the figure is the assessment itself.
  assess(['examples/hr/01_tables.sql']);
  const t0 = performance.now();
  const res = assess([input]);
  const t1 = performance.now();
  const files = writeReport(res, join(dir, 'report'));
  const t2 = performance.now();
  const s = res.report.summary;
  console.log(`input: ${tables} tables, ${statSync(input).size} bytes, ${s.statements} statements`);
  console.log(
    `objects: ${s.objects}, action items: ${s.actionItems.total}, grade ${s.grade.label}, ${s.effort.hours} h`,
  );
  console.log(
    `assess (convert + score): ${(t1 - t0).toFixed(0)} ms; write 3 files: ${(t2 - t1).toFixed(0)} ms`,
  );
  for (const f of files) console.log(`  ${f}: ${(statSync(f).size / 1024 / 1024).toFixed(1)} MB`);

  const chromiumPath = '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) return;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const b0 = performance.now();
  await page.goto(pathToFileURL(join(dir, 'report', 'report.html')).href);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
  const b1 = performance.now();
  await page.fill('#obj-search', 'T00777');
  await page.waitForFunction(`/^\\d+ of /.test(document.getElementById('obj-count').textContent)`);
  const b2 = performance.now();
  const count = await page.locator('#obj-count').innerText();
  await page.fill('#obj-search', '');
  await page.selectOption('#obj-size', 'all');
  const b3 = performance.now();
  const rows = await page.locator('#objects-body tr').count();
  console.log(
    `chromium: open + first render ${(b1 - b0).toFixed(0)} ms; search "T00777" ${(b2 - b1).toFixed(0)} ms (${count}); all ${rows} rows ${(b3 - b2).toFixed(0)} ms`,
  );
  await browser.close();
}

await main();
