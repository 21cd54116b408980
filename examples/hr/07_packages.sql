--------------------------------------------------------------------------------
-- 07_packages.sql
-- HR_APP schema: PAYROLL_PKG and HR_MGMT_PKG.
--------------------------------------------------------------------------------

PROMPT Package PAYROLL_PKG
CREATE OR REPLACE PACKAGE payroll_pkg
    AUTHID DEFINER
AS
    c_default_currency   CONSTANT CHAR(3)     := 'USD';
    c_std_monthly_hours  CONSTANT NUMBER(6,2) := 173.33;
    c_overtime_factor    CONSTANT NUMBER(3,2) := 1.5;

    -- Set to TRUE from SQL*Plus to trace calculations through DBMS_OUTPUT
    g_debug              BOOLEAN := FALSE;

    e_period_not_open    EXCEPTION;
    PRAGMA EXCEPTION_INIT(e_period_not_open, -20101);

    TYPE t_payslip_totals IS RECORD (
        gross_amount      payslips.gross_amount%TYPE      := 0,
        deduction_amount  payslips.deduction_amount%TYPE  := 0,
        taxable_amount    NUMBER(12,2)                    := 0,
        tax_amount        payslips.tax_amount%TYPE        := 0,
        net_amount        payslips.net_amount%TYPE        := 0,
        line_count        PLS_INTEGER                     := 0
    );

    TYPE t_payslip_id_tab IS TABLE OF payslips.payslip_id%TYPE INDEX BY PLS_INTEGER;

    -- Employees to be paid for a period (the query lives in the body)
    CURSOR c_payable_employees (cp_period_start DATE, cp_period_end DATE)
        RETURN employees%ROWTYPE;

    FUNCTION  get_tax_rate RETURN NUMBER;
    PROCEDURE set_tax_rate (p_rate IN NUMBER);

    FUNCTION calculate_payslip (
        p_employee_id    IN employees.employee_id%TYPE,
        p_pay_period_id  IN pay_periods.pay_period_id%TYPE
    ) RETURN t_payslip_totals;

    PROCEDURE create_payslip (
        p_run_id         IN  payroll_runs.run_id%TYPE,
        p_employee_id    IN  employees.employee_id%TYPE,
        p_pay_period_id  IN  pay_periods.pay_period_id%TYPE,
        p_pay_date       IN  DATE,
        p_payslip_id     OUT payslips.payslip_id%TYPE
    );

    PROCEDURE run_payroll (
        p_pay_period_id  IN  pay_periods.pay_period_id%TYPE,
        p_run_type       IN  payroll_runs.run_type%TYPE DEFAULT 'REGULAR',
        p_run_id         OUT payroll_runs.run_id%TYPE
    );

    PROCEDURE cancel_run (
        p_run_id         IN  payroll_runs.run_id%TYPE,
        p_deleted        OUT PLS_INTEGER
    );
END payroll_pkg;
/
SHOW ERRORS PACKAGE payroll_pkg

