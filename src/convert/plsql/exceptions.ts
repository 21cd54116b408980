/**
 * Oracle exceptions ↔ PostgreSQL conditions. Predefined PL/SQL exceptions map to PostgreSQL
 * condition names; Oracle error numbers (EXCEPTION_INIT, RAISE_APPLICATION_ERROR) map to fixed
 * SQLSTATE codes so handlers written against the numbers keep matching:
 *   ORA-20000 … ORA-20999 (application errors)  → SQLSTATE O0000 … O0999
 *   well-known ORA- codes                         → the PostgreSQL SQLSTATE of the same error
 *   user-declared exceptions without a number     → OU001, OU002 … (per unit), OP001 … (package
 *                                                   exceptions, one sequence for the sources)
 */
import { quoteLiteral } from '../../emit/quote.js';

/** Predefined exception → PostgreSQL condition names (OR-ed in a handler). */
export const PREDEFINED: Record<string, string[]> = {
  NO_DATA_FOUND: ['no_data_found'],
  TOO_MANY_ROWS: ['too_many_rows'],
  DUP_VAL_ON_INDEX: ['unique_violation'],
  ZERO_DIVIDE: ['division_by_zero'],
  VALUE_ERROR: ['numeric_value_out_of_range', 'string_data_right_truncation', 'invalid_text_representation', 'null_value_not_allowed'],
  INVALID_NUMBER: ['invalid_text_representation'],
  CURSOR_ALREADY_OPEN: ['duplicate_cursor'],
  INVALID_CURSOR: ['invalid_cursor_name'],
  TIMEOUT_ON_RESOURCE: ['lock_not_available'],
  ROWTYPE_MISMATCH: ['datatype_mismatch'],
  CASE_NOT_FOUND: ['case_not_found'],
  STORAGE_ERROR: ['out_of_memory'],
  PROGRAM_ERROR: ['internal_error'],
  LOGIN_DENIED: ['invalid_authorization_specification'],
  NOT_LOGGED_ON: ['connection_does_not_exist'],
  SUBSCRIPT_BEYOND_COUNT: ['array_subscript_error'],
  SUBSCRIPT_OUTSIDE_LIMIT: ['array_subscript_error'],
  COLLECTION_IS_NULL: ['null_value_not_allowed'],
  ACCESS_INTO_NULL: ['null_value_not_allowed'],
  SELF_IS_NULL: ['null_value_not_allowed'],
  SYS_INVALID_ROWID: ['invalid_text_representation'],
};

/** ORA- error numbers with a PostgreSQL equivalent. */
const ORA_SQLSTATE: Record<number, string> = {
  1: '23505', // unique constraint violated
  54: '55P03', // resource busy (NOWAIT)
  60: '40P01', // deadlock
  904: '42703', // invalid identifier
  942: '42P01', // table or view does not exist
  955: '42P07', // name is already used by an existing object (CREATE of a table, view, index, sequence)
  1013: '57014', // user requested cancel of current operation: query_canceled
  1031: '42501', // insufficient privileges
  1001: '34000', // invalid cursor (INVALID_CURSOR: FETCH / CLOSE of a cursor not open)
  1400: '23502', // cannot insert NULL
  1403: 'P0002', // no data found
  1407: '23502', // cannot update to NULL
  1422: 'P0003', // exact fetch returns more than requested
  1430: '42701', // column being added already exists in table: duplicate_column
  1438: '22003', // value larger than specified precision
  1476: '22012', // divisor is equal to zero
  1722: '22P02', // invalid number
  1830: '22007', // date format picture ends before converting entire input string: invalid_datetime_format
  1840: '22007', // input value not long enough for date format
  1841: '22007', // (full) year must be between -4713 and +9999, and not be 0
  1843: '22008', // not a valid month
  1847: '22008', // day of month must be between 1 and last day of month: datetime_field_overflow
  1858: '22007', // a non-numeric character was found where a numeric was expected
  1861: '22007', // literal does not match format string
  2260: '42P16', // table can have only one primary key: invalid_table_definition
  2275: '42710', // such a referential constraint already exists in the table: duplicate_object
  2289: '42P01', // sequence does not exist (DROP SEQUENCE, nextval of a missing one)
  2290: '23514', // check constraint violated
  2291: '23503', // parent key not found
  2292: '23503', // child record found
  6502: '22000', // numeric or value error
  6503: '2F005', // function returned without value: function_executed_no_return_statement
  6504: '42804', // ROWTYPE_MISMATCH: datatype_mismatch
  6511: '42P03', // CURSOR_ALREADY_OPEN: duplicate_cursor
  6592: '20000', // CASE_NOT_FOUND: case_not_found
  8177: '40001', // cannot serialize access
  12899: '22001', // value too large for column
  21560: 'O1560', // argument is null, invalid, or out of range (DBMS_LOB.INVALID_ARGVAL)
  22303: '42704', // type not found (ANYTYPE.GetPersistent): undefined_object
  22926: 'O2926', // specified trim length is greater than current LOB value's length (DBMS_LOB.TRIM)
  24381: 'OB381', // error(s) in array DML (FORALL … SAVE EXCEPTIONS, raised by the converted loop)
  30006: '55P03', // resource busy; acquire with WAIT timeout expired
  44001: 'O4401', // DBMS_ASSERT: invalid schema name
  44002: 'O4402', // DBMS_ASSERT: invalid object name
  44003: 'O4403', // DBMS_ASSERT: invalid SQL name
  44004: 'O4404', // DBMS_ASSERT: invalid qualified SQL name
};

