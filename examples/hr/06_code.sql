--------------------------------------------------------------------------------
-- 06_code.sql
-- HR_APP schema: standalone procedures and functions.
--------------------------------------------------------------------------------

PROMPT Procedure LOG_MESSAGE
CREATE OR REPLACE PROCEDURE log_message (
    p_source    IN VARCHAR2,
    p_message   IN VARCHAR2,
    p_severity  IN VARCHAR2 DEFAULT 'INFO'
)
AS
    -- Log entries must survive a rollback of the calling transaction
    PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
    INSERT INTO app_log (log_id, logged_at, severity, source_name, message_text)
    VALUES (app_log_seq.NEXTVAL, SYSTIMESTAMP, UPPER(p_severity),
            SUBSTR(p_source, 1, 100), SUBSTR(p_message, 1, 4000));
    COMMIT;
EXCEPTION
    WHEN OTHERS THEN
        ROLLBACK;   -- logging must never break the caller
END log_message;
/
SHOW ERRORS

PROMPT Function GET_EMPLOYEE_NAME
CREATE OR REPLACE FUNCTION get_employee_name (
    p_employee_id  IN employees.employee_id%TYPE,
    p_format       IN VARCHAR2 DEFAULT 'FL'
) RETURN VARCHAR2
IS
    v_first  employees.first_name%TYPE;
    v_last   employees.last_name%TYPE;
BEGIN
    SELECT first_name, last_name
      INTO v_first, v_last
      FROM employees
     WHERE employee_id = p_employee_id;

    RETURN CASE p_format
               WHEN 'LF' THEN v_last || ', ' || v_first
               WHEN 'L'  THEN v_last
               ELSE v_first || ' ' || v_last
           END;
EXCEPTION
    WHEN NO_DATA_FOUND THEN
        RETURN NULL;
END get_employee_name;
/
SHOW ERRORS

PROMPT Procedure RAISE_SALARY
CREATE OR REPLACE PROCEDURE raise_salary (
    p_employee_id  IN  employees.employee_id%TYPE,
    p_percent      IN  NUMBER,
    p_new_salary   OUT employees.salary%TYPE
)
AS
    v_emp          employees%ROWTYPE;
    v_max_salary   job_grades.max_salary%TYPE;
    e_above_grade  EXCEPTION;
BEGIN
    IF p_percent IS NULL OR p_percent <= 0 OR p_percent > 50 THEN
        RAISE_APPLICATION_ERROR(-20001,
            'Raise percentage must be greater than 0 and at most 50, got ' || p_percent);
    END IF;

    SELECT *
      INTO v_emp
      FROM employees
     WHERE employee_id = p_employee_id
       FOR UPDATE OF salary NOWAIT;

    IF v_emp.status <> 'A' THEN
        RAISE_APPLICATION_ERROR(-20002, 'Employee ' || p_employee_id || ' is not active');
    END IF;

    SELECT g.max_salary
      INTO v_max_salary
      FROM jobs j, job_grades g
     WHERE j.job_id = v_emp.job_id
       AND g.grade_code = j.grade_code;

    p_new_salary := ROUND(v_emp.salary * (1 + p_percent / 100), 2);

    IF p_new_salary > v_max_salary THEN
        RAISE e_above_grade;
    END IF;

    UPDATE employees
       SET salary = p_new_salary
     WHERE employee_id = p_employee_id;

    log_message('RAISE_SALARY',
                'Employee ' || p_employee_id || ': ' || v_emp.salary || ' -> ' || p_new_salary);
EXCEPTION
    WHEN NO_DATA_FOUND THEN
        RAISE_APPLICATION_ERROR(-20003, 'Employee ' || p_employee_id || ' or its job grade not found');
    WHEN e_above_grade THEN
        RAISE_APPLICATION_ERROR(-20004,
            'New salary ' || TO_CHAR(p_new_salary, 'FM999G999G990D00')
            || ' exceeds the grade maximum of ' || TO_CHAR(v_max_salary, 'FM999G999G990D00'));
END raise_salary;
/
SHOW ERRORS

PROMPT Procedure TRANSFER_EMPLOYEE
CREATE OR REPLACE PROCEDURE transfer_employee (
    p_employee_id     IN employees.employee_id%TYPE,
    p_department_id   IN departments.department_id%TYPE,
    p_job_id          IN jobs.job_id%TYPE DEFAULT NULL,
    p_effective_date  IN DATE DEFAULT TRUNC(SYSDATE),
    p_reason          IN VARCHAR2 DEFAULT 'Transfer'
)
IS
    v_emp           employees%ROWTYPE;
    v_period_start  job_history.start_date%TYPE;
    v_dept_active   departments.active_flag%TYPE;
