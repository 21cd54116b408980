/**
 * Runs the semantic fixtures (fixtures/semantic) on PGlite and prints each case's outcome.
 * Usage: tsx scripts/semantic-report.ts [filter] [--sql]
 */
import { listSemanticCases, runSemanticCase } from '../test/semantic.js';
import { pgliteExecutor } from '../test/semantic-pglite.js';

const args = process.argv.slice(2);
const showSql = args.includes('--sql');
const filter = args.find((a) => !a.startsWith('--'));
const cases = listSemanticCases().filter((c) => !filter || c.name.includes(filter));
const pg = await pgliteExecutor();
let ok = 0;
for (const [i, c] of cases.entries()) {
  const r = await runSemanticCase(c, await pg.forCase(i));
  if (r.ok) ok++;
  console.log(
    `${r.ok ? 'PASS' : 'FAIL'} ${c.name}${r.ok ? '' : `\n     ${r.problem?.replaceAll('\n', '\n     ')}`}`,
  );
  if (showSql && !r.ok) console.log(r.sql?.query);
}
await pg.close();
console.log(`\n${ok}/${cases.length} semantic cases pass`);