CREATE OR REPLACE PACKAGE BODY payroll_pkg
AS
    -- Loaded from APP_PARAMETERS by the initialization section
    g_tax_rate       NUMBER(5,4);
    g_pension_rate   NUMBER(5,4);
    g_loaded_at      TIMESTAMP;

    CURSOR c_payable_employees (cp_period_start DATE, cp_period_end DATE)
        RETURN employees%ROWTYPE
    IS
        SELECT *
          FROM employees e
         WHERE e.hire_date <= cp_period_end
           AND (e.termination_date IS NULL OR e.termination_date >= cp_period_start)
           AND e.salary IS NOT NULL
         ORDER BY e.employee_id;

    PROCEDURE debug_msg (p_text IN VARCHAR2)
    IS
    BEGIN
        IF g_debug THEN
            DBMS_OUTPUT.PUT_LINE(TO_CHAR(SYSTIMESTAMP, 'HH24:MI:SS.FF3') || ' payroll_pkg: ' || p_text);
        END IF;
    END debug_msg;

    FUNCTION read_rate (p_name IN VARCHAR2, p_default IN NUMBER) RETURN NUMBER
    IS
        v_value  app_parameters.param_value%TYPE;
    BEGIN
        SELECT param_value INTO v_value FROM app_parameters WHERE param_name = p_name;
        RETURN TO_NUMBER(v_value, '9990D9999', 'NLS_NUMERIC_CHARACTERS=''.,''');
    EXCEPTION
        WHEN NO_DATA_FOUND OR VALUE_ERROR THEN
            RETURN p_default;
    END read_rate;

    FUNCTION get_tax_rate RETURN NUMBER
    IS
    BEGIN
        RETURN g_tax_rate;
    END get_tax_rate;

    PROCEDURE set_tax_rate (p_rate IN NUMBER)
    IS
    BEGIN
        IF p_rate IS NULL OR p_rate NOT BETWEEN 0 AND 0.6 THEN
            RAISE_APPLICATION_ERROR(-20100, 'Tax rate out of range: ' || p_rate);
        END IF;
        g_tax_rate := p_rate;
        debug_msg('tax rate set to ' || p_rate);
    END set_tax_rate;

    FUNCTION calculate_payslip (
        p_employee_id    IN employees.employee_id%TYPE,
        p_pay_period_id  IN pay_periods.pay_period_id%TYPE
    ) RETURN t_payslip_totals
    IS
        v_totals    t_payslip_totals;
        v_period    pay_periods%ROWTYPE;
        v_salary    employees.salary%TYPE;
        v_fte       employees.fte%TYPE;
        v_base      NUMBER(12,2);
        v_hours     NUMBER;
        v_overtime  NUMBER;
        v_unpaid    NUMBER;
    BEGIN
        SELECT * INTO v_period FROM pay_periods WHERE pay_period_id = p_pay_period_id;

        SELECT NVL(salary, 0), fte
          INTO v_salary, v_fte
          FROM employees
         WHERE employee_id = p_employee_id;

        DELETE FROM payroll_calc_gtt WHERE employee_id = p_employee_id;

        v_base := ROUND(v_salary * v_fte, 2);
        INSERT INTO payroll_calc_gtt (employee_id, element_code, quantity, amount)
        VALUES (p_employee_id, 'BASIC', 1, v_base);

        -- Overtime: approved hours above the contractual monthly hours
        SELECT NVL(SUM(t.hours), 0)
          INTO v_hours
          FROM time_entries t
         WHERE t.employee_id = p_employee_id
           AND t.work_date BETWEEN v_period.period_start AND v_period.period_end
           AND t.approved_at IS NOT NULL;

        v_overtime := GREATEST(v_hours - c_std_monthly_hours * v_fte, 0);
        IF v_overtime > 0 THEN
            INSERT INTO payroll_calc_gtt (employee_id, element_code, quantity, amount, calc_note)
            VALUES (p_employee_id, 'OVERTIME', v_overtime,
                    ROUND(v_overtime * v_salary / c_std_monthly_hours * c_overtime_factor, 2),
                    v_hours || ' h approved');
        END IF;

        -- Unpaid leave starting inside the period
        SELECT NVL(SUM(lr.days_requested), 0)
          INTO v_unpaid
          FROM leave_requests lr
         WHERE lr.employee_id = p_employee_id
           AND lr.leave_type = 'UNPAID'
           AND lr.status = 'APPROVED'
           AND lr.start_date BETWEEN v_period.period_start AND v_period.period_end;

        IF v_unpaid > 0 THEN
            INSERT INTO payroll_calc_gtt (employee_id, element_code, quantity, amount)
            VALUES (p_employee_id, 'UNPAID', v_unpaid, ROUND(v_base / 21.67 * v_unpaid, 2));
        END IF;

        INSERT INTO payroll_calc_gtt (employee_id, element_code, quantity, amount)
        VALUES (p_employee_id, 'PENSION', 1, ROUND(v_base * g_pension_rate, 2));

        -- Deductions flagged non-taxable (pension) are taken before tax
        SELECT NVL(SUM(DECODE(pe.element_type, 'E', g.amount)), 0),
               NVL(SUM(DECODE(pe.element_type, 'D', g.amount)), 0),
               NVL(SUM(CASE
                           WHEN pe.element_type = 'E' AND pe.taxable = 'Y' THEN g.amount
                           WHEN pe.element_type = 'D' AND pe.taxable = 'N' THEN -g.amount
                       END), 0),
               COUNT(*)
          INTO v_totals.gross_amount,
               v_totals.deduction_amount,
               v_totals.taxable_amount,
               v_totals.line_count
          FROM payroll_calc_gtt g
          JOIN pay_elements pe ON pe.element_code = g.element_code
         WHERE g.employee_id = p_employee_id;

        v_totals.tax_amount := ROUND(GREATEST(v_totals.taxable_amount, 0) * g_tax_rate, 2);
        v_totals.net_amount := v_totals.gross_amount - v_totals.deduction_amount - v_totals.tax_amount;

        debug_msg('employee ' || p_employee_id || ' gross=' || v_totals.gross_amount
                  || ' net=' || v_totals.net_amount);
        RETURN v_totals;
    END calculate_payslip;

    PROCEDURE create_payslip (
        p_run_id         IN  payroll_runs.run_id%TYPE,
        p_employee_id    IN  employees.employee_id%TYPE,
        p_pay_period_id  IN  pay_periods.pay_period_id%TYPE,
        p_pay_date       IN  DATE,
        p_payslip_id     OUT payslips.payslip_id%TYPE
    )
    IS
        v_totals  t_payslip_totals;
    BEGIN
        v_totals := calculate_payslip(p_employee_id, p_pay_period_id);

        INSERT INTO payslips (payslip_id, run_id, employee_id, pay_date, gross_amount,
                              deduction_amount, tax_amount, net_amount, currency_code)
        VALUES (payslips_seq.NEXTVAL, p_run_id, p_employee_id, p_pay_date, v_totals.gross_amount,
                v_totals.deduction_amount, v_totals.tax_amount, v_totals.net_amount,
                c_default_currency)
        RETURNING payslip_id INTO p_payslip_id;

        INSERT INTO payslip_lines (line_id, payslip_id, line_no, element_code, quantity, rate, amount)
        SELECT payslip_lines_seq.NEXTVAL, p_payslip_id, ROWNUM, g.element_code, g.quantity,
               CASE WHEN g.quantity <> 0 THEN ROUND(g.amount / g.quantity, 4) END,
               g.amount
          FROM payroll_calc_gtt g
         WHERE g.employee_id = p_employee_id;

        INSERT INTO payslip_lines (payslip_id, line_no, element_code, quantity, rate, amount)
        VALUES (p_payslip_id, v_totals.line_count + 1, 'INCOME_TAX', NULL, g_tax_rate,
                v_totals.tax_amount);
    END create_payslip;

    PROCEDURE run_payroll (
        p_pay_period_id  IN  pay_periods.pay_period_id%TYPE,
        p_run_type       IN  payroll_runs.run_type%TYPE DEFAULT 'REGULAR',
        p_run_id         OUT payroll_runs.run_id%TYPE
    )
    IS
        v_period      pay_periods%ROWTYPE;
        v_started     TIMESTAMP WITH TIME ZONE := SYSTIMESTAMP;
        v_payslip_id  payslips.payslip_id%TYPE;
        v_count       PLS_INTEGER := 0;
        v_errors      PLS_INTEGER := 0;
        v_log         CLOB;
        v_line        VARCHAR2(4000);
    BEGIN
        SELECT * INTO v_period
          FROM pay_periods
         WHERE pay_period_id = p_pay_period_id
           FOR UPDATE;

        IF v_period.status <> 'OPEN' THEN
            RAISE_APPLICATION_ERROR(-20101,
                'Pay period ' || p_pay_period_id || ' is ' || v_period.status);
        END IF;

        INSERT INTO payroll_runs (pay_period_id, run_type, status, started_at)
        VALUES (p_pay_period_id, p_run_type, 'RUNNING', v_started)
        RETURNING run_id INTO p_run_id;

        DBMS_LOB.CREATETEMPORARY(v_log, TRUE);

        FOR emp IN c_payable_employees(v_period.period_start, v_period.period_end) LOOP
            BEGIN
                SAVEPOINT before_employee;
                create_payslip(p_run_id, emp.employee_id, p_pay_period_id,
                               v_period.pay_date, v_payslip_id);
                v_count := v_count + 1;
            EXCEPTION
                WHEN OTHERS THEN
                    ROLLBACK TO SAVEPOINT before_employee;
                    v_errors := v_errors + 1;
                    v_line := 'Employee ' || emp.employee_id || ': ' || SQLERRM || CHR(10);
                    DBMS_LOB.WRITEAPPEND(v_log, LENGTH(v_line), v_line);
            END;
        END LOOP;

        UPDATE payroll_runs
           SET status         = CASE WHEN v_errors = 0 THEN 'COMPLETED' ELSE 'FAILED' END,
               finished_at    = SYSTIMESTAMP,
               elapsed        = SYSTIMESTAMP - v_started,
               employee_count = v_count,
               run_log        = v_log
         WHERE run_id = p_run_id;

        IF v_errors = 0 THEN
            UPDATE pay_periods SET status = 'LOCKED' WHERE pay_period_id = p_pay_period_id;
        END IF;

        DBMS_LOB.FREETEMPORARY(v_log);

        log_message('PAYROLL_PKG.RUN_PAYROLL',
                    'Run ' || p_run_id || ': ' || v_count || ' payslips, ' || v_errors || ' errors',
                    CASE WHEN v_errors > 0 THEN 'WARN' ELSE 'INFO' END);
    EXCEPTION
        WHEN NO_DATA_FOUND THEN
            RAISE_APPLICATION_ERROR(-20102, 'Unknown pay period ' || p_pay_period_id);
    END run_payroll;

    PROCEDURE cancel_run (
        p_run_id   IN  payroll_runs.run_id%TYPE,
        p_deleted  OUT PLS_INTEGER
    )
    IS
        v_ids     t_payslip_id_tab;
        v_status  payroll_runs.status%TYPE;
    BEGIN
        SELECT status INTO v_status FROM payroll_runs WHERE run_id = p_run_id FOR UPDATE;

        IF v_status IN ('CLOSED', 'CANCELLED') THEN
            RAISE_APPLICATION_ERROR(-20103, 'Run ' || p_run_id || ' is ' || LOWER(v_status));
        END IF;

        SELECT payslip_id BULK COLLECT INTO v_ids FROM payslips WHERE run_id = p_run_id;

        -- payslip lines go with ON DELETE CASCADE
        FORALL i IN 1 .. v_ids.COUNT
            DELETE FROM payslips WHERE payslip_id = v_ids(i);

        p_deleted := v_ids.COUNT;

        UPDATE payroll_runs
           SET status = 'CANCELLED', finished_at = NVL(finished_at, SYSTIMESTAMP)
         WHERE run_id = p_run_id;

        UPDATE pay_periods
           SET status = 'OPEN'
         WHERE pay_period_id = (SELECT pay_period_id FROM payroll_runs WHERE run_id = p_run_id)
           AND status = 'LOCKED';
    END cancel_run;