BEGIN
    SELECT * INTO v_emp FROM employees WHERE employee_id = p_employee_id FOR UPDATE;

    BEGIN
        SELECT active_flag
          INTO v_dept_active
          FROM departments
         WHERE department_id = p_department_id;
    EXCEPTION
        WHEN NO_DATA_FOUND THEN
            RAISE_APPLICATION_ERROR(-20031, 'Department ' || p_department_id || ' does not exist');
    END;

    IF v_dept_active = 'N' THEN
        RAISE_APPLICATION_ERROR(-20032, 'Department ' || p_department_id || ' is inactive');
    END IF;

    IF v_emp.department_id = p_department_id AND NVL(p_job_id, v_emp.job_id) = v_emp.job_id THEN
        RETURN;   -- nothing changes
    END IF;

    -- The closed history period starts the day after the previous one ended
    SELECT NVL(MAX(end_date) + 1, v_emp.hire_date)
      INTO v_period_start
      FROM job_history
     WHERE employee_id = p_employee_id;

    IF TRUNC(p_effective_date) <= v_period_start THEN
        RAISE_APPLICATION_ERROR(-20033,
            'Effective date must be after ' || TO_CHAR(v_period_start, 'DD-MON-YYYY'));
    END IF;

    INSERT INTO job_history (employee_id, start_date, end_date, job_id,
                             department_id, salary, change_reason)
    VALUES (p_employee_id, v_period_start, TRUNC(p_effective_date) - 1, v_emp.job_id,
            v_emp.department_id, v_emp.salary, p_reason);

    UPDATE employees
       SET department_id = p_department_id,
           job_id        = NVL(p_job_id, job_id)
     WHERE employee_id = p_employee_id;

    log_message('TRANSFER_EMPLOYEE',
                'Employee ' || p_employee_id || ' moved to department ' || p_department_id
                || ' effective ' || TO_CHAR(p_effective_date, 'YYYY-MM-DD'));
EXCEPTION
    WHEN NO_DATA_FOUND THEN
        RAISE_APPLICATION_ERROR(-20030, 'Employee ' || p_employee_id || ' does not exist');
END transfer_employee;
/
SHOW ERRORS

PROMPT Procedure CLOSE_PAY_PERIOD
CREATE OR REPLACE PROCEDURE close_pay_period (
    p_pay_period_id  IN  pay_periods.pay_period_id%TYPE,
    p_runs_closed    OUT PLS_INTEGER,
    p_total_net      OUT NUMBER
)
IS
    CURSOR c_runs (cp_period_id pay_periods.pay_period_id%TYPE) IS
        SELECT run_id, status
          FROM payroll_runs
         WHERE pay_period_id = cp_period_id
           AND status <> 'CLOSED'
           FOR UPDATE OF status;

    v_run     c_runs%ROWTYPE;
    v_period  pay_periods%ROWTYPE;
BEGIN
    p_runs_closed := 0;
    p_total_net   := 0;

    SELECT * INTO v_period FROM pay_periods WHERE pay_period_id = p_pay_period_id;

    IF v_period.status = 'PAID' THEN
        RAISE_APPLICATION_ERROR(-20020, 'Pay period ' || p_pay_period_id || ' is already closed');
    END IF;

    OPEN c_runs(p_pay_period_id);
    LOOP
        FETCH c_runs INTO v_run;
        EXIT WHEN c_runs%NOTFOUND;

        IF v_run.status IN ('PENDING', 'RUNNING') THEN
            CLOSE c_runs;
            RAISE_APPLICATION_ERROR(-20021,
                'Payroll run ' || v_run.run_id || ' has not finished (' || v_run.status || ')');
        END IF;

        UPDATE payroll_runs
           SET status = 'CLOSED'
         WHERE CURRENT OF c_runs;

        p_runs_closed := p_runs_closed + 1;
    END LOOP;
    CLOSE c_runs;

    FOR r IN (SELECT SUM(ps.net_amount) AS total_net
                FROM payslips ps, payroll_runs pr
               WHERE pr.run_id = ps.run_id
                 AND pr.pay_period_id = p_pay_period_id
                 AND pr.run_type <> 'CORRECTION')
    LOOP
        p_total_net := NVL(r.total_net, 0);
    END LOOP;

    UPDATE pay_periods
       SET status    = 'PAID',
           closed_at = SYSDATE
     WHERE pay_period_id = p_pay_period_id;

    log_message('CLOSE_PAY_PERIOD',
                'Period ' || v_period.period_year || '/' || v_period.period_number
                || ' closed, ' || p_runs_closed || ' run(s), net total ' || p_total_net);
EXCEPTION
    WHEN NO_DATA_FOUND THEN
        RAISE_APPLICATION_ERROR(-20022, 'Unknown pay period ' || p_pay_period_id);
END close_pay_period;
/
SHOW ERRORS

PROMPT Collection type EMPLOYEE_ID_LIST
CREATE OR REPLACE TYPE employee_id_list AS TABLE OF NUMBER(8);
/
