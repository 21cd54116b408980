/**
 * The catalog queries `orapg snapshot` runs. Each one reads one family of objects for all the
 * requested owners at once (`OWNER IN (:o0, :o1, …)`), so the number of round trips does not grow
 * with the number of tables. Each SQL text starts with a `/* orapg:<name> *\/` tag: it shows in
 * V$SQL for the DBA, and the test double recognises queries by it.
 *
 * Queries on DBA_* views need SELECT_CATALOG_ROLE (or SELECT ANY DICTIONARY). Each of them has a
 * fallback on ALL_* views or none at all; the snapshot lists what was missing and what it cost.
 */

export interface MissingPrivilegeInfo {
  /** The view that could not be read. */
  object: string;
  /** What the snapshot does without it. */
  effect: string;
  /** The grant that would give it. */
  grant: string;
}

export interface CatalogQuery {
  name: string;
  /** SQL with `:owners` where the owner list goes. */
  sql: string;
  /** Used when `sql` fails with ORA-00942 / ORA-01031; absent: the data is skipped. */
  fallback?: string;
  /** Set for queries that may fail for lack of privileges (DBA_* views). */
  privileged?: MissingPrivilegeInfo;
}

const CATALOG_GRANT = 'GRANT SELECT_CATALOG_ROLE TO <user>';

export const SESSION_QUERY = `/* orapg:session */
SELECT SYS_CONTEXT('USERENV', 'SESSION_USER') AS SESSION_USER,
       SYS_CONTEXT('USERENV', 'DB_NAME') AS DB_NAME,
       (SELECT VERSION FROM PRODUCT_COMPONENT_VERSION
         WHERE PRODUCT LIKE 'Oracle Database%' AND ROWNUM = 1) AS VERSION,
       (SELECT VALUE FROM NLS_DATABASE_PARAMETERS WHERE PARAMETER = 'NLS_CHARACTERSET') AS CHARACTER_SET,
       (SELECT VALUE FROM NLS_DATABASE_PARAMETERS WHERE PARAMETER = 'NLS_NCHAR_CHARACTERSET') AS NCHAR_CHARACTER_SET
  FROM DUAL`;

export const USERS_QUERY = `/* orapg:users */
SELECT USERNAME FROM ALL_USERS WHERE USERNAME IN :owners`;

