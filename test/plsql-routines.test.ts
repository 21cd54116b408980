/**
 * Calling conventions of converted PL/SQL routines on PostgreSQL 15, from golden fixtures'
 * converted output: a package FUNCTION and PROCEDURE of one name and signature (the procedure
 * renamed <name>_proc, call statements rewritten); RAW built-ins (RAWTOHEX, HEXTORAW, UTL_RAW casts)
 * on bytea; application contexts (DBMS_SESSION.SET_CONTEXT / CLEAR_CONTEXT, SYS_CONTEXT) in custom
 * settings; functions with OUT parameters (a record of the OUT values and opg_result, the return
 * value; v := f(…) reads both); labels before statements other than loops and blocks left out.
 * Skipped with a message when no server answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURES = ['package-function-procedure-same-name', 'raw-hex-functions', 'application-context', 'function-out-param', 'function-out-params', 'nested-param-shadows', 'bulk-collect-records', 'builtin-package-stub', 'dynsql-plsql-block', 'label-before-statement', 'nested-function-assigns-enclosing', 'package-cursor-pipelined', 'dbms-lock-timeout', 'rowid-ctid', 'dml-returning-bulk-collect', 'dml-inline-view', 'replace-number-arg', 'rawtohex-blob-substr', 'out-function-overload-by-type', 'record-insert-update-row', 'commit-in-exception-block', 'execute-immediate-known-text', 'package-exception-init', 'varray-limit', 'object-methods-in-sql', 'collection-sparse-count', 'implicit-number-to-text', 'sqlcode-predefined-cursor-case', 'subtype-range', 'package-collection-from-trigger', 'builtin-stats-mview-identifier', 'synonym-package-sequence', 'implicit-date-text', 'package-exception-sqlcode', 'sqlcode-comparison', 'dbms-output-implicit-text', 'savepoint-before-block', 'subprogram-name-qualifies-locals', 'text-arithmetic'];
const db = scratchDatabase('routines', 'routine calling convention', async (s) => {
  for (const f of FIXTURES) await s.query(readFileSync(`fixtures/plsql/${f}/expected.pg.sql`, 'utf8'));
});

describe('routine calling conventions (PostgreSQL 15)', () => {
  it('a synonym of a package, a sequence, a function and a procedure: calls and NEXTVAL reach the targets', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // inv_seq starts at 10: api.add(5) inserts through the synonym, then the package, then the sequence synonym.
      expect(Number(await one(a, 'SELECT use_syn()'))).toBe(10);
      expect(Number(await one(a, 'SELECT inv_api.add(7)'))).toBe(11);
      expect(Number(await one(a, 'SELECT next_id()'))).toBe(12);
      // calc → calc_total (doubles), logger → log_it, also in a view.
      expect(Number(await one(a, 'SELECT use_calc()'))).toBe(84);
      expect(Number(await one(a, 'SELECT c FROM calc_v'))).toBe(2);
    } finally {
      await a.end();
    }
  });

  it('GET_TIME, SET_IDENTIFIER read by SYS_CONTEXT, GATHER_TABLE_STATS (ANALYZE) and DBMS_MVIEW.REFRESH of a list run', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("CALL bs_nightly('batch-7')");
      expect((await a.query('SELECT id::int, msg FROM bs_log ORDER BY id')).rows).toEqual([
        { id: 1, msg: 'run by batch-7' },
        { id: 2, msg: 'second' },
        { id: 3, msg: 'timed' },
        { id: 4, msg: 'cleared' },
      ]);
      // Both views refreshed after the first two rows; ANALYZE counted the table's rows.
      expect(Number(await one(a, 'SELECT n FROM bs_count_mv'))).toBe(2);
      expect(Number(await one(a, 'SELECT m FROM bs_max_mv'))).toBe(2);
      expect(Number(await one(a, "SELECT reltuples FROM pg_class WHERE oid = 'bs_log'::regclass"))).toBe(2);
    } finally {
      await a.end();
    }
  });

  it('COUNT of an INDEX BY table filled by key or with deleted elements counts the elements; a BULK COLLECT table keeps its NULL values', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO sc_items VALUES (7, 'a'), (1000, NULL), (250000, 'c')");
      // cache: keys 7, 250000 hold values (the NULL note of 1000 reads as a gap, reported by
      // OPG-PLSQL-0031); dense: 1, 3, 5 after deleting 2 and 4; bulk: three rows, one NULL.
      expect(await one(a, 'SELECT sc_counts()')).toBe('cache 2 first 7 last 250000; dense 3 1 3 5; bulk 3');
    } finally {
      await a.end();
    }
  });

  it('object type methods called in SQL on TABLE() rows and object columns, and on a function result', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO mo_orders VALUES (1, row(5, 'EUR'), now()), (2, row(20, 'EUR'), now()), (3, row(12.5, 'EUR'), now()), (4, row(1, 'EUR'), now()), (5, row(30, 'EUR'), now())");
      // 1.5 EUR (constructor) + 2 EUR; orders of at least 10 by amount; one element above 1.6;
      // the largest show() text of (7, 3) is '7.00 EUR'; 5 rows in batches of 2 = 3 fetches.
      expect(await one(a, 'SELECT mo_report()')).toBe('3.50 EUR|12.50 EUR;20.00 EUR;30.00 EUR|1|7.00 EUR|3 batches, 5 rows');
    } finally {
      await a.end();
    }
  });

  it('a NUMBER stored in a VARCHAR2 variable, package variable or returned as VARCHAR2 reads as TO_CHAR(n): .25, -.5, 12.5', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // 1/4, -0.5, 12.50, NUMBER(7,2) subtype := 10/4, RETURN 3/8 as VARCHAR2, package VARCHAR2 := 2.5 * 2,
      // package NUMBER := 20/100 (initialization section), declaration VARCHAR2 := 7/2.
      expect(await one(a, 'SELECT num_text.report()')).toBe('.25 -.5 12.5 2.5 .375 5 rate=.2 3.5');
      // Arguments of VARCHAR2 parameters (2.5 / 4 to a function, 7 and 2.5 to a procedure), '40' to a
      // NUMBER parameter of a procedure (80), 2.5 * 3 into a record field, NUMBER(10,2) 12.5 selected INTO.
      await a.query('INSERT INTO nt_prices VALUES (1, 12.5)');
      expect(await one(a, 'SELECT num_text.passed()')).toBe('[.625] 2.5 7 80 7.5 12.5');
      // Standalone function and procedure: 2.5 / 2 and 3 to VARCHAR2 parameters, 2.5 to a procedure's.
      expect(await one(a, 'SELECT nt_standalone()')).toBe('<1.25><3>2.5');
    } finally {
      await a.end();
    }
  });

  it('SQLCODE of CURSOR_ALREADY_OPEN, INVALID_CURSOR (also through EXCEPTION_INIT) and CASE_NOT_FOUND is their Oracle number; SQLERRM of predefined exceptions their Oracle message', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // Oracle's table of predefined exceptions: -6511, -1001, -6592 (before: NULL).
      expect(await one(a, 'SELECT sq_codes(0)')).toBe('reopen -6511, close -1001, init -1001, case -6592');
      expect(await one(a, 'SELECT sq_codes(1)')).toBe('reopen -6511, close -1001, init -1001, positive');
      // SQLERRM: Oracle's messages of NO_DATA_FOUND, TOO_MANY_ROWS, ZERO_DIVIDE (raised by the division
      // and by RAISE), INVALID_CURSOR, and an application error.
      await a.query('INSERT INTO sq_items VALUES (1), (2)');
      expect(await one(a, 'SELECT sq_messages()')).toBe(
        'ORA-01403: no data found|ORA-01422: exact fetch returns more than requested number of rows|ORA-01476: divisor is equal to zero|ORA-01476: divisor is equal to zero|ORA-01001: invalid cursor|ORA-20123: custom',
      );
      // A function that ends without RETURN: ORA-06503.
      expect(await one(a, 'SELECT sq_call_no_return()')).toBe('-6503 ORA-06503: PL/SQL: Function returned without value');
    } finally {
      await a.end();
    }
  });

  it('a value outside the RANGE of a PLS_INTEGER subtype raises VALUE_ERROR and leaves the variable unchanged', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // grade_t RANGE 1..6: 6 + 1 raises; month_t RANGE 1..12 through a subtype of it: 0 raises; NULL allowed.
      expect(await one(a, 'SELECT grades.check_all()')).toBe('g=6 value_error g=6 m=12 null=null');
    } finally {
      await a.end();
    }
  });

  it('a row trigger collects ids in a package collection, the statement trigger reads them (package type used outside the package)', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('INSERT INTO pcf_accounts VALUES (1, 100), (2, NULL), (3, 50)');
      // All three change (NULL -> 10 through the OR branch of WHEN): three rows with the total after the statement.
      await a.query('UPDATE pcf_accounts SET balance = coalesce(balance, 0) + 10');
      // No change: the BEFORE statement trigger empties the collection, the row trigger does not fire.
      await a.query('UPDATE pcf_accounts SET balance = balance WHERE acc_id = 1');
      expect(await one(a, "SELECT string_agg(acc_id || ':' || trim_scale(total_after), ',' ORDER BY acc_id) FROM pcf_hist")).toBe('1:180,2:180,3:180');
    } finally {
      await a.end();
    }
  });

  it('a DATE stored in a VARCHAR2 variable reads as DD-MON-RR text; a DD-MON-RR literal stored in a DATE variable is read with RR', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // Default NLS_DATE_FORMAT DD-MON-RR: 2024-03-05 -> '05-MAR-24'; '12-MAR-62' -> 1962 (before: '2024-03-05 14:30:00').
      expect(await one(a, 'SELECT idt_dates()')).toBe('05-MAR-24 1962-03-12');
    } finally {
      await a.end();
    }
  });

  it('SQLCODE of a package exception without a number, handled in another package, is +1', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // Before: SQLCODE was NULL for a package exception (only unit-local ones gave 1).
      expect(await one(a, 'SELECT pes_caller.try_it(-1)')).toBe('1 User-Defined Exception');
      expect(await one(a, 'SELECT pes_caller.try_it(1)')).toBe('ok');
    } finally {
      await a.end();
    }
  });

  it('SQLCODE = 100 matches NO_DATA_FOUND, SQLCODE = -6502 every error a VALUE_ERROR handler catches', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // Before: SQLCODE = 100 became SQLSTATE = '02000' and -6502 SQLSTATE = '22000', which PostgreSQL never raises here.
      expect(await one(a, 'SELECT scc_test()')).toBe('nodata value_error value_error');
    } finally {
      await a.end();
    }
  });

  it('DBMS_OUTPUT.PUT_LINE of a number or a date prints Oracle\'s implicit text', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    const lines: string[] = [];
    a.on('notice', (m) => lines.push(m.message ?? ''));
    try {
      await a.query('CALL dout_demo()');
      // Before: 2.50, 0.62500000000000000000, 2024-03-05 00:00:00.
      expect(lines).toEqual(['2.5', '.625', '05-MAR-24', 'n=2.5']);
    } finally {
      await a.end();
    }
  });

  it('SAVEPOINT before a block whose handler rolls back to it: the failed row is undone, the others and the log stay', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // Before: the procedure was not converted (SAVEPOINT / ROLLBACK TO inside PL/SQL).
      await a.query('CALL sbb_load(2)');
      expect(await one(a, "SELECT string_agg(id::text, ',' ORDER BY id) FROM sbb_rows")).toBe('11,13');
      expect(await one(a, "SELECT string_agg(id || ' ' || msg, ';') FROM sbb_errors")).toBe('2 ORA-20001: bad row 2');
    } finally {
      await a.end();
    }
  });

  it('a local variable qualified by the function name (SELECT … INTO f.name) is the variable', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // Before: the function did not compile ('"snq_get_name.name" is not a known variable').
      await a.query("INSERT INTO snq_emp VALUES (1, 'one'), (2, 'two')");
      expect(await one(a, 'SELECT snq_get_name(2)')).toBe('two');
    } finally {
      await a.end();
    }
  });

  it('arithmetic on VARCHAR2 values converts them to numbers', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // Before: 'operator does not exist: character varying * integer'.
      await a.query("INSERT INTO ta_rows VALUES ('1.5'), ('2')");
      expect(await one(a, 'SELECT ta_calc()')).toBe('25 4 16.5 2.5 25 6.5');
      // MOD / ROUND / TRUNC / ABS of text (before: 'function mod(character varying, integer) does not exist').
      expect(await one(a, 'SELECT ta_functions()')).toBe('1.25 7.3 7 7.25 **x 7.25 9 7.25');
    } finally {
      await a.end();
    }
  });

  it('LIMIT is the declared size of a VARRAY (schema, package and local types), NULL for other collections', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT vl_pkg.limits()')).toBe('5,3,12,null,null,4');
    } finally {
      await a.end();
    }
  });

  it('a package exception numbered by EXCEPTION_INIT catches the PostgreSQL error of its ORA- number, and RAISE_APPLICATION_ERROR of its -20xxx code', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('INSERT INTO pe_parent VALUES (1), (2); INSERT INTO pe_child VALUES (10, 1)');
      expect(await one(a, 'SELECT pe_errors.remove_parent(1)')).toBe('has children');
      expect(await one(a, 'SELECT pe_errors.remove_parent(2)')).toBe('deleted 1');
      expect(await one(a, 'SELECT pe_errors.check_size(11)')).toBe('caught -20050');
      expect(await one(a, 'SELECT pe_errors.check_size(1)')).toBe('ok');
    } finally {
      await a.end();
    }
  });

  it('EXECUTE IMMEDIATE / OPEN FOR of a variable holding one literal runs the converted text; a bind typed by its USING variable', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query(
        "INSERT INTO ei_events VALUES (1, localtimestamp - interval '1 day', 'a'), (2, localtimestamp - interval '10 days', NULL), (3, localtimestamp - interval '2 days', 'skip')",
      );
      // Within 5 days: events 1 and 3; 3 is skipped → 1. SYSDATE - :d with :d a NUMBER is date arithmetic.
      expect(Number(await one(a, 'SELECT ei_recent(5)'))).toBe(1);
      expect(Number(await one(a, 'SELECT ei_recent(30)'))).toBe(2);
      // ROWNUM <= 2 before ORDER BY: the first two rows read, then ordered (ids 1 and 2 here).
      expect(await one(a, 'SELECT ei_kinds()')).toBe('a-');
      // Assigned twice: the text is built at run time and runs as written (here valid on PostgreSQL too).
      expect(Number(await one(a, 'SELECT ei_two(1)'))).toBe(1);
    } finally {
      await a.end();
    }
  });

  it('COMMIT in a block with an EXCEPTION section: work committed before an error stays, the handler path runs as in Oracle', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('CALL load_batch(0)');
      expect((await a.query('SELECT n::int, note FROM batch_rows ORDER BY n')).rows).toEqual([
        { n: 1, note: 'first' },
        { n: 2, note: 'second' },
      ]);
      expect((await a.query('SELECT msg FROM batch_log')).rows).toEqual([{ msg: 'loaded 2' }]);
      await a.query('TRUNCATE batch_rows, batch_log');
      // The error after the first COMMIT: row 1 stays committed, row 2 is rolled back by the handler.
      await a.query('CALL load_batch(2)');
      expect((await a.query('SELECT n::int FROM batch_rows ORDER BY n')).rows).toEqual([{ n: 1 }]);
      expect((await a.query('SELECT msg FROM batch_log')).rows).toEqual([{ msg: 'error: ORA-20002: failed after the first commit' }]);
    } finally {
      await a.end();
    }
  });

  it('INSERT … VALUES record and UPDATE … SET ROW = record write every column from the fields by position', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('CALL copy_staff(2)');
      const rows = (await a.query('SELECT id::int, name, sal::int FROM staff_copy ORDER BY id')).rows;
      expect(rows).toEqual([
        { id: 1, name: 'N1', sal: 101 },
        { id: 2, name: 'n2', sal: 200 },
        { id: 99, name: 'rec', sal: 1 },
      ]);
    } finally {
      await a.end();
    }
  });

  it('a call inside an expression reaches the overload with an IN OUT parameter by its argument types, and sees the OUT value', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // 'abcd': n = 4, measure(4, d) = 5 and d = 8 → 13; the VARCHAR2 overloads are distinct.
      expect(Number(await one(a, "SELECT text_len.measure('abcd'::varchar)"))).toBe(13);
      expect(Number(await one(a, "SELECT text_len.measure('abcd'::varchar, '??')"))).toBe(6);
    } finally {
      await a.end();
    }
  });

  it('REPLACE takes a number as its replacement, also from a function, and NULL removes the text', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, "SELECT fmt.fill('{count} items, {scaled} units{none}', 3)")).toBe('3 items, 30 units');
      // RAWTOHEX(SUBSTR(blob, 1, 2)): the first two bytes in upper-case hexadecimal.
      expect(await one(a, "SELECT raw_head('\\x0a0bff'::bytea, 2)")).toBe('0A0B');
    } finally {
      await a.end();
    }
  });


  it('DELETE / UPDATE on a one-table inline view change the rows the view selects', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO vbuf VALUES (1, 10, 'a', 0), (1, 11, 'b', 0), (1, 12, 'c', 0), (2, 20, 'x', 0)");
      // Messages 10 and 11 of output 1 (min 10 + limit 1); RETURNING collects both.
      expect(Number(await one(a, 'SELECT take_batch(1, 1)'))).toBe(2);
      await a.query('CALL finish_all(1)');
      expect((await a.query('SELECT output_id, message_id, is_finished FROM vbuf ORDER BY message_id')).rows).toEqual([
        { output_id: '1', message_id: '12', is_finished: '1' },
        { output_id: '2', message_id: '20', is_finished: '0' },
      ]);
    } finally {
      await a.end();
    }
  });


  it('DML … RETURNING … BULK COLLECT INTO collects every row', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO obuf VALUES (1, 1, 'a'), (1, 2, 'b'), (2, 3, 'c'), (3, 4, 'd'), (3, 5, 'e')");
      expect(await one(a, 'SELECT shout(1)')).toBe('1=A 2=B 2');
      const r = (await a.query('CALL take_texts(1, NULL)')).rows[0];
      expect([...r.p_texts].sort()).toEqual(['A', 'B']);
      expect(Number(await one(a, 'SELECT take_rows(3)'))).toBe(2);
      expect(Number(await one(a, 'SELECT take_rows(9)'))).toBe(0);
      expect((await a.query('SELECT message_id FROM obuf')).rows).toEqual([{ message_id: '3' }]);
    } finally {
      await a.end();
    }
  });


  it('ROWIDs read and used in one transaction address the same rows (ctid)', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO buf VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      // SELECT ROWID INTO, UPDATE … WHERE ROWID = it, ROWIDTOCHAR of it.
      expect(await one(a, 'SELECT first_rowid()')).toMatch(/^\(\d+,\d+\)$/);
      expect(await one(a, 'SELECT txt FROM buf WHERE id = 1')).toBe('seen');
      // ROWIDTOCHAR collected, then DELETE … WHERE ROWID = CHARTOROWID(…) for each.
      await a.query('CALL purge_first(2)');
      expect((await a.query('SELECT id FROM buf ORDER BY id')).rows).toEqual([{ id: '3' }]);
    } finally {
      await a.end();
    }
  });


  it('DBMS_LOCK.REQUEST with a wait times out with status 1 while another session holds the lock', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    const b = await db.session();
    try {
      expect(Number(await one(a, "SELECT take_lock('job-1', 1)"))).toBe(0);
      // B waits 1 s for A's exclusive lock, then gets status 1 (timeout).
      expect(Number(await one(b, "SELECT take_lock('job-1', 1)"))).toBe(1);
      // The wait left B's lock_timeout as it was.
      expect(await one(b, "SELECT current_setting('lock_timeout')")).toBe('0');
      expect(Number(await one(a, "SELECT drop_lock('job-1')"))).toBe(0);
      expect(Number(await one(b, "SELECT take_lock('job-1', 1)"))).toBe(0);
      expect(Number(await one(b, "SELECT drop_lock('job-1')"))).toBe(0);
      // Releasing a lock the session does not hold: status 4.
      expect(Number(await one(b, "SELECT drop_lock('job-1')"))).toBe(4);
      // No wait: a shared lock is refused at once while A holds it exclusively.
      expect(Number(await one(a, "SELECT take_lock('job-2', 1)"))).toBe(0);
      expect(Number(await one(b, "SELECT try_shared('job-2')"))).toBe(1);
      expect(Number(await one(a, "SELECT drop_lock('job-2')"))).toBe(0);
      expect(Number(await one(b, "SELECT try_shared('job-2')"))).toBe(0);
    } finally {
      await a.end();
      await b.end();
    }
  });


  it('a package cursor opened in a member, a pipelined package collection of records, ORA_NAME_LIST_T', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO reporters VALUES ('html', 'coverage'), ('junit', 'test'), ('sonar', 'coverage')");
      const rows = (await a.query('SELECT name, kind FROM rep_catalog.list_reporters()')).rows;
      expect(rows).toEqual([
        { name: 'html', kind: 'coverage' },
        { name: 'junit', kind: 'test' },
        { name: 'sonar', kind: 'coverage' },
      ]);
      expect(await one(a, "SELECT rep_catalog.names_of('coverage')")).toBe('html sonar');
      // The cursor closed at the end of the first call: it opens again in the next one.
      expect(await one(a, "SELECT rep_catalog.names_of('test')")).toBe('junit');
      expect(Number(await one(a, 'SELECT rep_catalog.name_count()'))).toBe(3);
    } finally {
      await a.end();
    }
  });


  it('a nested function that assigns variables of the enclosing unit hands them back', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // within(5) and within(50) both count; only 50 exceeds the limit 10.
      expect(await one(a, 'SELECT check_limits(10)')).toBe('2:50 too big;');
    } finally {
      await a.end();
    }
  });


  it('EXECUTE IMMEDIATE of a literal PL/SQL block runs in place with its binds; one built at run time with OUT binds raises', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // :total ← OUT p_total, :amount ← IN p_amount, :note ← IN OUT p_note (read and written).
      const r = (await a.query("CALL price_with_tax(100, NULL, 'net')")).rows[0];
      expect({ total: Number(r.p_total), note: r.p_note }).toEqual({ total: 120, note: 'net (taxed)' });
      expect(Number(await one(a, 'SELECT double_it(21)'))).toBe(42);
      expect(await one(a, 'SELECT call_by_name(NULL, 1)')).toBeNull();
      const e = await a.query("SELECT call_by_name('add_tax', 1)").catch((x: { code: string }) => x);
      expect(e).toMatchObject({ code: '0A000' });
    } finally {
      await a.end();
    }
  });


  it('a routine calling a built-in package with no equivalent is converted; the call fails when it runs', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('CALL run_step(1, false)');
      expect(await one(a, 'SELECT msg FROM run_log WHERE id = 1')).toBe('done');
      // DBMS_PROFILER.START_PROFILER became a RAISE naming the call; the whole call is rolled back.
      const e = await a.query('CALL run_step(2, true)').catch((x: { code: string; message: string }) => x);
      expect(e).toMatchObject({ code: '0A000', message: expect.stringContaining('DBMS_PROFILER.START_PROFILER') });
      expect(await one(a, 'SELECT count(*)::int FROM run_log WHERE id = 2')).toBe(0);
      expect(await one(a, 'SELECT table_ddl(false)')).toBe('RUN_LOG');
      const f = await a.query('SELECT table_ddl(true)').catch((x: { code: string }) => x);
      expect(f).toMatchObject({ code: '3F000' });
    } finally {
      await a.end();
    }
  });


  it('labels before statements other than loops and blocks are left out; EXIT of a labelled outer loop still works', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // EXIT outer at i = 1, j = 2 leaves both loops (Oracle PL/SQL Language Reference, "EXIT Statement").
      expect(await one(a, 'SELECT labelled_steps()')).toBe('start;called;if;case;1.1;block1;');
    } finally {
      await a.end();
    }
  });

  it('a function and a procedure of one name: expressions reach the function, call statements the renamed procedure', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT heartbeat.is_alive()')).toBe(false);
      await a.query('CALL heartbeat.check_all()');
      expect(await one(a, 'SELECT heartbeat.is_alive()')).toBe(true);
      // touch_proc('me') adds 10, touch('you') adds 1.
      expect(Number(await one(a, 'SELECT heartbeat.g_count()'))).toBe(11);
      await a.query('CALL heartbeat.check_all()');
      expect(Number(await one(a, 'SELECT heartbeat.g_count()'))).toBe(22);
    } finally {
      await a.end();
    }
  });

  it('RAWTOHEX prints upper-case hexadecimal, HEXTORAW and UTL_RAW casts round-trip text', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, "SELECT raw_to_hex('\\x0aff10'::bytea)")).toBe('0AFF10');
      expect(await one(a, 'SELECT raw_to_hex(NULL)')).toBeNull();
      expect(await one(a, "SELECT text_to_hex('Hé')")).toBe('48C3A9:3');
      expect(await one(a, "SELECT hex_to_text('48C3A9')")).toBe('Hé');
      expect(await one(a, "SELECT hex_to_text('48c3a9')")).toBe('Hé');
    } finally {
      await a.end();
    }
  });

  it('DBMS_SESSION.SET_CONTEXT values are read by SYS_CONTEXT in the same session only; CLEAR_CONTEXT and unset attributes read NULL', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    const b = await db.session();
    try {
      expect(await one(a, "SELECT app_ctx.get_value('run_paths')")).toBeNull();
      await a.query("CALL app_ctx.set_value('RUN_PATHS', 'ut3:a,b')");
      // Attribute names are case-insensitive, as in Oracle.
      expect(await one(a, "SELECT app_ctx.get_value('run_paths')")).toBe('ut3:a,b');
      expect(await one(b, "SELECT app_ctx.get_value('run_paths')")).toBeNull();
      await a.query("CALL app_ctx.set_value('RUN_PATHS', NULL)");
      expect(await one(a, "SELECT app_ctx.get_value('run_paths')")).toBeNull();
      await a.query("CALL app_ctx.set_value('other', 'x')");
      await a.query("CALL app_ctx.clear_value('OTHER')");
      expect(await one(a, "SELECT app_ctx.get_value('other')")).toBeNull();
      expect(await one(a, "SELECT app_ctx.as_clob('nothing')")).toBeNull();
      // CLEAR_ALL_CONTEXT clears every attribute set in the namespace.
      await a.query("CALL app_ctx.set_value('one', '1')");
      await a.query("CALL app_ctx.set_value('two', '2')");
      await a.query("CALL app_ctx.set_value('one', '11')");
      expect(await one(a, "SELECT app_ctx.get_value('one')")).toBe('11');
      await a.query('CALL app_ctx.clear_all()');
      expect(await one(a, "SELECT app_ctx.get_value('one')")).toBeNull();
      expect(await one(a, "SELECT app_ctx.get_value('two')")).toBeNull();
      await a.query("CALL app_ctx.set_value('two', 'again')");
      expect(await one(a, "SELECT app_ctx.get_value('two')")).toBe('again');
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('a function with OUT parameters returns them with its return value; v := f(…) assigns the OUT arguments and the target', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect((await a.query("SELECT * FROM split_name('John Smith')")).rows).toEqual([{ p_last: 'Smith', opg_result: 'John' }]);
      expect(await one(a, "SELECT full_name_reversed('John Smith')")).toBe('Smith, John');
      // IN OUT text and OUT count through a package function called from a procedure.
      const r = (await a.query("CALL text_tools.demo('a/*x*/b', NULL, NULL, NULL)")).rows[0];
      expect(r).toEqual({ p_clean: 'ab', p_comments: '/*x*/', p_count: '1' });
      const none = (await a.query("CALL text_tools.demo('plain', NULL, NULL, NULL)")).rows[0];
      expect(none).toEqual({ p_clean: 'plain', p_comments: null, p_count: '0' });
      // Named arguments; the OUT value lands in a package variable.
      expect(await one(a, "SELECT text_tools.first_of('Ada Lovelace')")).toBe('Ada');
      expect(await one(a, 'SELECT text_tools.g_last()')).toBe('Lovelace');
      expect(await one(a, "SELECT text_tools.comments_of('x/*c*/y')")).toBe('/*c*/');
    } finally {
      await a.end();
    }
  });

  it("a nested subprogram's parameter shadows the enclosing unit's parameter of the same name", async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // decorate(p_value + 1) doubles its own p_value: (4 + 1) * 2.
      expect(await one(a, "SELECT label_of(4, 'n')")).toBe('n#10');
    } finally {
      await a.end();
    }
  });

  it('SELECT of several columns BULK COLLECT INTO a collection of records, local and package variable', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO stock_items VALUES (1, 'bolt', 5), (2, 'nut', 50), (3, 'gear', 2)");
      expect(await one(a, 'SELECT stock.low_stock(10)')).toBe('bolt=5;gear=2;');
      expect(await one(a, 'SELECT stock.low_stock(1)')).toBeNull();
      await a.query('CALL stock.load_cache()');
      expect(Number(await one(a, 'SELECT stock.cached_qty(2)'))).toBe(50);
    } finally {
      await a.end();
    }
  });
});
