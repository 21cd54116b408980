--------------------------------------------------------------------------------
-- 05_views.sql
-- HR_APP schema: reporting and application views.
--------------------------------------------------------------------------------

SET DEFINE OFF

PROMPT View V_EMPLOYEE_DIRECTORY
-- Everyone, including people in no (or an inactive) department.
CREATE OR REPLACE VIEW v_employee_directory
AS
SELECT e.employee_id,
       e.employee_number,
       e.last_name || ', ' || e.first_name                      AS full_name,
       e.email,
       NVL(e.phone_number, 'n/a')                                AS phone_number,
       j.job_title,
       NVL(d.department_name, '(unassigned)')                    AS department_name,
       DECODE(d.dept_code, 'RND', 'R&D',
                           'FIN', 'Finance',
                           'HR',  'Human Resources',
                           d.dept_code)                          AS department_label,
       l.city,
       c.country_name,
       m.first_name || ' ' || m.last_name                        AS manager_name,
       NVL2(e.termination_date, 'Former', 'Current')             AS employment_state,
       DECODE(e.status, 'A', 'Active',
                        'L', 'On leave',
                        'T', 'Terminated',
                        'Unknown')                               AS status_desc
  FROM employees   e,
       jobs        j,
       departments d,
       locations   l,
       countries   c,
       employees   m
 WHERE j.job_id            = e.job_id
   AND d.department_id (+) = e.department_id
   AND d.active_flag (+)   = 'Y'
   AND l.location_id (+)   = d.location_id
   AND c.country_code (+)  = l.country_code
   AND m.employee_id (+)   = e.manager_id;

PROMPT View V_ORG_CHART
CREATE OR REPLACE VIEW v_org_chart
AS
SELECT LEVEL                                                     AS org_level,
       e.employee_id,
       e.manager_id,
       LPAD(' ', 2 * (LEVEL - 1)) || e.first_name || ' ' || e.last_name AS indented_name,
       SYS_CONNECT_BY_PATH(e.last_name, '/')                     AS reporting_path,
       CONNECT_BY_ROOT e.last_name                               AS top_manager,
       CONNECT_BY_ISLEAF                                         AS is_leaf,
       e.job_id,
       e.department_id
  FROM employees e
 WHERE e.status <> 'T'
 START WITH e.manager_id IS NULL
CONNECT BY PRIOR e.employee_id = e.manager_id
 ORDER SIBLINGS BY e.last_name, e.first_name;

PROMPT View V_DEPARTMENT_TREE
CREATE OR REPLACE VIEW v_department_tree
AS
SELECT LEVEL                                         AS depth,
       d.department_id,
       d.parent_department_id,
       d.dept_code,
       LPAD('-', LEVEL - 1, '-') || d.department_name AS tree_label,
       SYS_CONNECT_BY_PATH(d.dept_code, ' > ')       AS dept_path,
       CONNECT_BY_ISCYCLE                            AS has_cycle
  FROM departments d
 START WITH d.parent_department_id IS NULL
CONNECT BY NOCYCLE PRIOR d.department_id = d.parent_department_id;

PROMPT View V_TOP_EARNERS
CREATE OR REPLACE VIEW v_top_earners
AS
SELECT ranked.*
  FROM (SELECT e.employee_id,
               e.first_name,
               e.last_name,
               e.department_id,
               e.salary,
               e.annual_salary,
               NVL(e.commission_pct, 0) AS commission_pct
          FROM employees e
         WHERE e.status = 'A'
           AND e.salary IS NOT NULL
         ORDER BY e.salary DESC, e.employee_id) ranked
 WHERE ROWNUM <= 10;

PROMPT View V_DEPARTMENT_HEADCOUNT
CREATE OR REPLACE VIEW v_department_headcount
AS
SELECT d.department_id,
       d.department_name,
       COUNT(e.employee_id)                AS headcount,
       SUM(DECODE(e.status, 'L', 1, 0))    AS on_leave,
       SUM(e.salary)                       AS monthly_salary_total,
       ROUND(AVG(e.salary), 2)             AS avg_salary,
       MIN(e.hire_date)                    AS longest_serving_since,
       ROUND(SUM(e.fte), 2)                AS fte_total
  FROM departments d,
       employees   e
 WHERE e.department_id = d.department_id
   AND e.status IN ('A', 'L')
 GROUP BY d.department_id, d.department_name
HAVING COUNT(e.employee_id) >= 3
    OR SUM(e.salary) > 50000;

