--------------------------------------------------------------------------------
-- 01_tables.sql
-- HR_APP schema: tables.
-- Most foreign keys between the core tables are added in 02_constraints.sql
-- (EMPLOYEES and DEPARTMENTS reference each other).
--------------------------------------------------------------------------------

PROMPT Creating table COUNTRIES (index-organized)
CREATE TABLE countries
(
    country_code     CHAR(2)             CONSTRAINT countries_pk PRIMARY KEY,
    country_name     VARCHAR2(60 CHAR)   NOT NULL,
    region_name      VARCHAR2(10)        NOT NULL
                     CONSTRAINT countries_region_ck
                     CHECK (region_name IN ('AMERICAS', 'EMEA', 'APAC')),
    currency_code    CHAR(3)             DEFAULT 'USD' NOT NULL,
    iso_numeric      NUMBER(3)
)
ORGANIZATION INDEX
TABLESPACE users;

PROMPT Creating table LOCATIONS
CREATE TABLE locations
(
    location_id      NUMBER(6)           NOT NULL,
    street_address   VARCHAR2(120 CHAR),
    postal_code      VARCHAR2(12 BYTE),
    city             VARCHAR2(60 CHAR)   NOT NULL,
    state_province   VARCHAR2(40 CHAR),
    country_code     CHAR(2)             NOT NULL,
    time_zone_name   VARCHAR2(64)        DEFAULT 'UTC' NOT NULL,
    CONSTRAINT locations_pk PRIMARY KEY (location_id),
    CONSTRAINT locations_country_fk FOREIGN KEY (country_code)
        REFERENCES countries (country_code)
)
TABLESPACE users
PCTFREE 10
STORAGE (INITIAL 64K NEXT 64K);

PROMPT Creating table DEPARTMENTS
CREATE TABLE departments
(
    department_id         NUMBER(6)          NOT NULL,
    dept_code             VARCHAR2(10)       NOT NULL,
    department_name       VARCHAR2(80 CHAR)  NOT NULL,
    parent_department_id  NUMBER(6),
    manager_employee_id   NUMBER(8),
    location_id           NUMBER(6),
    cost_center           CHAR(6),
    active_flag           CHAR(1)            DEFAULT 'Y' NOT NULL,
    created_at            DATE               DEFAULT SYSDATE NOT NULL,
    created_by            VARCHAR2(128)      DEFAULT USER NOT NULL,
    CONSTRAINT departments_pk PRIMARY KEY (department_id)
        USING INDEX TABLESPACE users,
    CONSTRAINT departments_code_uk UNIQUE (dept_code),
    CONSTRAINT departments_active_ck CHECK (active_flag IN ('Y', 'N')),
    CONSTRAINT departments_parent_ck CHECK (parent_department_id <> department_id),
    CONSTRAINT departments_parent_fk FOREIGN KEY (parent_department_id)
        REFERENCES departments (department_id),
    CONSTRAINT departments_location_fk FOREIGN KEY (location_id)
        REFERENCES locations (location_id) ON DELETE SET NULL
)
TABLESPACE users
PCTFREE 10
LOGGING;

PROMPT Creating table JOB_GRADES
CREATE TABLE job_grades
(
    grade_code    VARCHAR2(5)     CONSTRAINT job_grades_pk PRIMARY KEY,
    grade_level   NUMBER(2)       NOT NULL,
    min_salary    NUMBER(10,2)    NOT NULL,
    max_salary    NUMBER(10,2)    NOT NULL,
    CONSTRAINT job_grades_range_ck CHECK (max_salary >= min_salary),
    CONSTRAINT job_grades_level_ck CHECK (grade_level BETWEEN 1 AND 20)
);

