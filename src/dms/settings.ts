/**
 * DMS task settings and endpoint settings, validated by zod.
 *
 * Task settings: our DDL created the tables, so TargetTablePrepMode is DO_NOTHING; a full load +
 * CDC task stops after the full load before applying cached changes (the post-load pause in which
 * the post-data phase runs); LOBs in limited mode with the largest measured size (per-table
 * overrides live in the table mappings); validation on; control tables on for status and latency.
 *
 * Endpoint settings never hold a password: the document is what we print and store; the password
 * (from the environment) is added only to the API call, or DMS reads it from Secrets Manager.
 */
import { z } from 'zod';
import type { DmsConfig } from './config.js';
import { type TableLob, taskLobMaxKb } from './lob.js';

const severity = z.enum([
  'LOGGER_SEVERITY_DEFAULT',
  'LOGGER_SEVERITY_INFO',
  'LOGGER_SEVERITY_WARNING',
  'LOGGER_SEVERITY_ERROR',
  'LOGGER_SEVERITY_DEBUG',
  'LOGGER_SEVERITY_DETAILED_DEBUG',
]);
const errorPolicy = z.enum(['IGNORE_RECORD', 'LOG_ERROR', 'SUSPEND_TABLE', 'STOP_TASK']);

export const taskSettingsSchema = z
  .object({
    TargetMetadata: z
      .object({
        TargetSchema: z.literal(''),
        SupportLobs: z.boolean(),
        FullLobMode: z.boolean(),
        LobChunkSize: z.number().int().min(1).max(64),
        LimitedSizeLobMode: z.boolean(),
        LobMaxSize: z.number().int().min(1).max(102400),
        InlineLobMaxSize: z.number().int().min(0).max(102400),
        LoadMaxFileSize: z.number().int().min(0),
        ParallelLoadThreads: z.number().int().min(0).max(32),
        ParallelLoadBufferSize: z.number().int().min(0).max(1000),
        BatchApplyEnabled: z.boolean(),
        TaskRecoveryTableEnabled: z.boolean(),
      })
      .strict()
      .refine((t) => !t.SupportLobs || t.FullLobMode !== t.LimitedSizeLobMode, 'exactly one LOB mode'),
    FullLoadSettings: z
      .object({
        TargetTablePrepMode: z.literal('DO_NOTHING'),
        CreatePkAfterFullLoad: z.boolean(),
        StopTaskCachedChangesApplied: z.boolean(),
        StopTaskCachedChangesNotApplied: z.boolean(),
        MaxFullLoadSubTasks: z.number().int().min(1).max(49),
        TransactionConsistencyTimeout: z.number().int().min(0),
        CommitRate: z.number().int().min(1000).max(50000),
      })
      .strict()
      .refine(
        (f) => !(f.StopTaskCachedChangesApplied && f.StopTaskCachedChangesNotApplied),
        'stop before or after cached changes, not both',
      ),
    Logging: z
      .object({
        EnableLogging: z.boolean(),
        LogComponents: z.array(z.object({ Id: z.string(), Severity: severity }).strict()),
      })
      .strict(),
    ControlTablesSettings: z
      .object({
        ControlSchema: z.string().regex(/^[a-z_][a-z0-9_]*$/),
        HistoryTimeslotInMinutes: z.number().int().min(1),
        HistoryTableEnabled: z.boolean(),
        SuspendedTablesTableEnabled: z.boolean(),
        StatusTableEnabled: z.boolean(),
      })
      .strict(),
    ChangeProcessingDdlHandlingPolicy: z
      .object({
        HandleSourceTableDropped: z.boolean(),
        HandleSourceTableTruncated: z.boolean(),
        HandleSourceTableAltered: z.boolean(),
      })
      .strict(),
    ErrorBehavior: z
      .object({
        DataErrorPolicy: errorPolicy,
        DataTruncationErrorPolicy: errorPolicy,
        DataErrorEscalationPolicy: errorPolicy,
        TableErrorPolicy: errorPolicy,
        TableErrorEscalationPolicy: errorPolicy,
        ApplyErrorDeletePolicy: errorPolicy,
        ApplyErrorInsertPolicy: z.enum([
          'IGNORE_RECORD',
          'LOG_ERROR',
          'SUSPEND_TABLE',
          'STOP_TASK',
          'INSERT_RECORD',
        ]),
        ApplyErrorUpdatePolicy: z.enum([
          'IGNORE_RECORD',
          'LOG_ERROR',
          'SUSPEND_TABLE',
          'STOP_TASK',
          'UPDATE_RECORD',
        ]),
        ApplyErrorEscalationPolicy: errorPolicy,
        RecoverableErrorCount: z.number().int(),
        FullLoadIgnoreConflicts: z.boolean(),
        FailOnNoTablesCaptured: z.boolean(),
      })
      .strict(),
    ValidationSettings: z
      .object({
        EnableValidation: z.boolean(),
        ValidationMode: z.enum(['ROW_LEVEL', 'GROUP_LEVEL']),
        ThreadCount: z.number().int().min(1),
        PartitionSize: z.number().int().min(1),
        FailureMaxCount: z.number().int().min(0),
        TableFailureMaxCount: z.number().int().min(0),
        RecordFailureDelayLimitInMinutes: z.number().int().min(0),
        HandleCollationDiff: z.boolean(),
        SkipLobColumns: z.boolean(),
        ValidationPartialLobSize: z.number().int().min(0),
        ValidationOnly: z.boolean(),
      })
      .strict(),
  })
  .strict();

