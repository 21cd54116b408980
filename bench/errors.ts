/**
 * Lists the OPG-PARSE findings of a script with the statement that caused each, grouped by
 * message, to check the generator's output against the parser.
 *
 *   npx tsx bench/errors.ts file.sql [--all] [--max 5]
 *
 * Without --all only syntax errors (OPG-PARSE-0001) are listed; the other OPG-PARSE ids are
 * counted.
 */
import { readFileSync } from 'node:fs';
import type { Finding } from '../src/findings/types.js';
import { parseStatement } from '../src/parser/statement.js';
import { splitScript } from '../src/source/script.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!file) {
  process.stderr.write('usage: tsx bench/errors.ts file.sql [--all] [--max N]\n');
  process.exit(2);
}
const all = args.includes('--all');
const maxIdx = args.indexOf('--max');
const max = maxIdx >= 0 ? Number(args[maxIdx + 1]) : 3;

const text = readFileSync(file, 'utf8');
const split = splitScript(text, file, { followIncludes: false });
const byId = new Map<string, number>();
const groups = new Map<string, { finding: Finding; statement: string }[]>();
const note = (f: Finding, statement: string) => {
  if (!f.id.startsWith('OPG-PARSE')) return;
  byId.set(f.id, (byId.get(f.id) ?? 0) + 1);
  if (!all && f.id !== 'OPG-PARSE-0001') return;
  // Group by message with names and quoted tokens blurred, so one grammar gap is one group.
  const key = `${f.id} ${f.message.replace(/(TABLE|INDEX|VIEW|SEQUENCE|COLUMN) \S+/g, '$1 …')}`;
  const list = groups.get(key) ?? [];
  list.push({ finding: f, statement });
  groups.set(key, list);
};
for (const f of split.findings) note(f, '');
let statements = 0;
for (const item of split.items) {
  if (item.kind !== 'statement') continue;
  statements++;
  for (const f of parseStatement(item.text, item.location).findings) note(f, item.text);
}
process.stdout.write(`${file}: ${statements} statements\n`);
for (const [id, n] of [...byId].sort()) process.stdout.write(`  ${id}: ${n}\n`);
for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
  process.stdout.write(`\n== ${list.length} × ${key}\n`);
  for (const { finding, statement } of list.slice(0, max)) {
    const loc = finding.location
      ? `${finding.location.file}:${finding.location.line}:${finding.location.column}`
      : '';
    process.stdout.write(
      `-- at ${loc}\n${statement.length > 1500 ? `${statement.slice(0, 1500)}\n…` : statement}\n`,
    );
  }
}
