REM ===========================================================================
REM  HR_APP  -  Human resources, payroll and project time-tracking schema
REM
REM  Master installation script (Oracle Database 19c).
REM  Connect as the schema owner and run from this directory:
REM
REM      sqlplus hr_app@ORCLPDB1 @00_install.sql
REM
REM  The script stops at the first SQL error.  PL/SQL units that compile with
REM  errors do not stop it: check the SHOW ERRORS output in the spool file.
REM ===========================================================================

SET DEFINE OFF
SET ECHO OFF
SET VERIFY OFF
SET FEEDBACK ON
SET SERVEROUTPUT ON SIZE UNLIMITED
SET LINESIZE 200
SET PAGESIZE 100
SET TRIMSPOOL ON

WHENEVER SQLERROR EXIT SQL.SQLCODE ROLLBACK
WHENEVER OSERROR EXIT FAILURE

SPOOL hr_app_install.log

PROMPT
PROMPT ===== HR_APP installation started =====
PROMPT

ALTER SESSION SET NLS_LENGTH_SEMANTICS = BYTE;

PROMPT [1/9] Tables
@@01_tables.sql

PROMPT [2/9] Foreign keys and additional constraints
@@02_constraints.sql

PROMPT [3/9] Indexes
@@03_indexes.sql

PROMPT [4/9] Sequences and triggers
@@04_sequences_triggers.sql

PROMPT [5/9] Views
@@05_views.sql

PROMPT [6/9] Standalone procedures and functions
@@06_code.sql

PROMPT [7/9] Packages
@@07_packages.sql

PROMPT [8/9] Roles, grants, synonyms and comments
@@08_grants_comments.sql

PROMPT [9/9] Reference data
@@09_reference_data.sql

PROMPT Recompiling invalid objects
EXEC DBMS_UTILITY.COMPILE_SCHEMA(schema => USER, compile_all => FALSE);

SELECT object_type, object_name, status
  FROM user_objects
 WHERE status <> 'VALID'
 ORDER BY object_type, object_name;

PROMPT
PROMPT ===== HR_APP installation complete =====

SPOOL OFF
