/** Regenerates fixtures/<family>/<case>/expected.pg.sql and expected.findings.json. Read the diff before committing. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCases, renderCase } from '../test/golden.js';

let n = 0;
for (const c of listCases()) {
  const r = renderCase(c.input);
  writeFileSync(join(c.dir, 'expected.pg.sql'), r.sql);
  writeFileSync(join(c.dir, 'expected.findings.json'), r.findings);
  n++;
}
console.log(`updated ${n} fixture cases`);