/** Exceptions declared by Oracle's built-in packages → the SQLSTATE their converted raisers use. */
export const BUILTIN_EXCEPTIONS: Record<string, string> = {
  'DBMS_ASSERT.INVALID_SCHEMA_NAME': 'O4401',
  'DBMS_ASSERT.INVALID_OBJECT_NAME': 'O4402',
  'DBMS_ASSERT.INVALID_SQL_NAME': 'O4403',
  'DBMS_ASSERT.INVALID_QUALIFIED_SQL_NAME': 'O4404',
  'DBMS_LOB.INVALID_ARGVAL': 'O1560',
};

/** SQLSTATE for an Oracle error number (negative or positive), undefined when unknown. */
export function sqlstateForOra(code: number): string | undefined {
  const n = Math.abs(code);
  if (n >= 20000 && n <= 20999) return `O${String(n).slice(-4)}`;
  return ORA_SQLSTATE[n];
}

/**
 * The SQLSTATEs of the errors whose SQLCODE Oracle gives as `n`, for `SQLCODE = n` in a handler:
 * +100 is NO_DATA_FOUND (P0002, what PL/pgSQL raises; 02000 is never seen by a handler), -6502 is
 * VALUE_ERROR, whatever PostgreSQL error its handler catches (a too long string, a numeric
 * overflow, a failed conversion), 0 no error; otherwise the SQLSTATE of ORA-n (undefined when none).
 */
export function sqlcodeStates(n: number): string[] | undefined {
  if (n === 100) return ['P0002'];
  if (n === 0) return ['00000'];
  if (n === -6502) return ['22000', '22001', '22003', '22P02', '22004'];
  const state = sqlstateForOra(n);
  return state ? [state] : undefined;
}

/**
 * SQLSTATE → Oracle error number, for SQLCODE: the inverse of the mapping above (the lowest
 * ORA- number where several share a SQLSTATE), NO_DATA_FOUND as +100.
 */
export function oraCodeCases(): [string, number][] {
  // 22004: NULL assigned to a variable declared NOT NULL, VALUE_ERROR in Oracle.
  const out = new Map<string, number>([['P0002', 100], ['22004', -6502]]);
  for (const [n, state] of Object.entries(ORA_SQLSTATE).sort((a, b) => Number(a[0]) - Number(b[0])))
    if (!out.has(state) && Number(n) !== 1403) out.set(state, -Number(n));
  return [...out];
}

/** PL/pgSQL expression text giving Oracle's SQLCODE inside an exception handler (NULL for PostgreSQL errors with no ORA- equivalent). */
export function sqlcodeText(): string {
  const known = oraCodeCases()
    .map(([state, n]) => `WHEN '${state}' THEN ${n}`)
    .join(' ');
  return `(CASE WHEN SQLSTATE LIKE 'O0%' THEN -20000 - right(SQLSTATE, 4)::integer WHEN SQLSTATE LIKE 'OU%' OR SQLSTATE LIKE 'OP%' THEN 1 ELSE CASE SQLSTATE ${known} END END)`;
}

/**
 * Oracle's message of the predefined exceptions whose text has no parameters and whose PostgreSQL
 * error is raised for them only (by SQLSTATE): SQLERRM gives it where PostgreSQL's message differs
 * ('query returned no rows', 'division by zero', the condition name of RAISE zero_divide).
 */
const FIXED_MESSAGES: [string, string][] = [
  ['P0002', 'ORA-01403: no data found'],
  ['P0003', 'ORA-01422: exact fetch returns more than requested number of rows'],
  ['22012', 'ORA-01476: divisor is equal to zero'],
  ['34000', 'ORA-01001: invalid cursor'],
  ['42P03', 'ORA-06511: PL/SQL: cursor already open'],
  ['20000', 'ORA-06592: CASE not found while executing CASE statement'],
  ['2F005', 'ORA-06503: PL/SQL: Function returned without value'],
];

