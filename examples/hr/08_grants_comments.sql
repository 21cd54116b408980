--------------------------------------------------------------------------------
-- 08_grants_comments.sql
-- HR_APP schema: roles, grants, synonyms and data dictionary comments.
--------------------------------------------------------------------------------

PROMPT Roles
CREATE ROLE hr_reader;
CREATE ROLE hr_clerk;

GRANT hr_reader TO hr_clerk;

PROMPT Grants to HR_READER (read-only reporting)
GRANT SELECT ON countries            TO hr_reader;
GRANT SELECT ON locations            TO hr_reader;
GRANT SELECT ON departments          TO hr_reader;
GRANT SELECT ON jobs                 TO hr_reader;
GRANT SELECT ON job_grades           TO hr_reader;
GRANT SELECT ON employees            TO hr_reader;
GRANT SELECT ON job_history          TO hr_reader;
GRANT SELECT ON projects             TO hr_reader;
GRANT SELECT ON project_assignments  TO hr_reader;
GRANT SELECT ON v_employee_directory TO hr_reader;
GRANT SELECT ON v_org_chart          TO hr_reader;
GRANT SELECT ON v_department_tree    TO hr_reader;
GRANT SELECT ON v_department_headcount TO hr_reader;
GRANT SELECT ON v_project_status     TO hr_reader;
GRANT EXECUTE ON get_employee_name   TO hr_reader;

PROMPT Grants to HR_CLERK (data entry)
GRANT SELECT, INSERT, UPDATE ON time_entries   TO hr_clerk;
GRANT SELECT, INSERT, UPDATE ON leave_requests TO hr_clerk;
GRANT SELECT, INSERT ON employee_documents     TO hr_clerk;
GRANT SELECT, INSERT, UPDATE, DELETE ON project_tasks TO hr_clerk;
GRANT UPDATE (phone_number, native_name) ON employees TO hr_clerk;
GRANT SELECT, INSERT, UPDATE ON v_pending_leave_requests TO hr_clerk;
GRANT SELECT ON time_entries_seq TO hr_clerk;
GRANT EXECUTE ON hr_mgmt_pkg TO hr_clerk;

PROMPT Synonyms
CREATE OR REPLACE PUBLIC SYNONYM hr_directory FOR hr_app.v_employee_directory;
CREATE OR REPLACE SYNONYM emp FOR employees;
CREATE SYNONYM dept FOR departments;

PROMPT Comments
COMMENT ON TABLE countries IS 'ISO 3166 countries the company operates in (index-organized)';
COMMENT ON COLUMN countries.country_code IS 'ISO 3166-1 alpha-2 code';
COMMENT ON COLUMN countries.region_name IS 'Sales/HR region: AMERICAS, EMEA or APAC';

COMMENT ON TABLE locations IS 'Office addresses';
COMMENT ON COLUMN locations.time_zone_name IS 'IANA time zone name, e.g. Europe/Paris';

COMMENT ON TABLE departments IS 'Organisational units; PARENT_DEPARTMENT_ID forms the org tree';
COMMENT ON COLUMN departments.manager_employee_id IS 'Head of department (FK checked at commit)';
COMMENT ON COLUMN departments.cost_center IS 'Six-character cost center code from the general ledger';
COMMENT ON COLUMN departments.active_flag IS 'Y = active, N = closed down (kept for history)';

COMMENT ON TABLE job_grades IS 'Salary bands';
COMMENT ON TABLE jobs IS 'Job catalogue; each job belongs to one salary grade';
COMMENT ON COLUMN jobs.is_exempt IS 'Y if the job is exempt from overtime pay';

COMMENT ON TABLE employees IS 'Current and former employees';
COMMENT ON COLUMN employees.employee_number IS 'Badge number printed on the employee''s ID card';
COMMENT ON COLUMN employees.native_name IS 'Name in the employee''s own script (national character set)';
COMMENT ON COLUMN employees.salary IS 'Gross monthly salary at 100% FTE, in the payroll currency';
COMMENT ON COLUMN employees.fte IS 'Full-time equivalent, 0.1 to 1';
COMMENT ON COLUMN employees.status IS 'A = active, L = on long-term leave, T = terminated';
COMMENT ON COLUMN employees.national_id_hash IS 'MD5 of the national ID number; the number itself is never stored';
COMMENT ON COLUMN employees.annual_salary IS 'Virtual: salary * 12 * fte';
COMMENT ON COLUMN employees.row_version IS 'Optimistic locking counter, maintained by EMPLOYEES_BIU';

COMMENT ON TABLE job_history IS 'Closed job/department periods of each employee';
COMMENT ON TABLE salary_history IS 'Every salary change, written by trigger EMPLOYEES_SALARY_AU';
COMMENT ON TABLE employee_documents IS 'Scanned contracts, IDs and certificates';
COMMENT ON COLUMN employee_documents.content_md5 IS 'MD5 checksum of CONTENT, used to detect duplicate uploads';

COMMENT ON TABLE projects IS 'Internal and client projects';
COMMENT ON COLUMN projects.planned_duration IS 'Planned length in years and months';
COMMENT ON TABLE project_tasks IS 'Work breakdown structure of a project';
COMMENT ON COLUMN project_tasks.actual_hours IS 'Sum of TIME_ENTRIES.HOURS, kept by a compound trigger';
COMMENT ON TABLE project_assignments IS 'Who works on which project, and how much';

COMMENT ON TABLE time_entries IS 'Timesheet lines; one monthly partition is added automatically';
COMMENT ON COLUMN time_entries.break_duration IS 'Unpaid break taken that day';
COMMENT ON TABLE leave_requests IS 'Leave requests and their approval state, partitioned by leave type';

COMMENT ON TABLE pay_elements IS 'Payslip line types: E = earning, D = deduction, T = tax';
COMMENT ON TABLE pay_periods IS 'Monthly payroll calendar';
COMMENT ON TABLE payroll_runs IS 'One execution of PAYROLL_PKG.RUN_PAYROLL';
COMMENT ON COLUMN payroll_runs.elapsed IS 'Wall-clock duration of the run';
COMMENT ON TABLE payslips IS 'Payslip headers, partitioned by pay date';
COMMENT ON COLUMN payslips.exchange_rate IS 'Rate from the payroll currency to USD at the pay date';
COMMENT ON TABLE payslip_lines IS 'Payslip detail lines';
COMMENT ON TABLE payroll_calc_gtt IS 'Session scratch area for payroll calculation';

COMMENT ON TABLE audit_log IS 'Row-level audit trail written by triggers';
COMMENT ON TABLE app_log IS 'Application log written by LOG_MESSAGE (autonomous transaction)';
COMMENT ON TABLE app_parameters IS 'Tunable application settings, e.g. PAYROLL.TAX_RATE';
COMMENT ON TABLE legacy_employee_notes IS 'Free-text notes imported from the old personnel system; read only';

COMMENT ON TABLE v_employee_directory IS 'Company phone book';
COMMENT ON TABLE v_org_chart IS 'Reporting lines, top-down';
