/**
 * orapg library API.
 *
 *   import { convert, convertSources, splitScript, parseStatement } from 'orapg';
 */
import { convertSources, type ConvertOptions, type ConvertResult, type SourceText } from './convert/index.js';
import { readSources, readTextFile } from './source/files.js';

export { convertSources, orderObjects, parseSources, PHASES, printObject } from './convert/index.js';
export type { ConvertOptions, ConvertResult, SourceText } from './convert/index.js';
export { type Layout, PHASE_FILES, writeResult } from './convert/write.js';
export { allCatalogEntries, catalog, catalogEntry, type CatalogEntry } from './findings/catalog.js';
export type { Finding, Severity, SourceLocation } from './findings/types.js';
export { parseStatement, classify } from './parser/statement.js';
export { splitScript, type ScriptItem, type ScriptOptions } from './source/script.js';
export {
  translate,
  type TranslateOptions,
  type TranslateResult,
  type TranslatedStatement,
} from './translate/index.js';
export { readSources, readTextFile } from './source/files.js';
export { mapType, TYPE_MAPPING_DOC } from './rules/types.js';
export { quoteIdent, quoteLiteral, pgNameOf } from './emit/quote.js';
export type * from './ast/ddl.js';
export type * from './ast/expr.js';
export type * from './ast/query.js';
export type * from './ast/pg.js';
export { verify, maskUrl, type VerifyOptions, type VerifyInput } from './verify/index.js';
export type * from './verify/types.js';

/** Converts Oracle script files or directories (SQL*Plus scripts, includes followed). */
export function convert(paths: string[], options: ConvertOptions = {}): ConvertResult {
  return convertSources(readSources(paths), options, readTextFile);
}

/** Converts one script given as text. */
export function convertText(text: string, options: ConvertOptions = {}, file = 'input.sql'): ConvertResult {
  const sources: SourceText[] = [{ file, text }];
  return convertSources(sources, options, readTextFile);
}

// Assessment report (orapg assess): report.html, report.json, action-items.csv.
export {
  assess,
  assessAndVerify,
  assessSources,
  writeReport,
  readBaseline,
  renderHtml,
  renderJson,
  renderCsv,
  parseReportJson,
  REPORT_FILES,
  REPORT_SCHEMA_VERSION,
  ReportSchema,
  type AssessOptions,
  type AssessResult,
  type Report,
} from './report/index.js';

// DMS data migration (src/dms)
export { buildDmsModel, isLobType, type DmsModel, type DmsTable, type DmsColumn, type DmsSequence, type DmsModelOptions } from './dms/model.js';
export { buildTableMappings, tableMappingsSchema, matchesPattern, type TableMappings, type MappingOptions } from './dms/mappings.js';
export { buildTaskSettings, buildSourceEndpoint, buildTargetEndpoint, taskSettingsSchema, endpointDocSchema, type TaskSettings, type EndpointDoc } from './dms/settings.js';
export { planLobs, taskLobMaxKb, type LobMode, type TableLob } from './dms/lob.js';
export { dmsConfigSchema, parseDmsConfig, loadDmsConfig, type DmsConfig, type DmsConfigInput } from './dms/config.js';
export { buildDmsDocuments, renderDmsFiles, writeDmsFiles, DMS_FILES, type DmsDocuments } from './dms/documents.js';
export { preLoadSteps, postLoadSteps, sequenceSyncSteps, cutoverSteps, runSteps, stepsToScript, type SqlStep } from './dms/post-load.js';
export { Dms, createDmsClient, pollUntil, isRetryable, DEFAULT_RETRY, DEFAULT_POLL, type RetryPolicy, type PollOptions } from './dms/client.js';
export { planResources, formatPlan, type Plan, type PlanStep } from './dms/plan.js';
export { applyResources, testConnection, type ApplyOptions } from './dms/apply.js';
export { runMigration, type RunOptions } from './dms/run.js';
export { readControlTables, countTargetRows, describeTableStatistics, formatStatus } from './dms/status.js';
export { runCutover, cutoverChecks, rollbackPlan, runbook, applicationSwitch, type Check } from './dms/cutover.js';
export { buildPgPrep, verifyPgPrep, type PgPrepOptions } from './dms/prep-pg.js';
export { buildCloudFormation, cloudFormationSchema } from './dms/cloudformation.js';
export { Redactor, MASK } from './dms/secrets.js';

// Oracle source (src/source/oracle): live catalog through oracledb thin mode, catalog snapshots,
// DMS source preparation (orapg snapshot, orapg oracle prep / check).
export { readCatalog, decodeOracleNumber, CatalogError, type ReadCatalogOptions } from './source/oracle/catalog.js';
export {
  connectOracle,
  explainOracleError,
  loadDriver,
  parseOracleTarget,
  resolvePassword,
  OracleConnectError,
  OracleTargetError,
  OUT_FORMAT_OBJECT,
  PASSWORD_ENV,
  type ConnectOptions,
  type OracleConnectionLike,
  type OracleDriverLike,
  type OracleTarget,
} from './source/oracle/connection.js';
export { CATALOG_QUERIES, type CatalogQuery } from './source/oracle/queries.js';
export {
  SnapshotSchema,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  SnapshotError,
  isSnapshotPath,
  parseSnapshot,
  readSnapshotFile,
  serializeSnapshot,
  type Snapshot,
} from './source/oracle/snapshot.js';
export {
  convertSnapshot,
  readSnapshotSource,
  snapshotSource,
  snapshotToStatements,
  type SnapshotModelOptions,
} from './source/oracle/to-model.js';
export { dmsPrivileges, generatePrepSql, type PrepOptions } from './source/oracle/prep.js';
export { evaluatePreflight, runPreflight, type PreflightReport } from './source/oracle/preflight.js';