BEGIN
    -- Package initialization: runs once per session on first use
    g_tax_rate     := read_rate('PAYROLL.TAX_RATE', 0.22);
    g_pension_rate := read_rate('PAYROLL.PENSION_RATE', 0.05);
    g_loaded_at    := SYSTIMESTAMP;
END payroll_pkg;
/
SHOW ERRORS PACKAGE BODY payroll_pkg

PROMPT Package HR_MGMT_PKG
CREATE OR REPLACE PACKAGE hr_mgmt_pkg
AS
    c_max_annual_leave  CONSTANT PLS_INTEGER := 30;

    -- Last employee hired in this session (used by the onboarding screens)
    g_last_hired_id     employees.employee_id%TYPE;

    e_invalid_manager   EXCEPTION;
    PRAGMA EXCEPTION_INIT(e_invalid_manager, -20201);

    TYPE t_employee_summary IS RECORD (
        employee_id    employees.employee_id%TYPE,
        full_name      VARCHAR2(101 CHAR),
        department     departments.department_name%TYPE,
        years_service  NUMBER(4,1),
        leave_balance  NUMBER(5,1)
    );

    FUNCTION hire_employee (
        p_first_name     IN employees.first_name%TYPE,
        p_last_name      IN employees.last_name%TYPE,
        p_email          IN employees.email%TYPE,
        p_job_id         IN employees.job_id%TYPE,
        p_department_id  IN employees.department_id%TYPE,
        p_manager_id     IN employees.manager_id%TYPE DEFAULT NULL,
        p_salary         IN employees.salary%TYPE DEFAULT NULL,
        p_hire_date      IN DATE DEFAULT TRUNC(SYSDATE)
    ) RETURN employees.employee_id%TYPE;

    PROCEDURE terminate_employee (
        p_employee_id       IN employees.employee_id%TYPE,
        p_termination_date  IN DATE DEFAULT TRUNC(SYSDATE),
        p_reason            IN VARCHAR2 DEFAULT NULL
    );

    FUNCTION years_of_service (
        p_employee_id  IN employees.employee_id%TYPE,
        p_as_of        IN DATE DEFAULT SYSDATE
    ) RETURN NUMBER;

    FUNCTION leave_balance (
        p_employee_id  IN employees.employee_id%TYPE,
        p_year         IN PLS_INTEGER DEFAULT EXTRACT(YEAR FROM SYSDATE)
    ) RETURN NUMBER;

    FUNCTION get_summary (p_employee_id IN employees.employee_id%TYPE)
        RETURN t_employee_summary;

    -- Overloaded: by end date, or by number of working days
    PROCEDURE request_leave (
        p_employee_id  IN  leave_requests.employee_id%TYPE,
        p_leave_type   IN  leave_requests.leave_type%TYPE,
        p_start_date   IN  DATE,
        p_end_date     IN  DATE,
        p_request_id   OUT leave_requests.request_id%TYPE,
        p_reason       IN  VARCHAR2 DEFAULT NULL
    );

    PROCEDURE request_leave (
        p_employee_id  IN  leave_requests.employee_id%TYPE,
        p_leave_type   IN  leave_requests.leave_type%TYPE,
        p_start_date   IN  DATE,
        p_days         IN  NUMBER,
        p_request_id   OUT leave_requests.request_id%TYPE,
        p_reason       IN  VARCHAR2 DEFAULT NULL
    );

    PROCEDURE assign_to_project (
        p_project_id      IN projects.project_id%TYPE,
        p_employee_id     IN employees.employee_id%TYPE,
        p_role_code       IN project_assignments.role_code%TYPE DEFAULT 'MEMBER',
        p_allocation_pct  IN project_assignments.allocation_pct%TYPE DEFAULT 100
    );

    PROCEDURE approve_timesheets (
        p_manager_id  IN  employees.employee_id%TYPE,
        p_week_start  IN  DATE,
        p_approved    OUT PLS_INTEGER
    );

    FUNCTION get_team (
        p_manager_id  IN employees.employee_id%TYPE,
        p_recursive   IN VARCHAR2 DEFAULT 'N'
    ) RETURN employee_id_list;
