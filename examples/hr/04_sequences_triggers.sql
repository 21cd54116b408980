--------------------------------------------------------------------------------
-- 04_sequences_triggers.sql
-- HR_APP schema: sequences, surrogate-key triggers, audit triggers.
--------------------------------------------------------------------------------

PROMPT Sequences
CREATE SEQUENCE locations_seq      START WITH 1000  INCREMENT BY 100 MAXVALUE 999900 NOCACHE NOCYCLE;
CREATE SEQUENCE departments_seq    START WITH 10    INCREMENT BY 10  MAXVALUE 999990 NOCACHE NOCYCLE;
CREATE SEQUENCE employees_seq      START WITH 1001  INCREMENT BY 1   MAXVALUE 99999999 CACHE 20 NOCYCLE;
CREATE SEQUENCE salary_history_seq START WITH 1     INCREMENT BY 1   CACHE 20;
CREATE SEQUENCE employee_documents_seq START WITH 1 INCREMENT BY 1   NOCACHE;
CREATE SEQUENCE projects_seq       START WITH 5000  INCREMENT BY 1   MAXVALUE 99999999 NOCACHE NOCYCLE;
CREATE SEQUENCE project_tasks_seq  START WITH 1     INCREMENT BY 1   CACHE 20;
CREATE SEQUENCE time_entries_seq   START WITH 1     INCREMENT BY 1   CACHE 1000 NOCYCLE;
CREATE SEQUENCE leave_requests_seq START WITH 1     INCREMENT BY 1   CACHE 20;
CREATE SEQUENCE payroll_runs_seq   START WITH 1     INCREMENT BY 1   NOCACHE ORDER;
CREATE SEQUENCE payslips_seq       START WITH 1     INCREMENT BY 1   MINVALUE 1 MAXVALUE 999999999999 CACHE 100;
CREATE SEQUENCE payslip_lines_seq  START WITH 1     INCREMENT BY 1   CACHE 500;
CREATE SEQUENCE audit_log_seq      START WITH 1     INCREMENT BY 1   CACHE 100;
CREATE SEQUENCE app_log_seq        START WITH 1     INCREMENT BY 1   MAXVALUE 99999999999999 CACHE 100 CYCLE;

PROMPT Surrogate key triggers

-- Written in 2004, before PL/SQL could assign a NEXTVAL directly.
CREATE OR REPLACE TRIGGER locations_bi
    BEFORE INSERT ON locations
    FOR EACH ROW
BEGIN
    IF :NEW.location_id IS NULL THEN
        SELECT locations_seq.NEXTVAL INTO :NEW.location_id FROM dual;
    END IF;
END;
/

CREATE OR REPLACE TRIGGER departments_bi
    BEFORE INSERT ON departments
    FOR EACH ROW
BEGIN
    IF :NEW.department_id IS NULL THEN
        SELECT departments_seq.NEXTVAL INTO :NEW.department_id FROM dual;
    END IF;
    :NEW.dept_code := UPPER(:NEW.dept_code);
END;
/

CREATE OR REPLACE TRIGGER employees_biu
    BEFORE INSERT OR UPDATE ON employees
    FOR EACH ROW
BEGIN
    IF INSERTING THEN
        IF :NEW.employee_id IS NULL THEN
            :NEW.employee_id := employees_seq.NEXTVAL;
        END IF;
        IF :NEW.employee_number IS NULL THEN
            :NEW.employee_number := 'E' || LPAD(TO_CHAR(:NEW.employee_id), 7, '0');
        END IF;
        :NEW.row_version := 0;
    ELSE
        :NEW.row_version := NVL(:OLD.row_version, 0) + 1;
        :NEW.updated_at  := SYSTIMESTAMP;
    END IF;
    :NEW.email := LOWER(TRIM(:NEW.email));
END;
/

CREATE OR REPLACE TRIGGER salary_history_bi
    BEFORE INSERT ON salary_history
    FOR EACH ROW
BEGIN
    IF :NEW.salary_history_id IS NULL THEN
        :NEW.salary_history_id := salary_history_seq.NEXTVAL;
    END IF;
END;
/

CREATE OR REPLACE TRIGGER employee_documents_bi
    BEFORE INSERT ON employee_documents
    FOR EACH ROW
BEGIN
    IF :NEW.document_id IS NULL THEN
        :NEW.document_id := employee_documents_seq.NEXTVAL;
    END IF;
END;
/

CREATE OR REPLACE TRIGGER projects_bi
    BEFORE INSERT ON projects
    FOR EACH ROW
BEGIN
    IF :NEW.project_id IS NULL THEN
        :NEW.project_id := projects_seq.NEXTVAL;
    END IF;
    IF :NEW.project_code IS NULL THEN
        :NEW.project_code := 'PRJ-' || TO_CHAR(:NEW.project_id);
    END IF;
END;
/

CREATE OR REPLACE TRIGGER project_tasks_bi
    BEFORE INSERT ON project_tasks
    FOR EACH ROW
BEGIN
    IF :NEW.task_id IS NULL THEN
        :NEW.task_id := project_tasks_seq.NEXTVAL;
    END IF;
END;
/

CREATE OR REPLACE TRIGGER time_entries_bi
    BEFORE INSERT ON time_entries
    FOR EACH ROW
BEGIN
    IF :NEW.entry_id IS NULL THEN
        :NEW.entry_id := time_entries_seq.NEXTVAL;
    END IF;
    :NEW.work_date := TRUNC(:NEW.work_date);
END;
/

CREATE OR REPLACE TRIGGER leave_requests_bi
    BEFORE INSERT ON leave_requests
    FOR EACH ROW
