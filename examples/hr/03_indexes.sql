--------------------------------------------------------------------------------
-- 03_indexes.sql
-- HR_APP schema: indexes (primary/unique key indexes are created with the
-- constraints in 01_tables.sql).
--------------------------------------------------------------------------------

PROMPT Indexes on EMPLOYEES
CREATE INDEX employees_dept_name_ix
    ON employees (department_id, last_name, first_name)
    TABLESPACE users
    COMPRESS 1;

CREATE INDEX employees_job_ix ON employees (job_id);

CREATE INDEX employees_mgr_ix
    ON employees (manager_id)
    TABLESPACE users PCTFREE 10
    COMPUTE STATISTICS;

-- Case-insensitive name search in the HR portal
CREATE INDEX employees_upper_name_ix
    ON employees (UPPER(last_name), UPPER(first_name));

-- Hire-date reports group by day; legacy rows carry a time component
CREATE INDEX employees_hire_day_ix ON employees (TRUNC(hire_date));

CREATE UNIQUE INDEX employees_email_uix
    ON employees (LOWER(email))
    TABLESPACE users
    COMPUTE STATISTICS;

-- Low-cardinality status flag, mostly used by nightly reporting
CREATE BITMAP INDEX employees_status_bix ON employees (status);

PROMPT Indexes on organisation tables
CREATE INDEX departments_parent_ix ON departments (parent_department_id);
CREATE INDEX departments_location_ix ON departments (location_id);
CREATE INDEX locations_country_ix ON locations (country_code);
CREATE INDEX jobs_grade_ix ON jobs (grade_code);
CREATE INDEX job_history_job_ix ON job_history (job_id);
CREATE INDEX job_history_dept_ix ON job_history (department_id);
CREATE INDEX salary_history_emp_ix ON salary_history (employee_id, changed_on DESC);
CREATE INDEX employee_documents_emp_ix ON employee_documents (employee_id, document_type);

PROMPT Indexes on project tables
CREATE INDEX projects_dept_ix ON projects (department_id);
CREATE INDEX projects_mgr_ix ON projects (manager_id);
CREATE INDEX projects_status_ix ON projects (status, start_date DESC);
CREATE INDEX projects_name_upper_ix ON projects (UPPER(project_name));
CREATE INDEX project_tasks_project_ix ON project_tasks (project_id, sort_order);
CREATE INDEX project_tasks_parent_ix ON project_tasks (parent_task_id);
CREATE INDEX project_assignments_emp_ix ON project_assignments (employee_id);

PROMPT Indexes on TIME_ENTRIES and LEAVE_REQUESTS (partitioned)
CREATE INDEX time_entries_emp_date_ix ON time_entries (employee_id, work_date) LOCAL;
CREATE INDEX time_entries_project_ix ON time_entries (project_id, work_date) LOCAL;
CREATE INDEX time_entries_task_ix ON time_entries (task_id) LOCAL;

-- Sparse index: only unapproved entries are indexed
CREATE INDEX time_entries_pending_ix
    ON time_entries (CASE WHEN approved_at IS NULL THEN employee_id END);

CREATE INDEX leave_requests_emp_ix ON leave_requests (employee_id, start_date) LOCAL;
CREATE INDEX leave_requests_approver_ix ON leave_requests (approver_id, status);

PROMPT Indexes on payroll tables
CREATE INDEX payroll_runs_period_ix ON payroll_runs (pay_period_id, run_type);

-- Built in parallel during the maintenance window, then set back to serial
CREATE INDEX payslips_emp_date_ix
    ON payslips (employee_id, pay_date DESC)
    LOCAL
    PARALLEL 4
    NOLOGGING;

ALTER INDEX payslips_emp_date_ix NOPARALLEL;
ALTER INDEX payslips_emp_date_ix LOGGING;

CREATE INDEX payslip_lines_element_ix ON payslip_lines (element_code) LOCAL;

PROMPT Indexes on logging tables
CREATE INDEX audit_log_table_pk_ix
    ON audit_log (table_name, pk_value)
    TABLESPACE users
    COMPRESS 1;

CREATE INDEX audit_log_changed_ix ON audit_log (changed_at);
CREATE INDEX app_log_logged_ix ON app_log (logged_at DESC) NOLOGGING;
CREATE INDEX legacy_notes_emp_ix ON legacy_employee_notes (employee_id);