export type TaskSettings = z.infer<typeof taskSettingsSchema>;

const LOG_COMPONENTS = [
  'SOURCE_UNLOAD',
  'SOURCE_CAPTURE',
  'TARGET_LOAD',
  'TARGET_APPLY',
  'TASK_MANAGER',
  'VALIDATOR_EXT',
];

export function buildTaskSettings(task: DmsConfig['task'], lobs: TableLob[]): TaskSettings {
  const cdc = task.migrationType === 'full-load-and-cdc';
  return taskSettingsSchema.parse({
    TargetMetadata: {
      TargetSchema: '',
      SupportLobs: true,
      FullLobMode: false,
      LobChunkSize: 64,
      LimitedSizeLobMode: true,
      LobMaxSize: taskLobMaxKb(lobs),
      InlineLobMaxSize: 0,
      LoadMaxFileSize: 0,
      ParallelLoadThreads: 0,
      ParallelLoadBufferSize: 0,
      BatchApplyEnabled: false,
      TaskRecoveryTableEnabled: false,
    },
    FullLoadSettings: {
      TargetTablePrepMode: 'DO_NOTHING',
      CreatePkAfterFullLoad: false,
      StopTaskCachedChangesApplied: false,
      StopTaskCachedChangesNotApplied: cdc,
      MaxFullLoadSubTasks: task.maxFullLoadSubTasks,
      TransactionConsistencyTimeout: 600,
      CommitRate: task.commitRate,
    },
    Logging: {
      EnableLogging: true,
      LogComponents: LOG_COMPONENTS.map((Id) => ({ Id, Severity: 'LOGGER_SEVERITY_DEFAULT' })),
    },
    ControlTablesSettings: {
      ControlSchema: task.controlSchema,
      HistoryTimeslotInMinutes: 5,
      HistoryTableEnabled: cdc,
      SuspendedTablesTableEnabled: cdc,
      StatusTableEnabled: cdc,
    },
    ChangeProcessingDdlHandlingPolicy: {
      HandleSourceTableDropped: false,
      HandleSourceTableTruncated: true,
      HandleSourceTableAltered: false,
    },
    ErrorBehavior: {
      DataErrorPolicy: 'LOG_ERROR',
      DataTruncationErrorPolicy: 'SUSPEND_TABLE',
      DataErrorEscalationPolicy: 'SUSPEND_TABLE',
      TableErrorPolicy: 'SUSPEND_TABLE',
      TableErrorEscalationPolicy: 'STOP_TASK',
      ApplyErrorDeletePolicy: 'IGNORE_RECORD',
      ApplyErrorInsertPolicy: 'LOG_ERROR',
      ApplyErrorUpdatePolicy: 'LOG_ERROR',
      ApplyErrorEscalationPolicy: 'LOG_ERROR',
      RecoverableErrorCount: -1,
      FullLoadIgnoreConflicts: true,
      FailOnNoTablesCaptured: true,
    },
    ValidationSettings: {
      EnableValidation: task.validation,
      ValidationMode: 'ROW_LEVEL',
      ThreadCount: 5,
      PartitionSize: 10000,
      FailureMaxCount: 10000,
      TableFailureMaxCount: 1000,
      RecordFailureDelayLimitInMinutes: 0,
      HandleCollationDiff: false,
      SkipLobColumns: false,
      ValidationPartialLobSize: 0,
      ValidationOnly: false,
    },
  });
}

// ── endpoints ─────────────────────────────────────────────────────────