PROMPT View V_PROJECT_STATUS
CREATE OR REPLACE VIEW v_project_status
AS
SELECT p.project_id,
       p.project_code,
       p.project_name,
       p.client_name,
       p.status,
       p.budget_amount,
       (SELECT NVL(SUM(t.hours), 0)
          FROM time_entries t
         WHERE t.project_id = p.project_id)                      AS hours_logged,
       (SELECT COUNT(*)
          FROM project_assignments pa
         WHERE pa.project_id = p.project_id
           AND (pa.assigned_to IS NULL OR pa.assigned_to >= TRUNC(SYSDATE))) AS active_members,
       (SELECT LISTAGG(e.last_name, ', ') WITHIN GROUP (ORDER BY e.last_name)
          FROM project_assignments pa
          JOIN employees e ON e.employee_id = pa.employee_id
         WHERE pa.project_id = p.project_id
           AND pa.role_code = 'LEAD')                            AS project_leads,
       p.start_date,
       p.end_date,
       ADD_MONTHS(p.start_date,
                  EXTRACT(YEAR FROM p.planned_duration) * 12
                  + EXTRACT(MONTH FROM p.planned_duration))      AS planned_end_date,
       CASE
           WHEN p.end_date < TRUNC(SYSDATE)
            AND p.status NOT IN ('CLOSED', 'CANCELLED') THEN 'Y'
           ELSE 'N'
       END                                                       AS overdue_flag
  FROM projects p;

PROMPT View V_ANNUAL_LEAVE_USAGE
CREATE OR REPLACE VIEW v_annual_leave_usage
AS
WITH taken AS (
    SELECT lr.employee_id,
           SUM(lr.days_requested) AS days_taken
      FROM leave_requests lr
     WHERE lr.leave_type = 'ANNUAL'
       AND lr.status = 'APPROVED'
       AND lr.start_date >= TRUNC(SYSDATE, 'YYYY')
     GROUP BY lr.employee_id
),
entitlement AS (
    SELECT e.employee_id,
           e.first_name,
           e.last_name,
           20 + LEAST(TRUNC(MONTHS_BETWEEN(SYSDATE, e.hire_date) / 24), 10) AS days_entitled
      FROM employees e
     WHERE e.status <> 'T'
)
SELECT en.employee_id,
       en.first_name,
       en.last_name,
       EXTRACT(YEAR FROM SYSDATE)               AS leave_year,
       en.days_entitled,
       NVL(t.days_taken, 0)                     AS days_taken,
       en.days_entitled - NVL(t.days_taken, 0)  AS days_remaining
  FROM entitlement en
  LEFT OUTER JOIN taken t
    ON t.employee_id = en.employee_id;

PROMPT View V_EMPLOYEES_WITHOUT_PROJECT
CREATE OR REPLACE VIEW v_employees_without_project
AS
SELECT e.employee_id, e.first_name, e.last_name, e.department_id
  FROM employees e
 WHERE e.status = 'A'
MINUS
SELECT e.employee_id, e.first_name, e.last_name, e.department_id
  FROM employees e,
       project_assignments pa
 WHERE pa.employee_id = e.employee_id
   AND (pa.assigned_to IS NULL OR pa.assigned_to >= TRUNC(SYSDATE));

PROMPT View V_PAYSLIP_YTD
CREATE OR REPLACE VIEW v_payslip_ytd
AS
SELECT ps.payslip_id,
       ps.employee_id,
       ps.pay_date,
       TO_CHAR(ps.pay_date, 'YYYY')   AS pay_year,
       ps.gross_amount,
       ps.tax_amount,
       ps.net_amount,
       SUM(ps.gross_amount) OVER (PARTITION BY ps.employee_id, TRUNC(ps.pay_date, 'YYYY')
                                  ORDER BY ps.pay_date
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS gross_ytd,
       SUM(ps.tax_amount) OVER (PARTITION BY ps.employee_id, TRUNC(ps.pay_date, 'YYYY')
                                ORDER BY ps.pay_date
                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)   AS tax_ytd
  FROM payslips ps
  WITH READ ONLY;

PROMPT View V_PENDING_LEAVE_REQUESTS (updatable, used by the self-service screen)
CREATE OR REPLACE VIEW v_pending_leave_requests
AS
SELECT lr.request_id,
       lr.employee_id,
       lr.leave_type,
       lr.start_date,
       lr.end_date,
       lr.days_requested,
       lr.status,
       lr.approver_id,
       lr.reason
  FROM leave_requests lr
 WHERE lr.status = 'PENDING'
  WITH CHECK OPTION CONSTRAINT v_pending_leave_requests_ck;