export const CATALOG_QUERIES: CatalogQuery[] = [
  {
    name: 'tables',
    sql: `/* orapg:tables */
SELECT t.OWNER, t.TABLE_NAME, t.TABLESPACE_NAME, t.IOT_TYPE, t.TEMPORARY, t.DURATION, t.PARTITIONED,
       t.NESTED, t.NUM_ROWS, t.BLOCKS, t.AVG_ROW_LEN, t.LAST_ANALYZED, t.COMPRESSION, t.LOGGING,
       TRIM(t.DEGREE) AS DEGREE, t.ROW_MOVEMENT,
       CASE WHEN EXISTS (SELECT 1 FROM ALL_EXTERNAL_TABLES e
                          WHERE e.OWNER = t.OWNER AND e.TABLE_NAME = t.TABLE_NAME) THEN 'YES' ELSE 'NO' END AS EXTERNAL
  FROM ALL_TABLES t
 WHERE t.OWNER IN :owners
   AND t.SECONDARY = 'N' AND t.DROPPED = 'NO'
   AND (t.IOT_TYPE IS NULL OR t.IOT_TYPE = 'IOT')
   AND t.TABLE_NAME NOT LIKE 'MLOG$\\_%' ESCAPE '\\' AND t.TABLE_NAME NOT LIKE 'RUPD$\\_%' ESCAPE '\\'
   AND NOT EXISTS (SELECT 1 FROM ALL_MVIEWS m WHERE m.OWNER = t.OWNER AND m.MVIEW_NAME = t.TABLE_NAME)`,
  },
  {
    name: 'columns',
    sql: `/* orapg:columns */
SELECT OWNER, TABLE_NAME, COLUMN_NAME, DATA_TYPE, DATA_TYPE_OWNER, DATA_LENGTH, DATA_PRECISION, DATA_SCALE,
       NULLABLE, COLUMN_ID, DATA_DEFAULT, CHAR_LENGTH, CHAR_USED, HIDDEN_COLUMN, VIRTUAL_COLUMN,
       DEFAULT_ON_NULL, IDENTITY_COLUMN, NUM_DISTINCT, NUM_NULLS, LOW_VALUE, HIGH_VALUE
  FROM ALL_TAB_COLS
 WHERE OWNER IN :owners AND USER_GENERATED = 'YES' AND TABLE_NAME NOT LIKE 'BIN$%'`,
  },
  {
    name: 'identity',
    sql: `/* orapg:identity */
SELECT OWNER, TABLE_NAME, COLUMN_NAME, GENERATION_TYPE, SEQUENCE_NAME, IDENTITY_OPTIONS
  FROM ALL_TAB_IDENTITY_COLS
 WHERE OWNER IN :owners`,
  },
  {
    name: 'constraints',
    sql: `/* orapg:constraints */
SELECT OWNER, CONSTRAINT_NAME, CONSTRAINT_TYPE, TABLE_NAME, SEARCH_CONDITION, R_OWNER, R_CONSTRAINT_NAME,
       DELETE_RULE, STATUS, DEFERRABLE, DEFERRED, VALIDATED, GENERATED, RELY, INDEX_NAME
  FROM ALL_CONSTRAINTS
 WHERE OWNER IN :owners AND TABLE_NAME NOT LIKE 'BIN$%'`,
  },
  {
    name: 'constraintColumns',
    sql: `/* orapg:constraintColumns */
SELECT OWNER, CONSTRAINT_NAME, TABLE_NAME, COLUMN_NAME, POSITION
  FROM ALL_CONS_COLUMNS
 WHERE OWNER IN :owners
    OR (OWNER, CONSTRAINT_NAME) IN (SELECT R_OWNER, R_CONSTRAINT_NAME FROM ALL_CONSTRAINTS
                                     WHERE OWNER IN :owners AND CONSTRAINT_TYPE = 'R')`,
  },
  {
    name: 'indexes',
    sql: `/* orapg:indexes */
SELECT OWNER, INDEX_NAME, INDEX_TYPE, TABLE_OWNER, TABLE_NAME, UNIQUENESS, COMPRESSION, TABLESPACE_NAME,
       LOGGING, TRIM(DEGREE) AS DEGREE, PARTITIONED, GENERATED, VISIBILITY
  FROM ALL_INDEXES
 WHERE OWNER IN :owners AND INDEX_TYPE <> 'LOB' AND TABLE_TYPE = 'TABLE' AND TABLE_NAME NOT LIKE 'BIN$%'`,
  },
  {
    name: 'indexColumns',
    sql: `/* orapg:indexColumns */
SELECT INDEX_OWNER, INDEX_NAME, TABLE_OWNER, TABLE_NAME, COLUMN_NAME, COLUMN_POSITION, DESCEND
  FROM ALL_IND_COLUMNS
 WHERE INDEX_OWNER IN :owners`,
  },
  {
    name: 'indexExpressions',
    sql: `/* orapg:indexExpressions */
SELECT INDEX_OWNER, INDEX_NAME, TABLE_OWNER, TABLE_NAME, COLUMN_EXPRESSION, COLUMN_POSITION
  FROM ALL_IND_EXPRESSIONS
 WHERE INDEX_OWNER IN :owners`,
  },
  {
    name: 'partIndexes',
    sql: `/* orapg:partIndexes */
SELECT OWNER, INDEX_NAME, TABLE_NAME, PARTITIONING_TYPE, LOCALITY
  FROM ALL_PART_INDEXES
 WHERE OWNER IN :owners`,
  },
  {
    name: 'partTables',
    sql: `/* orapg:partTables */
SELECT OWNER, TABLE_NAME, PARTITIONING_TYPE, SUBPARTITIONING_TYPE, PARTITION_COUNT, DEF_SUBPARTITION_COUNT,
       INTERVAL
  FROM ALL_PART_TABLES
 WHERE OWNER IN :owners`,
  },
  {
    name: 'partKeys',
    sql: `/* orapg:partKeys */
SELECT 'PARTITION' AS KEY_KIND, OWNER, NAME, COLUMN_NAME, COLUMN_POSITION
  FROM ALL_PART_KEY_COLUMNS WHERE OWNER IN :owners AND OBJECT_TYPE = 'TABLE'
UNION ALL
SELECT 'SUBPARTITION', OWNER, NAME, COLUMN_NAME, COLUMN_POSITION
  FROM ALL_SUBPART_KEY_COLUMNS WHERE OWNER IN :owners AND OBJECT_TYPE = 'TABLE'`,
  },
  {
    name: 'partitions',
    sql: `/* orapg:partitions */
SELECT TABLE_OWNER, TABLE_NAME, PARTITION_NAME, PARTITION_POSITION, HIGH_VALUE, SUBPARTITION_COUNT, INTERVAL
  FROM ALL_TAB_PARTITIONS
 WHERE TABLE_OWNER IN :owners`,
  },
  {
    name: 'lobs',
    sql: `/* orapg:lobs */
SELECT OWNER, TABLE_NAME, COLUMN_NAME, SEGMENT_NAME, SECUREFILE, IN_ROW, CHUNK, CACHE
  FROM ALL_LOBS
 WHERE OWNER IN :owners`,
  },
  {
    name: 'sequences',
    sql: `/* orapg:sequences */
SELECT SEQUENCE_OWNER, SEQUENCE_NAME, TO_CHAR(MIN_VALUE) AS MIN_VALUE, TO_CHAR(MAX_VALUE) AS MAX_VALUE,
       TO_CHAR(INCREMENT_BY) AS INCREMENT_BY, CYCLE_FLAG, ORDER_FLAG, CACHE_SIZE, TO_CHAR(LAST_NUMBER) AS LAST_NUMBER
  FROM ALL_SEQUENCES
 WHERE SEQUENCE_OWNER IN :owners AND SEQUENCE_NAME NOT LIKE 'ISEQ$$\\_%' ESCAPE '\\'`,
  },
  {
    name: 'views',
    sql: `/* orapg:views */
SELECT OWNER, VIEW_NAME, TEXT
  FROM ALL_VIEWS
 WHERE OWNER IN :owners`,
  },
  {
    name: 'mviews',
    sql: `/* orapg:mviews */
SELECT OWNER, MVIEW_NAME, QUERY, REFRESH_METHOD, REFRESH_MODE, BUILD_MODE
  FROM ALL_MVIEWS
 WHERE OWNER IN :owners`,
  },
  {
    name: 'synonyms',
    sql: `/* orapg:synonyms */
SELECT OWNER, SYNONYM_NAME, TABLE_OWNER, TABLE_NAME, DB_LINK
  FROM ALL_SYNONYMS
 WHERE OWNER IN :owners OR (OWNER = 'PUBLIC' AND TABLE_OWNER IN :owners)`,
  },
  {
    name: 'objects',
    sql: `/* orapg:objects */
SELECT OWNER, OBJECT_NAME, OBJECT_TYPE, STATUS
  FROM ALL_OBJECTS
 WHERE OWNER IN :owners
   AND OBJECT_TYPE IN ('PROCEDURE', 'FUNCTION', 'PACKAGE', 'PACKAGE BODY', 'TRIGGER', 'TYPE', 'TYPE BODY')`,
  },
  {
    name: 'source',
    sql: `/* orapg:source */
SELECT OWNER, NAME, TYPE, LINE, TEXT
  FROM ALL_SOURCE
 WHERE OWNER IN :owners
   AND TYPE IN ('PROCEDURE', 'FUNCTION', 'PACKAGE', 'PACKAGE BODY', 'TRIGGER', 'TYPE', 'TYPE BODY')
 ORDER BY OWNER, TYPE, NAME, LINE`,
  },
  {
    name: 'triggers',
    sql: `/* orapg:triggers */
SELECT OWNER, TRIGGER_NAME, TABLE_OWNER, TABLE_NAME, BASE_OBJECT_TYPE, STATUS
  FROM ALL_TRIGGERS
 WHERE OWNER IN :owners`,
  },
  {
    name: 'comments',
    sql: `/* orapg:comments */
SELECT OWNER, TABLE_NAME, CAST(NULL AS VARCHAR2(128)) AS COLUMN_NAME, COMMENTS
  FROM ALL_TAB_COMMENTS
 WHERE OWNER IN :owners AND COMMENTS IS NOT NULL
UNION ALL
SELECT OWNER, TABLE_NAME, COLUMN_NAME, COMMENTS
  FROM ALL_COL_COMMENTS
 WHERE OWNER IN :owners AND COMMENTS IS NOT NULL`,
  },
  {
    name: 'grants',
    sql: `/* orapg:grants */
SELECT GRANTEE, OWNER AS TABLE_SCHEMA, TABLE_NAME, PRIVILEGE, GRANTABLE, TYPE, CAST(NULL AS VARCHAR2(128)) AS COLUMN_NAME
  FROM DBA_TAB_PRIVS
 WHERE OWNER IN :owners
UNION ALL
SELECT GRANTEE, OWNER, TABLE_NAME, PRIVILEGE, GRANTABLE, NULL, COLUMN_NAME
  FROM DBA_COL_PRIVS
 WHERE OWNER IN :owners`,
    fallback: `/* orapg:grants */
SELECT GRANTEE, TABLE_SCHEMA, TABLE_NAME, PRIVILEGE, GRANTABLE, TYPE, CAST(NULL AS VARCHAR2(128)) AS COLUMN_NAME
  FROM ALL_TAB_PRIVS
 WHERE TABLE_SCHEMA IN :owners
UNION ALL
SELECT GRANTEE, TABLE_SCHEMA, TABLE_NAME, PRIVILEGE, GRANTABLE, NULL, COLUMN_NAME
  FROM ALL_COL_PRIVS
 WHERE TABLE_SCHEMA IN :owners`,
    privileged: {
      object: 'DBA_TAB_PRIVS',
      effect:
        'grants read from ALL_TAB_PRIVS: only grants this user made, received or holds through a role are listed',
      grant: CATALOG_GRANT,
    },
  },
  {
    name: 'roles',
    sql: `/* orapg:roles */
SELECT r.ROLE, p.GRANTED_ROLE
  FROM DBA_ROLES r
  LEFT JOIN DBA_ROLE_PRIVS p ON p.GRANTEE = r.ROLE
 WHERE r.ORACLE_MAINTAINED = 'N'
   AND r.ROLE IN (SELECT GRANTEE FROM DBA_TAB_PRIVS WHERE OWNER IN :owners
                  UNION SELECT GRANTED_ROLE FROM DBA_ROLE_PRIVS
                         WHERE GRANTEE IN (SELECT GRANTEE FROM DBA_TAB_PRIVS WHERE OWNER IN :owners))`,
    privileged: {
      object: 'DBA_ROLES',
      effect: 'roles are not listed: grantees become NOLOGIN roles and role-to-role grants are missing',
      grant: CATALOG_GRANT,
    },
  },
  {
    name: 'dependencies',
    sql: `/* orapg:dependencies */
SELECT OWNER, NAME, TYPE, REFERENCED_OWNER, REFERENCED_NAME, REFERENCED_TYPE, REFERENCED_LINK_NAME
  FROM ALL_DEPENDENCIES
 WHERE OWNER IN :owners AND REFERENCED_OWNER <> 'SYS'`,
  },
  {
    name: 'segments',
    sql: `/* orapg:segments */
SELECT OWNER, SEGMENT_NAME, SEGMENT_TYPE, SUM(BYTES) AS BYTES
  FROM DBA_SEGMENTS
 WHERE OWNER IN :owners
 GROUP BY OWNER, SEGMENT_NAME, SEGMENT_TYPE`,
    privileged: {
      object: 'DBA_SEGMENTS',
      effect: 'table sizes are estimated from ALL_TABLES.BLOCKS × 8 KB (statistics may be stale or missing)',
      grant: CATALOG_GRANT,
    },
  },
  {
    name: 'logGroups',
    sql: `/* orapg:logGroups */
SELECT OWNER, LOG_GROUP_NAME, TABLE_NAME, LOG_GROUP_TYPE, ALWAYS, GENERATED
  FROM ALL_LOG_GROUPS
 WHERE OWNER IN :owners`,
  },
];