PROMPT Creating table JOBS
CREATE TABLE jobs
(
    job_id        VARCHAR2(10)       CONSTRAINT jobs_pk PRIMARY KEY,
    job_title     VARCHAR2(80 CHAR)  NOT NULL,
    grade_code    VARCHAR2(5)        NOT NULL
                  CONSTRAINT jobs_grade_fk REFERENCES job_grades (grade_code),
    job_family    VARCHAR2(20)       DEFAULT 'GENERAL',
    is_exempt     CHAR(1)            DEFAULT 'N' NOT NULL
                  CONSTRAINT jobs_exempt_ck CHECK (is_exempt IN ('Y', 'N'))
);

PROMPT Creating table EMPLOYEES
CREATE TABLE employees
(
    employee_id       NUMBER(8)          NOT NULL,
    employee_number   VARCHAR2(12 BYTE)  NOT NULL,
    first_name        VARCHAR2(50 CHAR)  NOT NULL,
    last_name         VARCHAR2(50 CHAR)  NOT NULL,
    native_name       NVARCHAR2(100),
    email             VARCHAR2(120)      NOT NULL,
    phone_number      VARCHAR2(25),
    hire_date         DATE               DEFAULT TRUNC(SYSDATE) NOT NULL,
    termination_date  DATE,
    job_id            VARCHAR2(10)       NOT NULL,
    department_id     NUMBER(6),
    manager_id        NUMBER(8),
    salary            NUMBER(10,2),
    commission_pct    NUMBER(4,3),
    fte               NUMBER(3,2)        DEFAULT 1 NOT NULL,
    status            CHAR(1)            DEFAULT 'A' NOT NULL,
    national_id_hash  RAW(16),
    photo             BLOB,
    annual_salary     NUMBER(12,2)
                      GENERATED ALWAYS AS (ROUND(salary * 12 * fte, 2)) VIRTUAL,
    row_version       NUMBER(*,0)        DEFAULT 0 NOT NULL,
    created_at        TIMESTAMP(3)       DEFAULT SYSTIMESTAMP NOT NULL,
    updated_at        TIMESTAMP WITH LOCAL TIME ZONE,
    CONSTRAINT employees_pk PRIMARY KEY (employee_id),
    CONSTRAINT employees_number_uk UNIQUE (employee_number),
    CONSTRAINT employees_job_fk FOREIGN KEY (job_id) REFERENCES jobs (job_id),
    CONSTRAINT employees_mgr_fk FOREIGN KEY (manager_id)
        REFERENCES employees (employee_id) ON DELETE SET NULL,
    CONSTRAINT employees_status_ck CHECK (status IN ('A', 'L', 'T')),
    CONSTRAINT employees_fte_ck CHECK (fte BETWEEN 0.1 AND 1),
    CONSTRAINT employees_salary_ck CHECK (salary > 0),
    CONSTRAINT employees_comm_ck CHECK (commission_pct BETWEEN 0 AND 0.5),
    CONSTRAINT employees_term_ck
        CHECK (termination_date IS NULL OR termination_date >= hire_date),
    CONSTRAINT employees_term_status_ck
        CHECK (status <> 'T' OR termination_date IS NOT NULL)
)
TABLESPACE users
PCTFREE 20
STORAGE (INITIAL 128K)
LOB (photo) STORE AS SECUREFILE employees_photo_lob
    (TABLESPACE users DISABLE STORAGE IN ROW NOCACHE LOGGING);

PROMPT Creating table JOB_HISTORY
CREATE TABLE job_history
(
    employee_id     NUMBER(8)           NOT NULL,
    start_date      DATE                NOT NULL,
    end_date        DATE                NOT NULL,
    job_id          VARCHAR2(10)        NOT NULL,
    department_id   NUMBER(6),
    salary          NUMBER(10,2),
    change_reason   VARCHAR2(200 CHAR),
    CONSTRAINT job_history_dates_ck CHECK (end_date >= start_date)
);