/**
 * PL/pgSQL expression text giving Oracle's SQLERRM inside a handler: "ORA-20nnn: message" for
 * application errors, Oracle's text for the predefined exceptions above, PostgreSQL's message otherwise.
 */
export const SQLERRM_TEXT = `(CASE WHEN SQLSTATE LIKE 'O0%' THEN 'ORA-2' || right(SQLSTATE, 4) || ': ' || SQLERRM ${FIXED_MESSAGES.map(
  ([state, text]) => `WHEN SQLSTATE = '${state}' THEN '${text}'`,
).join(' ')} ELSE SQLERRM END)`;

/**
 * Oracle's message text (NLS_LANGUAGE AMERICAN, as SQLERRM(n) gives it: the parameters of the
 * message left empty) of the errors a converted unit can meet, by ORA- number.
 */
const ORA_MESSAGES: Record<number, string> = {
  1: 'unique constraint (.) violated',
  51: 'timeout occurred while waiting for a resource',
  54: 'resource busy and acquire with NOWAIT specified or timeout expired',
  60: 'deadlock detected while waiting for resource',
  942: 'table or view does not exist',
  955: 'name is already used by an existing object',
  1013: 'user requested cancel of current operation',
  1031: 'insufficient privileges',
  1001: 'invalid cursor',
  1012: 'not logged on',
  1017: 'invalid username/password; logon denied',
  1400: 'cannot insert NULL into ()',
  1403: 'no data found',
  1410: 'invalid ROWID',
  1422: 'exact fetch returns more than requested number of rows',
  1430: 'column being added already exists in table',
  1438: 'value larger than specified precision allowed for this column',
  1476: 'divisor is equal to zero',
  1722: 'invalid number',
  1830: 'date format picture ends before converting entire input string',
  1840: 'input value not long enough for date format',
  1841: '(full) year must be between -4713 and +9999, and not be 0',
  1843: 'not a valid month',
  1847: 'day of month must be between 1 and last day of month',
  1858: 'a non-numeric character was found where a numeric was expected',
  1861: 'literal does not match format string',
  2260: 'table can have only one primary key',
  2275: 'such a referential constraint already exists in the table',
  2289: 'sequence does not exist',
  2290: 'check constraint (.) violated',
  2291: 'integrity constraint (.) violated - parent key not found',
  2292: 'integrity constraint (.) violated - child record found',
  6500: 'PL/SQL: storage error',
  6501: 'PL/SQL: program error',
  6502: 'PL/SQL: numeric or value error',
  6503: 'PL/SQL: Function returned without value',
  6504: 'PL/SQL: Return types of Result Set variables or query do not match',
  6511: 'PL/SQL: cursor already open',
  6530: 'Reference to uninitialized composite',
  6531: 'Reference to uninitialized collection',
  6532: 'Subscript outside of limit',
  6533: 'Subscript beyond count',
  6592: 'CASE not found while executing CASE statement',
  8177: "can't serialize access for this transaction",
};

/** The error numbers whose SQLERRM(n) text opg_sqlerrm knows (see SQLERRM_HELPER). */
export function knownSqlerrm(code: number): boolean {
  return code >= 0 || (code <= -20000 && code >= -20999) || ORA_MESSAGES[-code] !== undefined;
}

/**
 * SQLERRM(code) (Oracle PL/SQL Language Reference, "SQLERRM Function"): 0 → ORA-0000, +100 →
 * ORA-01403, another positive number → "-n: non-ORACLE exception", -n → the message of ORA-n
 * (application errors -20000 … -20999 have an empty one). Messages of errors outside ORA_MESSAGES
 * are given as "ORA-nnnnn: " only.
 */
export const SQLERRM_HELPER = `CREATE OR REPLACE FUNCTION opg_sqlerrm(code numeric)
RETURNS text
LANGUAGE sql
IMMUTABLE
AS $body$
  -- Oracle's SQLERRM(code): the message of error number code.
  SELECT CASE
    WHEN code = 0 THEN 'ORA-0000: normal, successful completion'
    WHEN code = 100 THEN 'ORA-01403: no data found'
    WHEN code > 0 THEN '-' || code || ': non-ORACLE exception'
    ELSE 'ORA-' || lpad((-code)::text, 5, '0') || ': ' || coalesce(CASE -code ${Object.entries(ORA_MESSAGES)
      .map(([n, text]) => `WHEN ${n} THEN ${quoteLiteral(text)}`)
      .join(' ')} END, '')
  END
$body$;`;