BEGIN
    IF :NEW.request_id IS NULL THEN
        :NEW.request_id := leave_requests_seq.NEXTVAL;
    END IF;
END;
/

CREATE OR REPLACE TRIGGER payroll_runs_bi
    BEFORE INSERT ON payroll_runs
    FOR EACH ROW
BEGIN
    IF :NEW.run_id IS NULL THEN
        :NEW.run_id := payroll_runs_seq.NEXTVAL;
    END IF;
END;
/

CREATE OR REPLACE TRIGGER payslips_bi
    BEFORE INSERT ON payslips
    FOR EACH ROW
BEGIN
    IF :NEW.payslip_id IS NULL THEN
        :NEW.payslip_id := payslips_seq.NEXTVAL;
    END IF;
END;
/

CREATE OR REPLACE TRIGGER payslip_lines_bi
    BEFORE INSERT ON payslip_lines
    FOR EACH ROW
BEGIN
    IF :NEW.line_id IS NULL THEN
        :NEW.line_id := payslip_lines_seq.NEXTVAL;
    END IF;
END;
/

PROMPT Salary history trigger
CREATE OR REPLACE TRIGGER employees_salary_au
    AFTER UPDATE OF salary ON employees
    REFERENCING OLD AS prev NEW AS curr
    FOR EACH ROW
    WHEN (curr.salary <> prev.salary OR (prev.salary IS NULL AND curr.salary IS NOT NULL))
BEGIN
    INSERT INTO salary_history (employee_id, changed_on, old_salary, new_salary, pct_change)
    VALUES (:curr.employee_id,
            SYSDATE,
            :prev.salary,
            :curr.salary,
            CASE
                WHEN :prev.salary > 0
                THEN ROUND((:curr.salary - :prev.salary) / :prev.salary * 100, 3)
            END);
END employees_salary_au;
/

PROMPT Audit trigger on EMPLOYEES
CREATE OR REPLACE TRIGGER employees_audit_aiud
    AFTER INSERT OR UPDATE OR DELETE ON employees
    FOR EACH ROW
DECLARE
    v_operation  audit_log.operation%TYPE;
    v_old        CLOB;
    v_new        CLOB;
BEGIN
    -- Updates that only touch housekeeping columns are not audited
    IF UPDATING
       AND NOT (   UPDATING('SALARY') OR UPDATING('JOB_ID') OR UPDATING('DEPARTMENT_ID')
                OR UPDATING('MANAGER_ID') OR UPDATING('STATUS') OR UPDATING('TERMINATION_DATE'))
    THEN
        RETURN;
    END IF;

    IF INSERTING THEN
        v_operation := 'I';
    ELSIF UPDATING THEN
        v_operation := 'U';
    ELSIF DELETING THEN
        v_operation := 'D';
    END IF;

    IF UPDATING OR DELETING THEN
        v_old := 'job_id=' || :OLD.job_id
              || ';department_id=' || TO_CHAR(:OLD.department_id)
              || ';manager_id=' || TO_CHAR(:OLD.manager_id)
              || ';salary=' || TO_CHAR(:OLD.salary, 'FM9999999990.00')
              || ';status=' || :OLD.status
              || ';termination_date=' || TO_CHAR(:OLD.termination_date, 'YYYY-MM-DD');
    END IF;

    IF INSERTING OR UPDATING THEN
        v_new := 'job_id=' || :NEW.job_id
              || ';department_id=' || TO_CHAR(:NEW.department_id)
              || ';manager_id=' || TO_CHAR(:NEW.manager_id)
              || ';salary=' || TO_CHAR(:NEW.salary, 'FM9999999990.00')
              || ';status=' || :NEW.status
              || ';termination_date=' || TO_CHAR(:NEW.termination_date, 'YYYY-MM-DD');
    END IF;

    INSERT INTO audit_log (audit_id, table_name, operation, pk_value, old_values, new_values)
    VALUES (audit_log_seq.NEXTVAL, 'EMPLOYEES', v_operation,
            TO_CHAR(NVL(:NEW.employee_id, :OLD.employee_id)), v_old, v_new);
END employees_audit_aiud;
/

PROMPT Compound trigger keeping PROJECT_TASKS.ACTUAL_HOURS in step with TIME_ENTRIES
CREATE OR REPLACE TRIGGER time_entries_task_hours_ct
    FOR INSERT OR UPDATE OF hours, task_id OR DELETE ON time_entries
    COMPOUND TRIGGER

    TYPE t_task_set IS TABLE OF BOOLEAN INDEX BY PLS_INTEGER;
    g_tasks   t_task_set;
    g_task_id PLS_INTEGER;

    AFTER EACH ROW IS
    BEGIN
        IF :NEW.task_id IS NOT NULL THEN
            g_tasks(:NEW.task_id) := TRUE;
        END IF;
        IF :OLD.task_id IS NOT NULL THEN
            g_tasks(:OLD.task_id) := TRUE;
        END IF;
    END AFTER EACH ROW;

    AFTER STATEMENT IS
    BEGIN
        g_task_id := g_tasks.FIRST;
        WHILE g_task_id IS NOT NULL LOOP
            UPDATE project_tasks pt
               SET pt.actual_hours = (SELECT NVL(SUM(te.hours), 0)
                                        FROM time_entries te
                                       WHERE te.task_id = pt.task_id)
             WHERE pt.task_id = g_task_id;
            g_task_id := g_tasks.NEXT(g_task_id);
        END LOOP;
        g_tasks.DELETE;
    END AFTER STATEMENT;
END time_entries_task_hours_ct;
/