PROMPT Creating table SALARY_HISTORY
CREATE TABLE salary_history
(
    salary_history_id  NUMBER(10)      NOT NULL,
    employee_id        NUMBER(8)       NOT NULL,
    changed_on         DATE            DEFAULT SYSDATE NOT NULL,
    old_salary         NUMBER(10,2),
    new_salary         NUMBER(10,2)    NOT NULL,
    pct_change         NUMBER(7,3),
    changed_by         VARCHAR2(128)   DEFAULT USER NOT NULL,
    CONSTRAINT salary_history_pk PRIMARY KEY (salary_history_id),
    CONSTRAINT salary_history_emp_fk FOREIGN KEY (employee_id)
        REFERENCES employees (employee_id) ON DELETE CASCADE
);

PROMPT Creating table EMPLOYEE_DOCUMENTS
CREATE TABLE employee_documents
(
    document_id     NUMBER(10)          NOT NULL,
    document_guid   RAW(16)             DEFAULT SYS_GUID() NOT NULL,
    employee_id     NUMBER(8)           NOT NULL,
    document_type   VARCHAR2(12)        NOT NULL,
    file_name       VARCHAR2(255 CHAR)  NOT NULL,
    mime_type       VARCHAR2(100)       DEFAULT 'application/pdf',
    content         BLOB,
    content_md5     RAW(16),
    file_size       NUMBER(12),
    valid_until     DATE,
    uploaded_at     TIMESTAMP           DEFAULT SYSTIMESTAMP NOT NULL,
    uploaded_by     VARCHAR2(128)       DEFAULT USER,
    CONSTRAINT employee_documents_pk PRIMARY KEY (document_id),
    CONSTRAINT employee_documents_guid_uk UNIQUE (document_guid),
    CONSTRAINT employee_documents_emp_fk FOREIGN KEY (employee_id)
        REFERENCES employees (employee_id) ON DELETE CASCADE,
    CONSTRAINT employee_documents_type_ck
        CHECK (document_type IN ('CONTRACT', 'ID', 'CERTIFICATE', 'REVIEW', 'OTHER'))
)
TABLESPACE users
LOB (content) STORE AS SECUREFILE
    (TABLESPACE users ENABLE STORAGE IN ROW CHUNK 8192 CACHE READS LOGGING);

PROMPT Creating table PROJECTS
CREATE TABLE projects
(
    project_id         NUMBER(8)           NOT NULL,
    project_code       VARCHAR2(20)        NOT NULL,
    project_name       VARCHAR2(150 CHAR)  NOT NULL,
    client_name        VARCHAR2(150 CHAR),
    department_id      NUMBER(6)           NOT NULL,
    manager_id         NUMBER(8),
    status             VARCHAR2(12)        DEFAULT 'PROPOSED' NOT NULL,
    priority           NUMBER(1)           DEFAULT 3,
    start_date         DATE                NOT NULL,
    end_date           DATE,
    planned_duration   INTERVAL YEAR(2) TO MONTH,
    budget_amount      NUMBER(14,2),
    budget_currency    CHAR(3)             DEFAULT 'USD' NOT NULL,
    billable           CHAR(1)             DEFAULT 'Y' NOT NULL,
    description        CLOB,
    CONSTRAINT projects_pk PRIMARY KEY (project_id),
    CONSTRAINT projects_code_uk UNIQUE (project_code),
    CONSTRAINT projects_dept_fk FOREIGN KEY (department_id)
        REFERENCES departments (department_id),
    CONSTRAINT projects_mgr_fk FOREIGN KEY (manager_id)
        REFERENCES employees (employee_id) ON DELETE SET NULL,
    CONSTRAINT projects_status_ck
        CHECK (status IN ('PROPOSED', 'ACTIVE', 'ON_HOLD', 'CLOSED', 'CANCELLED')),
    CONSTRAINT projects_priority_ck CHECK (priority BETWEEN 1 AND 5),
    CONSTRAINT projects_dates_ck CHECK (end_date IS NULL OR end_date >= start_date),
    CONSTRAINT projects_budget_ck CHECK (budget_amount >= 0),
    CONSTRAINT projects_billable_ck CHECK (billable IN ('Y', 'N'))
)
TABLESPACE users
LOB (description) STORE AS SECUREFILE (ENABLE STORAGE IN ROW);

