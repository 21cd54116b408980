/**
 * A converted directory written by hand for verify tests: PL/pgSQL and SQL routines that the
 * PL/SQL converter does not produce yet, with known faults at known lines.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PRE_DATA = `-- orapg: phase pre-data

-- TABLE EMP (hr/emp.sql:1)
CREATE TABLE emp (
  id integer PRIMARY KEY,
  sal numeric(8,2) NOT NULL,
  dept_id integer
);
`;

// Line numbers below are asserted by the tests: keep them in step when editing.
export const CODE = `-- orapg: phase code

-- VIEW V_NET (hr/views.sql:3)
CREATE VIEW v_net AS SELECT id, net_salary(sal) AS net FROM emp;

-- FUNCTION NET_SALARY (hr/code.sql:10)
CREATE FUNCTION net_salary(s numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT s * 0.8 $$;

-- FUNCTION IS_EVEN (hr/code.sql:20)
CREATE FUNCTION is_even(n integer) RETURNS boolean LANGUAGE sql AS $$
  SELECT CASE WHEN n = 0 THEN true ELSE is_odd(n - 1) END
$$;

-- FUNCTION IS_ODD (hr/code.sql:30)
CREATE FUNCTION is_odd(n integer) RETURNS boolean LANGUAGE sql AS $$
  SELECT CASE WHEN n = 0 THEN false ELSE is_even(n - 1) END
$$;

-- FUNCTION DEPT_TOTAL (hr/code.sql:40)
CREATE FUNCTION dept_total(d integer) RETURNS numeric LANGUAGE sql AS $$
  SELECT sum(amount) FROM no_such_payments WHERE dept = d
$$;

-- FUNCTION GET_BONUS (hr/code.sql:50)
CREATE FUNCTION get_bonus(p integer) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  v numeric;
BEGIN
  SELECT bonus INTO v FROM emp WHERE id = p;
  RETURN v;
END
$$;

-- PROCEDURE RAISE_ALL (hr/code.sql:60)
CREATE PROCEDURE raise_all(pct numeric) LANGUAGE plpgsql AS $$
BEGIN
  UPDATE emp SET sal = sal * (1 + pct / 100);
END
$$;
`;

export const POST_DATA = `-- orapg: phase post-data

-- TRIGGER EMP_BIU (hr/triggers.sql:1)
CREATE FUNCTION emp_biu() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.salary := NEW.sal;
  RETURN NEW;
END
$$;
CREATE TRIGGER emp_biu BEFORE INSERT OR UPDATE ON emp FOR EACH ROW EXECUTE FUNCTION emp_biu();

-- INDEX EMP_DEPT_IX (hr/indexes.sql:1)
CREATE INDEX emp_dept_ix ON emp (dept_id);
`;

/** Emitted lines of interest (02-code.sql / 03-post-data.sql). */
export const LINES = {
  netSalary: 6,
  deptTotalFrom: 21,
  getBonusSelect: 29,
  empBiuAssign: 6,
};

export function writeFixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'orapg-verify-fx-'));
  writeFileSync(join(dir, '01-pre-data.sql'), PRE_DATA);
  writeFileSync(join(dir, '02-code.sql'), CODE);
  writeFileSync(join(dir, '03-post-data.sql'), POST_DATA);
  return dir;
}