END hr_mgmt_pkg;
/
SHOW ERRORS PACKAGE hr_mgmt_pkg

CREATE OR REPLACE PACKAGE BODY hr_mgmt_pkg
AS
    g_annual_leave_base  PLS_INTEGER;
    g_session_started    DATE := SYSDATE;

    CURSOR c_direct_reports (cp_manager_id employees.employee_id%TYPE) IS
        SELECT e.employee_id, e.first_name, e.last_name
          FROM employees e
         WHERE e.manager_id = cp_manager_id
           AND e.status <> 'T'
           FOR UPDATE OF e.manager_id;

    FUNCTION get_param (p_name IN VARCHAR2, p_default IN VARCHAR2) RETURN VARCHAR2
    IS
        v_value  app_parameters.param_value%TYPE;
    BEGIN
        SELECT param_value INTO v_value FROM app_parameters WHERE param_name = p_name;
        RETURN NVL(v_value, p_default);
    EXCEPTION
        WHEN NO_DATA_FOUND THEN
            RETURN p_default;
    END get_param;

    PROCEDURE validate_manager (p_manager_id IN employees.employee_id%TYPE)
    IS
        v_status  employees.status%TYPE;
    BEGIN
        IF p_manager_id IS NULL THEN
            RETURN;
        END IF;

        SELECT status INTO v_status FROM employees WHERE employee_id = p_manager_id;

        IF v_status = 'T' THEN
            RAISE_APPLICATION_ERROR(-20201, 'Manager ' || p_manager_id || ' has left the company');
        END IF;
    EXCEPTION
        WHEN NO_DATA_FOUND THEN
            RAISE_APPLICATION_ERROR(-20201, 'Manager ' || p_manager_id || ' does not exist');
    END validate_manager;

    FUNCTION count_business_days (p_from IN DATE, p_to IN DATE) RETURN NUMBER
    IS
        v_day    DATE := TRUNC(p_from);
        v_count  NUMBER := 0;
    BEGIN
        WHILE v_day <= TRUNC(p_to) LOOP
            IF TO_CHAR(v_day, 'DY', 'NLS_DATE_LANGUAGE=AMERICAN') NOT IN ('SAT', 'SUN') THEN
                v_count := v_count + 1;
            END IF;
            v_day := v_day + 1;
        END LOOP;
        RETURN v_count;
    END count_business_days;

    FUNCTION hire_employee (
        p_first_name     IN employees.first_name%TYPE,
        p_last_name      IN employees.last_name%TYPE,
        p_email          IN employees.email%TYPE,
        p_job_id         IN employees.job_id%TYPE,
        p_department_id  IN employees.department_id%TYPE,
        p_manager_id     IN employees.manager_id%TYPE DEFAULT NULL,
        p_salary         IN employees.salary%TYPE DEFAULT NULL,
        p_hire_date      IN DATE DEFAULT TRUNC(SYSDATE)
    ) RETURN employees.employee_id%TYPE
    IS
        v_grade   job_grades%ROWTYPE;
        v_salary  employees.salary%TYPE := p_salary;
        v_id      employees.employee_id%TYPE;
    BEGIN
        validate_manager(p_manager_id);

        SELECT g.*
          INTO v_grade
          FROM job_grades g
          JOIN jobs j ON j.grade_code = g.grade_code
         WHERE j.job_id = p_job_id;

        IF v_salary IS NULL THEN
            v_salary := v_grade.min_salary;
        ELSIF v_salary NOT BETWEEN v_grade.min_salary AND v_grade.max_salary THEN
            RAISE_APPLICATION_ERROR(-20202,
                'Salary ' || v_salary || ' is outside grade ' || v_grade.grade_code || ' range');
        END IF;

        INSERT INTO employees (first_name, last_name, email, hire_date, job_id,
                               department_id, manager_id, salary, status)
        VALUES (p_first_name, p_last_name, p_email, TRUNC(p_hire_date), p_job_id,
                p_department_id, p_manager_id, v_salary, 'A')
        RETURNING employee_id INTO v_id;

        g_last_hired_id := v_id;
        log_message('HR_MGMT_PKG.HIRE_EMPLOYEE', 'Hired employee ' || v_id || ' as ' || p_job_id);
        RETURN v_id;
    EXCEPTION
        WHEN NO_DATA_FOUND THEN
            RAISE_APPLICATION_ERROR(-20203, 'Unknown job ' || p_job_id);
        WHEN DUP_VAL_ON_INDEX THEN
            RAISE_APPLICATION_ERROR(-20204, 'An employee with e-mail ' || p_email || ' already exists');
    END hire_employee;

    PROCEDURE terminate_employee (
        p_employee_id       IN employees.employee_id%TYPE,
        p_termination_date  IN DATE DEFAULT TRUNC(SYSDATE),
        p_reason            IN VARCHAR2 DEFAULT NULL
    )
    IS
        v_emp         employees%ROWTYPE;
        v_reassigned  PLS_INTEGER := 0;
    BEGIN
        SELECT * INTO v_emp FROM employees WHERE employee_id = p_employee_id FOR UPDATE;

        IF v_emp.status = 'T' THEN
            RAISE_APPLICATION_ERROR(-20205, 'Employee ' || p_employee_id || ' is already terminated');
        END IF;

        -- Direct reports move up to the leaver's own manager
        FOR r IN c_direct_reports(p_employee_id) LOOP
            UPDATE employees
               SET manager_id = v_emp.manager_id
             WHERE CURRENT OF c_direct_reports;
            v_reassigned := v_reassigned + 1;
        END LOOP;

        UPDATE employees
           SET status = 'T',
               termination_date = TRUNC(p_termination_date)
         WHERE employee_id = p_employee_id;

        DELETE FROM project_assignments
         WHERE employee_id = p_employee_id
           AND assigned_from > p_termination_date;

        UPDATE project_assignments
           SET assigned_to = TRUNC(p_termination_date)
         WHERE employee_id = p_employee_id
           AND (assigned_to IS NULL OR assigned_to > p_termination_date);

        UPDATE leave_requests
           SET status = 'CANCELLED',
               decided_at = SYSTIMESTAMP
         WHERE employee_id = p_employee_id
           AND status IN ('PENDING', 'APPROVED')
           AND start_date > p_termination_date;

        UPDATE departments
           SET manager_employee_id = v_emp.manager_id
         WHERE manager_employee_id = p_employee_id;

        log_message('HR_MGMT_PKG.TERMINATE_EMPLOYEE',
                    'Employee ' || p_employee_id || ' leaves on '
                    || TO_CHAR(p_termination_date, 'YYYY-MM-DD') || ', '
                    || v_reassigned || ' report(s) reassigned'
                    || CASE WHEN p_reason IS NOT NULL THEN ': ' || p_reason END);
    EXCEPTION
        WHEN NO_DATA_FOUND THEN
            RAISE_APPLICATION_ERROR(-20206, 'Employee ' || p_employee_id || ' not found');
    END terminate_employee;

    FUNCTION years_of_service (
        p_employee_id  IN employees.employee_id%TYPE,
        p_as_of        IN DATE DEFAULT SYSDATE
    ) RETURN NUMBER
    IS
        v_hire  employees.hire_date%TYPE;
        v_term  employees.termination_date%TYPE;
    BEGIN
        SELECT hire_date, termination_date
          INTO v_hire, v_term
          FROM employees
         WHERE employee_id = p_employee_id;

        RETURN GREATEST(TRUNC(MONTHS_BETWEEN(LEAST(NVL(v_term, p_as_of), p_as_of), v_hire) / 12, 1), 0);
    EXCEPTION
        WHEN NO_DATA_FOUND THEN
            RETURN NULL;
    END years_of_service;

    FUNCTION leave_balance (
        p_employee_id  IN employees.employee_id%TYPE,
        p_year         IN PLS_INTEGER DEFAULT EXTRACT(YEAR FROM SYSDATE)
    ) RETURN NUMBER
    IS
        v_year_start  DATE := TO_DATE(p_year || '-01-01', 'YYYY-MM-DD');
        v_entitled    NUMBER;
        v_used        NUMBER;
    BEGIN
        -- One extra day for every two full years of service, capped
        v_entitled := LEAST(g_annual_leave_base
                            + TRUNC(NVL(years_of_service(p_employee_id,
                                                         ADD_MONTHS(v_year_start, 12) - 1), 0) / 2),
                            c_max_annual_leave);

        SELECT NVL(SUM(days_requested), 0)
          INTO v_used
          FROM leave_requests
         WHERE employee_id = p_employee_id
           AND leave_type = 'ANNUAL'
           AND status IN ('PENDING', 'APPROVED')
           AND start_date >= v_year_start
           AND start_date <  ADD_MONTHS(v_year_start, 12);

        RETURN v_entitled - v_used;
    END leave_balance;

    FUNCTION get_summary (p_employee_id IN employees.employee_id%TYPE)
        RETURN t_employee_summary
    IS
        v_summary  t_employee_summary;
    BEGIN
        SELECT e.employee_id, e.first_name || ' ' || e.last_name, d.department_name
          INTO v_summary.employee_id, v_summary.full_name, v_summary.department
          FROM employees e, departments d
         WHERE d.department_id (+) = e.department_id
           AND e.employee_id = p_employee_id;

        v_summary.years_service := years_of_service(p_employee_id);
        v_summary.leave_balance := leave_balance(p_employee_id);
        RETURN v_summary;
    EXCEPTION
        WHEN NO_DATA_FOUND THEN
            RAISE_APPLICATION_ERROR(-20206, 'Employee ' || p_employee_id || ' not found');
    END get_summary;

    PROCEDURE request_leave (
        p_employee_id  IN  leave_requests.employee_id%TYPE,
        p_leave_type   IN  leave_requests.leave_type%TYPE,
        p_start_date   IN  DATE,
        p_end_date     IN  DATE,
        p_request_id   OUT leave_requests.request_id%TYPE,
        p_reason       IN  VARCHAR2 DEFAULT NULL
    )
    IS
        v_days      leave_requests.days_requested%TYPE;
        v_approver  employees.manager_id%TYPE;
    BEGIN
        IF p_end_date < p_start_date THEN
            RAISE_APPLICATION_ERROR(-20207, 'Leave cannot end before it starts');
        END IF;

        v_days := count_business_days(p_start_date, p_end_date);
        IF v_days = 0 THEN
            RAISE_APPLICATION_ERROR(-20208, 'The requested period contains no working days');
        END IF;

        IF p_leave_type = 'ANNUAL'
           AND v_days > leave_balance(p_employee_id, EXTRACT(YEAR FROM p_start_date))
        THEN
            RAISE_APPLICATION_ERROR(-20209, 'Insufficient annual leave balance');
        END IF;

        SELECT manager_id INTO v_approver FROM employees WHERE employee_id = p_employee_id;

        INSERT INTO leave_requests (employee_id, leave_type, start_date, end_date,
                                    days_requested, reason, approver_id)
        VALUES (p_employee_id, UPPER(p_leave_type), TRUNC(p_start_date), TRUNC(p_end_date),
                v_days, p_reason, v_approver)
        RETURNING request_id INTO p_request_id;
    END request_leave;

    PROCEDURE request_leave (
        p_employee_id  IN  leave_requests.employee_id%TYPE,
        p_leave_type   IN  leave_requests.leave_type%TYPE,
        p_start_date   IN  DATE,
        p_days         IN  NUMBER,
        p_request_id   OUT leave_requests.request_id%TYPE,
        p_reason       IN  VARCHAR2 DEFAULT NULL
    )
    IS
        v_end        DATE := TRUNC(p_start_date);
        v_remaining  NUMBER := CEIL(p_days);
    BEGIN
        IF p_days IS NULL OR p_days <= 0 THEN
            RAISE_APPLICATION_ERROR(-20208, 'Number of leave days must be positive');
        END IF;

        -- Walk forward over weekends until enough working days are covered
        LOOP
            IF TO_CHAR(v_end, 'DY', 'NLS_DATE_LANGUAGE=AMERICAN') NOT IN ('SAT', 'SUN') THEN
                v_remaining := v_remaining - 1;
            END IF;
            EXIT WHEN v_remaining <= 0;
            v_end := v_end + 1;
        END LOOP;

        request_leave(p_employee_id => p_employee_id,
                      p_leave_type  => p_leave_type,
                      p_start_date  => p_start_date,
                      p_end_date    => v_end,
                      p_request_id  => p_request_id,
                      p_reason      => p_reason);
    END request_leave;

    PROCEDURE assign_to_project (
        p_project_id      IN projects.project_id%TYPE,
        p_employee_id     IN employees.employee_id%TYPE,
        p_role_code       IN project_assignments.role_code%TYPE DEFAULT 'MEMBER',
        p_allocation_pct  IN project_assignments.allocation_pct%TYPE DEFAULT 100
    )
    IS
        v_other_pct  NUMBER;
    BEGIN
        SELECT NVL(SUM(allocation_pct), 0)
          INTO v_other_pct
          FROM project_assignments
         WHERE employee_id = p_employee_id
           AND project_id <> p_project_id
           AND (assigned_to IS NULL OR assigned_to >= TRUNC(SYSDATE));

        IF v_other_pct + p_allocation_pct > 100 THEN
            RAISE_APPLICATION_ERROR(-20210,
                'Employee ' || p_employee_id || ' is already allocated ' || v_other_pct || '%');
        END IF;

        MERGE INTO project_assignments pa
        USING (SELECT p_project_id AS project_id, p_employee_id AS employee_id FROM dual) src
           ON (pa.project_id = src.project_id AND pa.employee_id = src.employee_id)
         WHEN MATCHED THEN
              UPDATE SET pa.role_code      = p_role_code,
                         pa.allocation_pct = p_allocation_pct,
                         pa.assigned_to    = NULL
         WHEN NOT MATCHED THEN
              INSERT (project_id, employee_id, role_code, allocation_pct, assigned_from)
              VALUES (src.project_id, src.employee_id, p_role_code, p_allocation_pct, TRUNC(SYSDATE));
    END assign_to_project;

    PROCEDURE approve_timesheets (
        p_manager_id  IN  employees.employee_id%TYPE,
        p_week_start  IN  DATE,
        p_approved    OUT PLS_INTEGER
    )
    IS
    BEGIN
        UPDATE time_entries t
           SET t.approved_by = p_manager_id,
               t.approved_at = SYSTIMESTAMP
         WHERE t.approved_at IS NULL
           AND t.work_date >= TRUNC(p_week_start, 'IW')
           AND t.work_date <  TRUNC(p_week_start, 'IW') + 7
           AND EXISTS (SELECT 1
                         FROM employees e
                        WHERE e.employee_id = t.employee_id
                          AND e.manager_id = p_manager_id);
        p_approved := SQL%ROWCOUNT;
    END approve_timesheets;

    FUNCTION get_team (
        p_manager_id  IN employees.employee_id%TYPE,
        p_recursive   IN VARCHAR2 DEFAULT 'N'
    ) RETURN employee_id_list
    IS
        v_team  employee_id_list;
    BEGIN
        IF p_recursive = 'Y' THEN
            SELECT employee_id
              BULK COLLECT INTO v_team
              FROM employees
             WHERE status <> 'T'
             START WITH manager_id = p_manager_id
           CONNECT BY PRIOR employee_id = manager_id;
        ELSE
            SELECT employee_id
              BULK COLLECT INTO v_team
              FROM employees
             WHERE manager_id = p_manager_id
               AND status <> 'T';
        END IF;
        RETURN v_team;
    END get_team;

BEGIN
    g_annual_leave_base := TO_NUMBER(get_param('LEAVE.ANNUAL_BASE_DAYS', '20'));
END hr_mgmt_pkg;
/
SHOW ERRORS PACKAGE BODY hr_mgmt_pkg