PROMPT Creating table PROJECT_TASKS
CREATE TABLE project_tasks
(
    task_id          NUMBER(10)          NOT NULL,
    project_id       NUMBER(8)           NOT NULL,
    parent_task_id   NUMBER(10),
    task_name        VARCHAR2(200 CHAR)  NOT NULL,
    sort_order       INTEGER             DEFAULT 0 NOT NULL,
    estimate_hours   NUMBER(7,2),
    actual_hours     NUMBER(9,2)         DEFAULT 0 NOT NULL,
    completed_pct    NUMBER(3)           DEFAULT 0 NOT NULL,
    due_date         DATE,
    CONSTRAINT project_tasks_pk PRIMARY KEY (task_id),
    CONSTRAINT project_tasks_project_fk FOREIGN KEY (project_id)
        REFERENCES projects (project_id) ON DELETE CASCADE,
    CONSTRAINT project_tasks_parent_fk FOREIGN KEY (parent_task_id)
        REFERENCES project_tasks (task_id) ON DELETE CASCADE,
    CONSTRAINT project_tasks_pct_ck CHECK (completed_pct BETWEEN 0 AND 100)
);

PROMPT Creating table PROJECT_ASSIGNMENTS
CREATE TABLE project_assignments
(
    project_id       NUMBER(8)      NOT NULL
                     REFERENCES projects (project_id) ON DELETE CASCADE,
    employee_id      NUMBER(8)      NOT NULL,
    role_code        VARCHAR2(12)   DEFAULT 'MEMBER' NOT NULL,
    allocation_pct   NUMBER(5,2)    DEFAULT 100 NOT NULL,
    hourly_rate      NUMBER(8,2),
    assigned_from    DATE           DEFAULT TRUNC(SYSDATE) NOT NULL,
    assigned_to      DATE,
    CONSTRAINT project_assignments_pk PRIMARY KEY (project_id, employee_id),
    CONSTRAINT project_assignments_role_ck
        CHECK (role_code IN ('LEAD', 'MEMBER', 'REVIEWER', 'ADVISOR')),
    CONSTRAINT project_assignments_alloc_ck
        CHECK (allocation_pct > 0 AND allocation_pct <= 100),
    CONSTRAINT project_assignments_dates_ck
        CHECK (assigned_to IS NULL OR assigned_to >= assigned_from)
)
COMPRESS;

PROMPT Creating table TIME_ENTRIES (interval partitioned by month)
CREATE TABLE time_entries
(
    entry_id         NUMBER(12)          NOT NULL,
    employee_id      NUMBER(8)           NOT NULL,
    project_id       NUMBER(8)           NOT NULL,
    task_id          NUMBER(10),
    work_date        DATE                NOT NULL,
    hours            NUMBER(5,2)         NOT NULL,
    break_duration   INTERVAL DAY(0) TO SECOND(0) DEFAULT INTERVAL '30' MINUTE,
    billable         CHAR(1)             DEFAULT 'Y' NOT NULL,
    notes            VARCHAR2(1000 CHAR),
    entered_at       TIMESTAMP           DEFAULT SYSTIMESTAMP NOT NULL,
    approved_by      NUMBER(8),
    approved_at      TIMESTAMP,
    CONSTRAINT time_entries_pk PRIMARY KEY (entry_id),
    CONSTRAINT time_entries_hours_ck CHECK (hours > 0 AND hours <= 24),
    CONSTRAINT time_entries_billable_ck CHECK (billable IN ('Y', 'N')),
    CONSTRAINT time_entries_approval_ck
        CHECK (   (approved_by IS NULL AND approved_at IS NULL)
               OR (approved_by IS NOT NULL AND approved_at IS NOT NULL))
)
TABLESPACE users
PARTITION BY RANGE (work_date)
INTERVAL (NUMTOYMINTERVAL(1, 'MONTH'))
(
    PARTITION time_entries_hist VALUES LESS THAN (DATE '2024-01-01')
)
ENABLE ROW MOVEMENT;

