/**
 * SQL*Plus bind variables of a translated script: `VARIABLE n NUMBER`, `EXEC :n := 5`,
 * `BEGIN proc(:n); END;`, `SELECT … WHERE id = :n`, `PRINT n`.
 *
 * psql has no bind variables that a DO block can read or set (psql's own variables are
 * interpolated into the text, never into a dollar-quoted body). Each declared variable is
 * therefore kept in a custom session setting `opg_bind.<name>` (text; '' stands for NULL, as
 * VARIABLE starts NULL):
 *
 *   VARIABLE n NUMBER            → SET opg_bind.n = '';
 *   SELECT :n * 2 FROM dual      → SELECT nullif(current_setting('opg_bind.n', true), '')::numeric * 2;
 *   BEGIN :n := :n + 1; END;     → DO $body$ DECLARE opg_bind_n numeric := <read>; BEGIN
 *                                    BEGIN opg_bind_n := opg_bind_n + 1; END;
 *                                    PERFORM set_config('opg_bind.n', coalesce(opg_bind_n::text, ''), false);
 *                                  END $body$;
 *   PRINT n                      → SELECT <read> AS n;
 *
 * A block writes its variables back only when it completes, as Oracle copies the values of OUT
 * binds back after a successful call. The settings are session state like SQL*Plus variables,
 * but transactional: a ROLLBACK of the transaction that set them restores the earlier value.
 * REFCURSOR variables are not emulated (a cursor opened by a DO block is closed with its
 * transaction in psql's autocommit mode); they are reported where declared.
 */
import type { DataType, Expr } from '../ast/expr.js';
import { printType } from '../emit/pg/expr.js';
import type { Finding } from '../findings/types.js';
import { cast, settingValue } from '../rules/builders.js';
import { mapType } from '../rules/types.js';

export interface ScriptBind {
  /** Upper-case name as Oracle resolves `:n`. */
  name: string;
  /** The declared SQL*Plus type (CHAR, NCHAR, VARCHAR2, NVARCHAR2, NUMBER, BINARY_FLOAT, BINARY_DOUBLE, CLOB, NCLOB, BOOLEAN). */
  type: DataType;
  /** PostgreSQL type text of the value. */
  pgType: string;
}

/** The custom setting that holds a variable. */
export const bindSetting = (name: string): string => `opg_bind.${name.toLowerCase()}`;

/** The PL/pgSQL local that stands for a variable inside a converted block. */
export const bindLocal = (name: string): string => `OPG_BIND_${name.toUpperCase()}`;

/** The current value: nullif(current_setting('opg_bind.n', true), '')::type. */
export function bindRead(b: ScriptBind): Expr {
  return { kind: 'paren', expr: cast(settingValue(bindSetting(b.name)), { kind: 'datatype', name: b.pgType, args: [] }) };
}

/** The PostgreSQL type of a declared variable, or why it is not emulated. */
export function scriptBindType(type: DataType): { pgType?: string; why?: string } {
  const name = type.name.toUpperCase();
  if (name === 'REFCURSOR')
    return { why: 'a REFCURSOR variable: a cursor opened by a DO block is closed with its transaction; open the cursor and FETCH in one transaction (BEGIN; … COMMIT;) instead' };
  // The mapping's notes (NUMBER without precision …) are about columns: not reported for a variable.
  const findings: Finding[] = [];
  const pg = mapType(type, { column: 'VARIABLE', object: 'VARIABLE', findings });
  return { pgType: printType(pg) };
}