const noSecrets = (o: Record<string, unknown>) => !Object.keys(o).some((k) => /password/i.test(k));

export const oracleSettingsSchema = z
  .object({
    ServerName: z.string().min(1),
    Port: z.number().int(),
    DatabaseName: z.string().min(1),
    Username: z.string().min(1).optional(),
    UseLogminerReader: z.boolean(),
    UseBFile: z.boolean(),
    ArchivedLogsOnly: z.boolean(),
    AddSupplementalLogging: z.boolean(),
    FailTasksOnLobTruncation: z.boolean(),
    ReadTableSpaceName: z.boolean(),
    SecretsManagerSecretId: z.string().optional(),
    SecretsManagerAccessRoleArn: z.string().optional(),
  })
  .catchall(z.union([z.string(), z.number(), z.boolean()]))
  .refine(noSecrets, 'no password in endpoint documents')
  .refine((s) => s.UseLogminerReader !== s.UseBFile, 'LogMiner or Binary Reader, not both');

export const postgresSettingsSchema = z
  .object({
    ServerName: z.string().min(1),
    Port: z.number().int(),
    DatabaseName: z.string().min(1),
    Username: z.string().min(1).optional(),
    AfterConnectScript: z.string().optional(),
    ExecuteTimeout: z.number().int().min(1),
    FailTasksOnLobTruncation: z.boolean(),
    SecretsManagerSecretId: z.string().optional(),
    SecretsManagerAccessRoleArn: z.string().optional(),
  })
  .catchall(z.union([z.string(), z.number(), z.boolean()]))
  .refine(noSecrets, 'no password in endpoint documents');

export const endpointDocSchema = z
  .object({
    EndpointIdentifier: z.string(),
    EndpointType: z.enum(['source', 'target']),
    EngineName: z.enum(['oracle', 'postgres']),
    SslMode: z.enum(['none', 'require', 'verify-ca', 'verify-full']),
    CertificateArn: z.string().optional(),
    OracleSettings: oracleSettingsSchema.optional(),
    PostgreSQLSettings: postgresSettingsSchema.optional(),
  })
  .strict();

export type EndpointDoc = z.infer<typeof endpointDocSchema>;

function secretFields(p: DmsConfig['source']['password']): Record<string, string> {
  return 'secretsManagerArn' in p
    ? { SecretsManagerSecretId: p.secretsManagerArn, SecretsManagerAccessRoleArn: p.accessRoleArn }
    : {};
}

/** Oracle source endpoint: LogMiner (default) or Binary Reader, archived logs only when asked. */
export function buildSourceEndpoint(s: DmsConfig['source']): EndpointDoc {
  const fromSecret = 'secretsManagerArn' in s.password;
  const settings = {
    ServerName: s.server,
    Port: s.port,
    DatabaseName: s.database,
    ...(fromSecret ? {} : { Username: s.username }),
    UseLogminerReader: s.reader === 'logminer',
    UseBFile: s.reader === 'binary',
    ArchivedLogsOnly: s.archivedLogsOnly,
    AddSupplementalLogging: false,
    FailTasksOnLobTruncation: true,
    ReadTableSpaceName: false,
    ...secretFields(s.password),
    ...(s.extraSettings ?? {}),
  };
  return endpointDocSchema.parse({
    EndpointIdentifier: s.id,
    EndpointType: 'source',
    EngineName: 'oracle',
    SslMode: s.sslMode,
    ...(s.certificateArn ? { CertificateArn: s.certificateArn } : {}),
    OracleSettings: settings,
  });
}

/** PostgreSQL target endpoint: session_replication_role = replica after connect (FKs and triggers off for DMS). */
export function buildTargetEndpoint(t: DmsConfig['target']): EndpointDoc {
  const fromSecret = 'secretsManagerArn' in t.password;
  const settings = {
    ServerName: t.server,
    Port: t.port,
    DatabaseName: t.database,
    ...(fromSecret ? {} : { Username: t.username }),
    ...(t.replicaRole ? { AfterConnectScript: 'SET session_replication_role = replica' } : {}),
    ExecuteTimeout: 3600,
    FailTasksOnLobTruncation: true,
    ...secretFields(t.password),
    ...(t.extraSettings ?? {}),
  };
  return endpointDocSchema.parse({
    EndpointIdentifier: t.id,
    EndpointType: 'target',
    EngineName: 'postgres',
    SslMode: t.sslMode,
    ...(t.certificateArn ? { CertificateArn: t.certificateArn } : {}),
    PostgreSQLSettings: settings,
  });
}