PROMPT Creating table LEAVE_REQUESTS (list partitioned by leave type)
CREATE TABLE leave_requests
(
    request_id       NUMBER(10)          NOT NULL,
    employee_id      NUMBER(8)           NOT NULL,
    leave_type       VARCHAR2(12)        NOT NULL,
    start_date       DATE                NOT NULL,
    end_date         DATE                NOT NULL,
    days_requested   NUMBER(4,1)         NOT NULL,
    status           VARCHAR2(10)        DEFAULT 'PENDING' NOT NULL,
    reason           VARCHAR2(500 CHAR),
    approver_id      NUMBER(8),
    requested_at     TIMESTAMP(3)        DEFAULT SYSTIMESTAMP NOT NULL,
    decided_at       TIMESTAMP(3),
    CONSTRAINT leave_requests_pk PRIMARY KEY (request_id),
    CONSTRAINT leave_requests_emp_fk FOREIGN KEY (employee_id)
        REFERENCES employees (employee_id) ON DELETE CASCADE,
    CONSTRAINT leave_requests_status_ck
        CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED')),
    CONSTRAINT leave_requests_dates_ck CHECK (end_date >= start_date),
    CONSTRAINT leave_requests_days_ck CHECK (days_requested > 0)
)
PARTITION BY LIST (leave_type)
(
    PARTITION leave_annual  VALUES ('ANNUAL'),
    PARTITION leave_sick    VALUES ('SICK'),
    PARTITION leave_family  VALUES ('PARENTAL', 'BEREAVEMENT', 'CARER'),
    PARTITION leave_other   VALUES (DEFAULT)
);

PROMPT Creating table PAY_ELEMENTS
CREATE TABLE pay_elements
(
    element_code    VARCHAR2(12)        NOT NULL,
    description     VARCHAR2(100 CHAR)  NOT NULL,
    element_type    CHAR(1)             NOT NULL,
    taxable         CHAR(1)             DEFAULT 'Y' NOT NULL,
    gl_account      VARCHAR2(20),
    display_order   NUMBER(3)           DEFAULT 100 NOT NULL,
    CONSTRAINT pay_elements_pk PRIMARY KEY (element_code),
    CONSTRAINT pay_elements_type_ck CHECK (element_type IN ('E', 'D', 'T')),
    CONSTRAINT pay_elements_taxable_ck CHECK (taxable IN ('Y', 'N'))
);

PROMPT Creating table PAY_PERIODS (identity column)
CREATE TABLE pay_periods
(
    pay_period_id    NUMBER(10)
                     GENERATED BY DEFAULT AS IDENTITY (START WITH 1 INCREMENT BY 1 CACHE 20),
    period_year      NUMBER(4)       NOT NULL,
    period_number    INTEGER         NOT NULL,
    period_start     DATE            NOT NULL,
    period_end       DATE            NOT NULL,
    pay_date         DATE            NOT NULL,
    status           VARCHAR2(8)     DEFAULT 'OPEN' NOT NULL,
    closed_at        DATE,
    CONSTRAINT pay_periods_pk PRIMARY KEY (pay_period_id),
    CONSTRAINT pay_periods_uk UNIQUE (period_year, period_number),
    CONSTRAINT pay_periods_status_ck CHECK (status IN ('OPEN', 'LOCKED', 'PAID')),
    CONSTRAINT pay_periods_dates_ck
        CHECK (period_end > period_start AND pay_date >= period_end),
    CONSTRAINT pay_periods_number_ck CHECK (period_number BETWEEN 1 AND 53)
);

