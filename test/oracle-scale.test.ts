/**
 * Round trips do not grow with the number of tables: the same 28 queries read 10 or 1,000 tables;
 * only the fetches of large result sets (1,000 rows each) add round trips.
 */
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../src/source/oracle/catalog.js';
import { CATALOG_QUERIES } from '../src/source/oracle/queries.js';
import { FakeOracleConnection, type Row } from './oracle-fake.js';

/** A synthetic schema: n tables of 12 columns, a primary key, a foreign key, a check and an index each. */
function schemaRows(n: number): Record<string, Row[]> {
  const rows: Record<string, Row[]> = {
    session: [
      {
        SESSION_USER: 'MIGRATOR',
        DB_NAME: 'ORCL',
        VERSION: '19.0.0.0.0',
        CHARACTER_SET: 'AL32UTF8',
        NCHAR_CHARACTER_SET: 'AL16UTF16',
      },
    ],
    users: [{ USERNAME: 'APP' }],
  };
  const push = (q: string, r: Row) => {
    rows[q] ??= [];
    rows[q].push(r);
  };
  for (let i = 0; i < n; i++) {
    const t = `T${String(i).padStart(4, '0')}`;
    push('tables', {
      OWNER: 'APP',
      TABLE_NAME: t,
      TEMPORARY: 'N',
      PARTITIONED: 'NO',
      NUM_ROWS: 1000,
      BLOCKS: 20,
    });
    for (let c = 1; c <= 12; c++)
      push('columns', {
        OWNER: 'APP',
        TABLE_NAME: t,
        COLUMN_NAME: c === 1 ? 'ID' : `C${c}`,
        DATA_TYPE: c % 3 ? 'NUMBER' : 'VARCHAR2',
        DATA_LENGTH: c % 3 ? 22 : 100,
        DATA_PRECISION: c % 3 ? 10 : null,
        DATA_SCALE: c % 3 ? 0 : null,
        CHAR_LENGTH: c % 3 ? 0 : 100,
        CHAR_USED: c % 3 ? null : 'B',
        NULLABLE: c === 1 ? 'N' : 'Y',
        COLUMN_ID: c,
        DATA_DEFAULT: null,
        HIDDEN_COLUMN: 'NO',
        VIRTUAL_COLUMN: 'NO',
        DEFAULT_ON_NULL: 'NO',
        IDENTITY_COLUMN: 'NO',
      });
    const cons = (name: string, type: string, extra: Row = {}) =>
      push('constraints', {
        OWNER: 'APP',
        CONSTRAINT_NAME: name,
        CONSTRAINT_TYPE: type,
        TABLE_NAME: t,
        STATUS: 'ENABLED',
        VALIDATED: 'VALIDATED',
        DEFERRABLE: 'NOT DEFERRABLE',
        DEFERRED: 'IMMEDIATE',
        GENERATED: 'USER NAME',
        ...extra,
      });
    cons(`${t}_PK`, 'P', { INDEX_NAME: `${t}_PK` });
    cons(`${t}_CK`, 'C', { SEARCH_CONDITION: 'C2 >= 0' });
    push('constraintColumns', {
      OWNER: 'APP',
      CONSTRAINT_NAME: `${t}_PK`,
      TABLE_NAME: t,
      COLUMN_NAME: 'ID',
      POSITION: 1,
    });
    push('constraintColumns', {
      OWNER: 'APP',
      CONSTRAINT_NAME: `${t}_CK`,
      TABLE_NAME: t,
      COLUMN_NAME: 'C2',
      POSITION: null,
    });
    if (i > 0) {
      cons(`${t}_FK`, 'R', { R_OWNER: 'APP', R_CONSTRAINT_NAME: 'T0000_PK', DELETE_RULE: 'NO ACTION' });
      push('constraintColumns', {
        OWNER: 'APP',
        CONSTRAINT_NAME: `${t}_FK`,
        TABLE_NAME: t,
        COLUMN_NAME: 'C2',
        POSITION: 1,
      });
    }
    for (const ix of [`${t}_PK`, `${t}_IX`]) {
      push('indexes', {
        OWNER: 'APP',
        INDEX_NAME: ix,
        INDEX_TYPE: 'NORMAL',
        TABLE_OWNER: 'APP',
        TABLE_NAME: t,
        UNIQUENESS: ix.endsWith('PK') ? 'UNIQUE' : 'NONUNIQUE',
        GENERATED: 'N',
      });
      push('indexColumns', {
        INDEX_OWNER: 'APP',
        INDEX_NAME: ix,
        TABLE_OWNER: 'APP',
        TABLE_NAME: t,
        COLUMN_NAME: ix.endsWith('PK') ? 'ID' : 'C3',
        COLUMN_POSITION: 1,
        DESCEND: 'ASC',
      });
    }
    push('segments', { OWNER: 'APP', SEGMENT_NAME: t, SEGMENT_TYPE: 'TABLE', BYTES: 163840 });
  }
  return rows;
}

async function measure(n: number) {
  const conn = new FakeOracleConnection(schemaRows(n));
  const snapshot = await readCatalog(conn, { schemas: ['APP'], fetchArraySize: 1000 });
  return { conn, snapshot };
}

describe('catalog round trips', () => {
  it('reads 10 and 1,000 tables with the same queries; only large result sets add fetches', async () => {
    const small = await measure(10);
    const large = await measure(1000);
    expect(large.snapshot.schemas[0].tables).toHaveLength(1000);
    expect(large.snapshot.schemas[0].tables[999].constraints.map((c) => c.type).sort()).toEqual([
      'C',
      'P',
      'R',
    ]);
    const queries = 2 + CATALOG_QUERIES.length;
    expect(small.conn.executed).toHaveLength(queries);
    expect(large.conn.executed).toHaveLength(queries);
    // 1,000 tables: 12,000 column rows (12 fetches), 2,999 constraints (3), 2,999 constraint columns
    // (3), 2,000 indexes (2) and index columns (2), 1,000 tables (1) and segments (1).
    const fetches = Object.fromEntries(
      large.conn.executed.filter((e) => e.roundTrips > 1).map((e) => [e.tag, e.roundTrips]),
    );
    expect(fetches).toEqual({
      columns: 12,
      constraints: 3,
      constraintColumns: 3,
      indexes: 2,
      indexColumns: 2,
    });
    expect(large.conn.roundTrips).toBe(queries + 11 + 2 + 2 + 1 + 1);
    expect(large.snapshot.stats).toMatchObject({ queries, roundTrips: large.conn.roundTrips });
  });
});
