/**
 * The DMS configuration file (JSON), validated by zod. Secrets never live in it: a password is
 * named by an environment variable or given as a Secrets Manager secret ARN plus the IAM role DMS
 * assumes to read it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9-]{0,254}$/, 'DMS identifiers: a letter, then letters, digits and hyphens')
  .refine((s) => !s.endsWith('-') && !s.includes('--'), 'no trailing hyphen, no two consecutive hyphens');

export const passwordSource = z.union([
  z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/) }).strict(),
  z
    .object({
      secretsManagerArn: z.string().startsWith('arn:'),
      accessRoleArn: z.string().startsWith('arn:'),
    })
    .strict(),
]);
export type PasswordSource = z.infer<typeof passwordSource>;

/** Settings passed through to DMS as they are; keys that would carry secrets are refused. */
const extraSettings = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .refine(
    (r) => !Object.keys(r).some((k) => /password|secret/i.test(k)),
    'secrets do not go in extraSettings',
  )
  .optional();

export const dmsConfigSchema = z
  .object({
    /** Tag value of orapg:project on every resource; also the default identifier prefix. */
    project: identifier,
    region: z.string().optional(),
    /** Oracle scripts (files or directories), relative to the configuration file. */
    inputs: z.array(z.string()).min(1),
    sourceSchema: z.string().optional(),
    schemaMap: z.record(z.string(), z.string()).default({}),
    defines: z.record(z.string(), z.string()).default({}),
    narrowIntegers: z.boolean().default(false),
    include: z.array(z.string()).default([]),
    exclude: z.array(z.string()).default([]),
    /** Largest LOB in bytes per ORACLE_SCHEMA.TABLE.COLUMN. */
    lobStats: z.record(z.string(), z.number().int().nonnegative()).default({}),
    sequenceOwners: z.record(z.string(), z.string()).default({}),
    replicationInstance: z
      .object({
        id: identifier,
        class: z.string().regex(/^dms\.[a-z0-9]+\.[a-z0-9]+$/),
        allocatedStorage: z.number().int().min(5).max(6144).default(100),
        multiAz: z.boolean().default(true),
        engineVersion: z.string().optional(),
        publiclyAccessible: z.boolean().default(false),
        securityGroupIds: z.array(z.string()).default([]),
        kmsKeyId: z.string().optional(),
        subnetGroup: z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9 ._-]{0,254}$/i),
            description: z.string().default('orapg replication subnet group'),
            /** When given, orapg creates or updates the group; otherwise it must exist. */
            subnetIds: z.array(z.string()).optional(),
          })
          .strict(),
      })
      .strict(),
    source: z
      .object({
        id: identifier,
        server: z.string().min(1),
        port: z.number().int().default(1521),
        /** Service name (or SID) of the source database. */
        database: z.string().min(1),
        username: z.string().min(1),
        password: passwordSource,
        reader: z.enum(['logminer', 'binary']).default('logminer'),
        archivedLogsOnly: z.boolean().default(false),
        sslMode: z.enum(['none', 'require', 'verify-ca', 'verify-full']).default('none'),
        certificateArn: z.string().optional(),
        extraSettings,
      })
      .strict(),
    target: z
      .object({
        id: identifier,
        server: z.string().min(1),
        port: z.number().int().default(5432),
        database: z.string().min(1),
        username: z.string().min(1),
        password: passwordSource,
        sslMode: z.enum(['none', 'require', 'verify-ca', 'verify-full']).default('require'),
        certificateArn: z.string().optional(),
        /** SET session_replication_role = replica after DMS connects (FKs and user triggers off for DMS). */
        replicaRole: z.boolean().default(true),
        extraSettings,
      })
      .strict(),
    task: z
      .object({
        id: identifier,
        migrationType: z.enum(['full-load', 'full-load-and-cdc']).default('full-load-and-cdc'),
        validation: z.boolean().default(true),
        maxFullLoadSubTasks: z.number().int().min(1).max(49).default(8),
        commitRate: z.number().int().min(1000).max(50000).default(10000),
        controlSchema: z.string().default('awsdms_control'),
      })
      .strict(),
    cutover: z
      .object({
        maxLatencySeconds: z.number().nonnegative().default(5),
        /** awsdms_status rows older than this are not trusted as a latency figure. */
        maxStatusAgeSeconds: z.number().positive().default(120),
      })
      .strict()
      .default({ maxLatencySeconds: 5, maxStatusAgeSeconds: 120 }),
  })
  .strict();

export type DmsConfig = z.infer<typeof dmsConfigSchema>;
export type DmsConfigInput = z.input<typeof dmsConfigSchema>;

/** Parses a configuration object; errors name the offending field. */
export function parseDmsConfig(raw: unknown): DmsConfig {
  const r = dmsConfigSchema.safeParse(raw);
  if (!r.success)
    throw new Error(
      `invalid DMS configuration: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}

/** Reads a JSON configuration file; `inputs` are resolved relative to it. */
export function loadDmsConfig(path: string): DmsConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read DMS configuration ${path}: ${(e as Error).message}`);
  }
  const config = parseDmsConfig(raw);
  const base = dirname(resolve(path));
  return { ...config, inputs: config.inputs.map((p) => resolve(base, p)) };
}