PROMPT Creating table PAYROLL_RUNS
CREATE TABLE payroll_runs
(
    run_id           NUMBER(10)      NOT NULL,
    pay_period_id    NUMBER(10)      NOT NULL,
    run_type         VARCHAR2(10)    DEFAULT 'REGULAR' NOT NULL,
    status           VARCHAR2(10)    DEFAULT 'PENDING' NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    elapsed          INTERVAL DAY(2) TO SECOND(3),
    employee_count   NUMBER(6)       DEFAULT 0,
    run_by           VARCHAR2(128)   DEFAULT USER NOT NULL,
    run_log          CLOB,
    CONSTRAINT payroll_runs_pk PRIMARY KEY (run_id),
    CONSTRAINT payroll_runs_period_fk FOREIGN KEY (pay_period_id)
        REFERENCES pay_periods (pay_period_id),
    CONSTRAINT payroll_runs_type_ck
        CHECK (run_type IN ('REGULAR', 'BONUS', 'CORRECTION')),
    CONSTRAINT payroll_runs_status_ck
        CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'CLOSED')),
    CONSTRAINT payroll_runs_time_ck
        CHECK (finished_at IS NULL OR finished_at >= started_at)
)
LOB (run_log) STORE AS SECUREFILE (TABLESPACE users CACHE);

PROMPT Creating table PAYSLIPS (range partitioned by pay date)
CREATE TABLE payslips
(
    payslip_id        NUMBER(12)      NOT NULL,
    run_id            NUMBER(10)      NOT NULL,
    employee_id       NUMBER(8)       NOT NULL,
    pay_date          DATE            NOT NULL,
    gross_amount      NUMBER(12,2)    DEFAULT 0 NOT NULL,
    deduction_amount  NUMBER(12,2)    DEFAULT 0 NOT NULL,
    tax_amount        NUMBER(12,2)    DEFAULT 0 NOT NULL,
    net_amount        NUMBER(12,2)    DEFAULT 0 NOT NULL,
    currency_code     CHAR(3)         DEFAULT 'USD' NOT NULL,
    exchange_rate     BINARY_DOUBLE   DEFAULT 1 NOT NULL,
    created_at        TIMESTAMP       DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT payslips_pk PRIMARY KEY (payslip_id),
    CONSTRAINT payslips_run_emp_uk UNIQUE (run_id, employee_id),
    CONSTRAINT payslips_run_fk FOREIGN KEY (run_id) REFERENCES payroll_runs (run_id),
    CONSTRAINT payslips_emp_fk FOREIGN KEY (employee_id) REFERENCES employees (employee_id),
    CONSTRAINT payslips_rate_ck CHECK (exchange_rate > 0)
)
TABLESPACE users
PCTFREE 5
PARTITION BY RANGE (pay_date)
(
    PARTITION payslips_2022 VALUES LESS THAN (DATE '2023-01-01'),
    PARTITION payslips_2023 VALUES LESS THAN (DATE '2024-01-01'),
    PARTITION payslips_2024 VALUES LESS THAN (TO_DATE('2025-01-01', 'YYYY-MM-DD'))
        TABLESPACE users,
    PARTITION payslips_max  VALUES LESS THAN (MAXVALUE)
);

PROMPT Creating table PAYSLIP_LINES (hash partitioned)
CREATE TABLE payslip_lines
(
    line_id         NUMBER(14)      NOT NULL,
    payslip_id      NUMBER(12)      NOT NULL,
    line_no         NUMBER(3)       NOT NULL,
    element_code    VARCHAR2(12)    NOT NULL,
    quantity        FLOAT,
    rate            NUMBER(12,4),
    amount          NUMBER(12,2)    NOT NULL,
    CONSTRAINT payslip_lines_pk PRIMARY KEY (line_id),
    CONSTRAINT payslip_lines_uk UNIQUE (payslip_id, line_no),
    CONSTRAINT payslip_lines_slip_fk FOREIGN KEY (payslip_id)
        REFERENCES payslips (payslip_id) ON DELETE CASCADE,
    CONSTRAINT payslip_lines_element_fk FOREIGN KEY (element_code)
        REFERENCES pay_elements (element_code)
)
PARTITION BY HASH (payslip_id)
PARTITIONS 4
STORE IN (users);

