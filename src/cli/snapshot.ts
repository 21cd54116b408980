/** `orapg snapshot`: reads an Oracle catalog into a *.snapshot.json file every other command accepts. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readCatalog } from '../source/oracle/catalog.js';
import { oracleName } from '../source/oracle/prep.js';
import { serializeSnapshot } from '../source/oracle/snapshot.js';
import type { CliContext } from './common.js';
import { addConnectionOptions, openConnection, schemaList } from './oracle.js';

export function registerSnapshot(program: Command, ctx: CliContext): void {
  addConnectionOptions(
    program
      .command('snapshot')
      .description('read the catalog of Oracle schemas into a versioned JSON snapshot (no secrets in it)')
      .requiredOption('--schemas <OWNER,…>', 'schemas to read (unquoted names are upper-cased)', schemaList)
      .requiredOption('-o, --out <file.snapshot.json>', 'output file')
      .option('--ddl', 'also store DBMS_METADATA.GET_DDL text of every object')
      .option('--profile-numbers', 'read MIN/MAX/scale of bare NUMBER columns (needs SELECT on the tables)')
      .option('--fetch-size <rows>', 'rows per round trip', (v) => Number(v), 1000),
  ).action(async (opts) => {
    const out = String(opts.out);
    if (!/\.snapshot\.json$/i.test(out))
      ctx.io.err(`orapg: note: other commands recognise snapshots by the .snapshot.json suffix (${out})\n`);
    const conn = await openConnection(opts, ctx);
    let snapshot: Awaited<ReturnType<typeof readCatalog>>;
    try {
      snapshot = await readCatalog(conn, {
        schemas: (opts.schemas as string[]).map(oracleName),
        ddl: !!opts.ddl,
        profileNumbers: !!opts.profileNumbers,
        fetchArraySize: opts.fetchSize,
      });
    } finally {
      await conn.close();
    }
    writeFileSync(out, serializeSnapshot(snapshot));
    for (const m of snapshot.privileges.missing)
      ctx.io.err(`orapg: warning: ${m.object} not readable (${m.error}): ${m.effect}. Fix: ${m.grant}\n`);
    const counts = snapshot.schemas.map(
      (s) =>
        `${s.name}: ${s.tables.length} tables, ${s.views.length} views, ${s.sequences.length} sequences, ${s.indexes.length} indexes, ${s.code.length} PL/SQL units`,
    );
    ctx.io.out(
      `orapg: ${counts.join('; ')} → ${out} (${snapshot.stats.queries} queries, ${snapshot.stats.roundTrips} round trips)\n`,
    );
  });
}
