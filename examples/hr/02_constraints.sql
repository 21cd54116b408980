--------------------------------------------------------------------------------
-- 02_constraints.sql
-- HR_APP schema: foreign keys and constraints added after all tables exist.
--------------------------------------------------------------------------------

PROMPT Foreign keys between EMPLOYEES and DEPARTMENTS
ALTER TABLE employees ADD CONSTRAINT employees_dept_fk
    FOREIGN KEY (department_id) REFERENCES departments (department_id);

-- A department and its new manager are often inserted in the same
-- transaction, so this side of the cycle is only checked at COMMIT.
ALTER TABLE departments ADD CONSTRAINT departments_manager_fk
    FOREIGN KEY (manager_employee_id) REFERENCES employees (employee_id)
    DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE employees ADD CONSTRAINT employees_email_ck
    CHECK (REGEXP_LIKE(email, '^[^@ ]+@[^@ ]+\.[a-z]{2,}$', 'i'));

-- Only sales staff may earn commission.  Kept disabled until the 2019
-- contractor data has been cleaned up.
ALTER TABLE employees ADD CONSTRAINT employees_comm_sales_ck
    CHECK (commission_pct IS NULL OR job_id LIKE 'SA\_%' ESCAPE '\')
    DISABLE;

PROMPT Constraints on JOB_HISTORY
ALTER TABLE job_history ADD CONSTRAINT job_history_pk
    PRIMARY KEY (employee_id, start_date)
    USING INDEX TABLESPACE users PCTFREE 10;

ALTER TABLE job_history ADD (
    CONSTRAINT job_history_emp_fk FOREIGN KEY (employee_id)
        REFERENCES employees (employee_id) ON DELETE CASCADE,
    CONSTRAINT job_history_job_fk FOREIGN KEY (job_id)
        REFERENCES jobs (job_id),
    CONSTRAINT job_history_dept_fk FOREIGN KEY (department_id)
        REFERENCES departments (department_id) ON DELETE SET NULL
);

PROMPT Foreign keys on project and time tracking tables
ALTER TABLE project_assignments ADD CONSTRAINT project_assignments_emp_fk
    FOREIGN KEY (employee_id) REFERENCES employees (employee_id) ON DELETE CASCADE;

ALTER TABLE time_entries ADD CONSTRAINT time_entries_emp_fk
    FOREIGN KEY (employee_id) REFERENCES employees (employee_id);

ALTER TABLE time_entries ADD CONSTRAINT time_entries_project_fk
    FOREIGN KEY (project_id) REFERENCES projects (project_id);

ALTER TABLE time_entries ADD CONSTRAINT time_entries_task_fk
    FOREIGN KEY (task_id) REFERENCES project_tasks (task_id) ON DELETE SET NULL;

ALTER TABLE time_entries ADD CONSTRAINT time_entries_approver_fk
    FOREIGN KEY (approved_by) REFERENCES employees (employee_id);

ALTER TABLE leave_requests ADD CONSTRAINT leave_requests_approver_fk
    FOREIGN KEY (approver_id) REFERENCES employees (employee_id) ON DELETE SET NULL;

PROMPT Payroll consistency rules
ALTER TABLE payslips ADD CONSTRAINT payslips_net_ck
    CHECK (net_amount = gross_amount - deduction_amount - tax_amount);

ALTER TABLE payslip_lines MODIFY (rate CONSTRAINT payslip_lines_rate_ck CHECK (rate >= 0));

PROMPT Legacy data: existing rows are not validated
-- Notes were migrated with employee numbers of people purged long ago.
ALTER TABLE legacy_employee_notes ADD CONSTRAINT legacy_notes_emp_fk
    FOREIGN KEY (employee_id) REFERENCES employees (employee_id)
    ENABLE NOVALIDATE;