PROMPT Creating global temporary table PAYROLL_CALC_GTT
CREATE GLOBAL TEMPORARY TABLE payroll_calc_gtt
(
    employee_id     NUMBER(8)       NOT NULL,
    element_code    VARCHAR2(12)    NOT NULL,
    quantity        NUMBER(10,2),
    amount          NUMBER(12,2)    NOT NULL,
    calc_note       VARCHAR2(200)
)
ON COMMIT DELETE ROWS;

PROMPT Creating table AUDIT_LOG
CREATE TABLE audit_log
(
    audit_id       NUMBER(14)                 NOT NULL,
    table_name     VARCHAR2(128)              NOT NULL,
    operation      CHAR(1)                    NOT NULL,
    pk_value       VARCHAR2(100)              NOT NULL,
    changed_by     VARCHAR2(128)              DEFAULT USER NOT NULL,
    changed_at     TIMESTAMP WITH TIME ZONE   DEFAULT SYSTIMESTAMP NOT NULL,
    client_module  VARCHAR2(64)               DEFAULT SYS_CONTEXT('USERENV', 'MODULE'),
    old_values     CLOB,
    new_values     CLOB,
    CONSTRAINT audit_log_pk PRIMARY KEY (audit_id),
    CONSTRAINT audit_log_op_ck CHECK (operation IN ('I', 'U', 'D'))
)
TABLESPACE users
PCTFREE 0
LOGGING
COMPRESS
LOB (old_values, new_values) STORE AS SECUREFILE (TABLESPACE users);

PROMPT Creating table APP_LOG
CREATE TABLE app_log
(
    log_id         NUMBER(14)       NOT NULL,
    logged_at      TIMESTAMP(6)     DEFAULT SYSTIMESTAMP NOT NULL,
    severity       VARCHAR2(5)      DEFAULT 'INFO' NOT NULL,
    source_name    VARCHAR2(100)    NOT NULL,
    message_text   VARCHAR2(4000),
    db_user        VARCHAR2(128)    DEFAULT USER,
    CONSTRAINT app_log_pk PRIMARY KEY (log_id) USING INDEX REVERSE,
    CONSTRAINT app_log_severity_ck
        CHECK (severity IN ('DEBUG', 'INFO', 'WARN', 'ERROR'))
)
NOLOGGING;

PROMPT Creating table APP_PARAMETERS
CREATE TABLE app_parameters
(
    param_name     VARCHAR2(64)        NOT NULL,
    param_value    VARCHAR2(4000),
    description    VARCHAR2(400 CHAR),
    updated_at     DATE                DEFAULT SYSDATE NOT NULL,
    updated_by     VARCHAR2(128)       DEFAULT USER NOT NULL,
    CONSTRAINT app_parameters_pk PRIMARY KEY (param_name)
);

PROMPT Creating table LEGACY_EMPLOYEE_NOTES (migrated from the 1998 personnel system)
CREATE TABLE legacy_employee_notes
(
    note_id        NUMBER          NOT NULL,
    employee_id    NUMBER,
    note_date      DATE,
    author         VARCHAR2(30),
    note_text      LONG,
    CONSTRAINT legacy_employee_notes_pk PRIMARY KEY (note_id)
)
PCTFREE 10
PCTUSED 40
STORAGE (INITIAL 64K NEXT 1M PCTINCREASE 0 MAXEXTENTS UNLIMITED);
