--------------------------------------------------------------------------------
-- 09_reference_data.sql
-- HR_APP schema: reference data needed by the application code.
--------------------------------------------------------------------------------

PROMPT Countries
INSERT ALL
    INTO countries (country_code, country_name, region_name, currency_code, iso_numeric)
        VALUES ('US', 'United States of America', 'AMERICAS', 'USD', 840)
    INTO countries (country_code, country_name, region_name, currency_code, iso_numeric)
        VALUES ('CA', 'Canada', 'AMERICAS', 'CAD', 124)
    INTO countries (country_code, country_name, region_name, currency_code, iso_numeric)
        VALUES ('GB', 'United Kingdom', 'EMEA', 'GBP', 826)
    INTO countries (country_code, country_name, region_name, currency_code, iso_numeric)
        VALUES ('DE', 'Germany', 'EMEA', 'EUR', 276)
    INTO countries (country_code, country_name, region_name, currency_code, iso_numeric)
        VALUES ('IN', 'India', 'APAC', 'INR', 356)
SELECT * FROM dual;

PROMPT Salary grades and jobs
INSERT INTO job_grades (grade_code, grade_level, min_salary, max_salary) VALUES ('G1', 1, 2500, 4000);
INSERT INTO job_grades (grade_code, grade_level, min_salary, max_salary) VALUES ('G2', 2, 3500, 6000);
INSERT INTO job_grades (grade_code, grade_level, min_salary, max_salary) VALUES ('G3', 3, 5500, 9000);
INSERT INTO job_grades (grade_code, grade_level, min_salary, max_salary) VALUES ('G4', 4, 8500, 15000);

INSERT INTO jobs (job_id, job_title, grade_code, job_family, is_exempt) VALUES ('HR_ASST', 'HR Assistant', 'G1', 'HR', 'N');
INSERT INTO jobs (job_id, job_title, grade_code, job_family, is_exempt) VALUES ('PAY_SPEC', 'Payroll Specialist', 'G2', 'FINANCE', 'N');
INSERT INTO jobs (job_id, job_title, grade_code, job_family, is_exempt) VALUES ('SW_ENG', 'Software Engineer', 'G3', 'ENGINEERING', 'Y');
INSERT INTO jobs (job_id, job_title, grade_code, job_family, is_exempt) VALUES ('SA_REP', 'Sales Representative', 'G2', 'SALES', 'N');
INSERT INTO jobs (job_id, job_title, grade_code, job_family, is_exempt) VALUES ('DEPT_HEAD', 'Head of Department', 'G4', 'MANAGEMENT', 'Y');

PROMPT Pay elements
INSERT INTO pay_elements (element_code, description, element_type, taxable, gl_account, display_order)
VALUES ('BASIC', 'Base salary', 'E', 'Y', '6000-100', 10);
INSERT INTO pay_elements (element_code, description, element_type, taxable, gl_account, display_order)
VALUES ('OVERTIME', q'[Overtime (time and a half, non-exempt staff)]', 'E', 'Y', '6000-110', 20);
INSERT INTO pay_elements (element_code, description, element_type, taxable, gl_account, display_order)
VALUES ('UNPAID', q'[Unpaid leave - employee's daily rate]', 'D', 'N', '6000-190', 30);
INSERT INTO pay_elements (element_code, description, element_type, taxable, gl_account, display_order)
VALUES ('PENSION', 'Pension contribution (pre-tax)', 'D', 'N', '2400-200', 40);
INSERT INTO pay_elements (element_code, description, element_type, taxable, gl_account, display_order)
VALUES ('INCOME_TAX', 'Income tax withheld', 'T', 'N', '2300-100', 90);

PROMPT Application parameters
INSERT INTO app_parameters (param_name, param_value, description)
VALUES ('PAYROLL.TAX_RATE', '0.22', 'Flat withholding rate applied to taxable earnings');
INSERT INTO app_parameters (param_name, param_value, description)
VALUES ('PAYROLL.PENSION_RATE', '0.05', 'Employee pension contribution as a fraction of base pay');
INSERT INTO app_parameters (param_name, param_value, description)
VALUES ('LEAVE.ANNUAL_BASE_DAYS', '20', 'Annual leave days before seniority bonus');

PROMPT Pay calendar for 2024
INSERT INTO pay_periods (period_year, period_number, period_start, period_end, pay_date)
SELECT 2024,
       LEVEL,
       ADD_MONTHS(DATE '2024-01-01', LEVEL - 1),
       LAST_DAY(ADD_MONTHS(DATE '2024-01-01', LEVEL - 1)),
       LAST_DAY(ADD_MONTHS(DATE '2024-01-01', LEVEL - 1)) + 3
  FROM dual
CONNECT BY LEVEL <= 12;

COMMIT;
