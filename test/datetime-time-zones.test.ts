/**
 * Behaviour on PostgreSQL 15, in a session whose time zone is not UTC (America/New_York), of the
 * time zone conversions of fixtures/sql/datetime-time-zones: FROM_TZ, AT TIME ZONE with regions,
 * offsets and SESSIONTIMEZONE, SYS_EXTRACT_UTC, TO_DSINTERVAL / TO_YMINTERVAL, and EXTRACT from
 * values WITH TIME ZONE, which Oracle reads in UTC ("When extracting from a datetime with a time
 * zone value, the value returned is in UTC", SQL Language Reference, EXTRACT (datetime)).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('datetime_zones', 'time zone conversions', async (s) => {
  await s.query(readFileSync('fixtures/sql/datetime-time-zones/expected.pg.sql', 'utf8'));
});

describe('time zones in a New York session (PostgreSQL 15)', () => {
  it('converts as Oracle does whatever the session time zone', async (ctx) => {
    if (!db.ready) ctx.skip();
    const s = await db.session();
    try {
      await s.query("SET TimeZone = 'America/New_York'");
      // departs is a TIMESTAMP without zone: 10:00 in the session zone (EDT, UTC-4) where Oracle
      // reads it without a zone; arrives is 20:00 UTC.
      await s.query(`INSERT INTO flights VALUES (1, '2020-07-01 10:00', 'America/New_York',
        '2020-07-01 20:00:00+00', '-0 06:00:00', '01-02')`);
      const r = await s.query({
        text: `SELECT to_char(departs_utc, 'HH24:MI'), to_char(departs_paris, 'HH24:MI'),
                      to_char(arrives_brasilia, 'HH24:MI'), to_char(arrives_home, 'HH24:MI'),
                      to_char(arrives_session_clock, 'HH24:MI'), to_char(lands, 'HH24:MI'),
                      to_char(expires, 'YYYY-MM-DD'), arrives_utc_hour, departs_utc_hour,
                      departs_tokyo_utc_hour, departs_tokyo_clock
                 FROM flight_times`,
        rowMode: 'array',
      });
      expect(r.rows[0].map(String)).toEqual([
        '14:00', // 10:00 New York = 14:00 UTC
        '06:30', // 10:00 at +05:30 = 04:30 UTC = 06:30 in Paris (CEST)
        '17:00', // 20:00 UTC at -03:00
        '16:00', // 20:00 UTC in New York
        '16:00', // in the session time zone
        '04:00', // 10:00 - 6 hours
        '2021-09-01', // + 1 year 2 months
        '20', // EXTRACT(HOUR) of a value with time zone: UTC (PostgreSQL alone: 16, the session's)
        '14',
        '14', // departs read in the session zone (14:00 UTC), then at Tokyo: still 14 in UTC
        '23:00', // 14:00 UTC is 23:00 in Tokyo
      ]);
    } finally {
      await s.end();
    }
  });
});