/** DBMS_METADATA text for every object (`orapg snapshot --ddl`); one query, CLOBs fetched as strings. */
export const DDL_SETUP = `/* orapg:ddlSetup */
BEGIN
  DBMS_METADATA.SET_TRANSFORM_PARAM(DBMS_METADATA.SESSION_TRANSFORM, 'SQLTERMINATOR', TRUE);
  DBMS_METADATA.SET_TRANSFORM_PARAM(DBMS_METADATA.SESSION_TRANSFORM, 'PRETTY', TRUE);
  DBMS_METADATA.SET_TRANSFORM_PARAM(DBMS_METADATA.SESSION_TRANSFORM, 'SEGMENT_ATTRIBUTES', FALSE);
  DBMS_METADATA.SET_TRANSFORM_PARAM(DBMS_METADATA.SESSION_TRANSFORM, 'CONSTRAINTS_AS_ALTER', TRUE);
END;`;

export const DDL_QUERY: CatalogQuery = {
  name: 'ddl',
  sql: `/* orapg:ddl */
SELECT OWNER, OBJECT_TYPE, OBJECT_NAME,
       DBMS_METADATA.GET_DDL(DECODE(OBJECT_TYPE, 'PACKAGE', 'PACKAGE_SPEC', 'PACKAGE BODY', 'PACKAGE_BODY',
                                    'TYPE', 'TYPE_SPEC', 'TYPE BODY', 'TYPE_BODY',
                                    'MATERIALIZED VIEW', 'MATERIALIZED_VIEW', OBJECT_TYPE),
                             OBJECT_NAME, OWNER) AS DDL
  FROM ALL_OBJECTS
 WHERE OWNER IN :owners AND GENERATED = 'N'
   AND OBJECT_TYPE IN ('SEQUENCE', 'TABLE', 'INDEX', 'VIEW', 'MATERIALIZED VIEW', 'SYNONYM', 'TYPE', 'TYPE BODY',
                       'FUNCTION', 'PROCEDURE', 'PACKAGE', 'PACKAGE BODY', 'TRIGGER')`,
  privileged: {
    object: 'DBMS_METADATA',
    effect:
      'DBMS_METADATA only returns DDL of objects this user owns; the structured catalog is used instead',
    grant: CATALOG_GRANT,
  },
};

/** The tag at the start of a query's SQL (`orapg:<name>`), or undefined. */
export function queryTag(sql: string): string | undefined {
  return /^\/\* orapg:(\w+) \*\//.exec(sql)?.[1];
}

/** Replaces every `:owners` with a bind list and returns the binds. */
export function bindOwners(sql: string, owners: string[]): { sql: string; binds: Record<string, string> } {
  const binds: Record<string, string> = {};
  owners.forEach((o, i) => {
    binds[`o${i}`] = o;
  });
  const list = `(${owners.map((_, i) => `:o${i}`).join(', ')})`;
  return { sql: sql.split(':owners').join(list), binds };
}
