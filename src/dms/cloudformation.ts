/**
 * `orapg dms plan --format cloudformation`: the same resources as a CloudFormation template, for
 * teams that deploy through stacks. Passwords become NoEcho parameters (or stay in Secrets
 * Manager); the template itself holds no secret. `cloudFormationSchema` validates the shape.
 */
import { z } from 'zod';
import type { DmsConfig } from './config.js';
import type { DmsDocuments } from './documents.js';
import { PROJECT_TAG } from './plan.js';
import type { EndpointDoc } from './settings.js';

const ref = z.object({ Ref: z.string() }).strict();
const tagList = z.array(z.object({ Key: z.string(), Value: z.string() }).strict());
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const subnetGroup = z
  .object({
    Type: z.literal('AWS::DMS::ReplicationSubnetGroup'),
    Properties: z
      .object({
        ReplicationSubnetGroupIdentifier: z.string(),
        ReplicationSubnetGroupDescription: z.string().min(1),
        SubnetIds: z.array(z.string()).min(1),
        Tags: tagList,
      })
      .strict(),
  })
  .strict();

const instance = z
  .object({
    Type: z.literal('AWS::DMS::ReplicationInstance'),
    Properties: z
      .object({
        ReplicationInstanceIdentifier: z.string(),
        ReplicationInstanceClass: z.string(),
        AllocatedStorage: z.number().int(),
        MultiAZ: z.boolean(),
        EngineVersion: z.string().optional(),
        PubliclyAccessible: z.boolean(),
        VpcSecurityGroupIds: z.array(z.string()).optional(),
        ReplicationSubnetGroupIdentifier: z.union([z.string(), ref]),
        KmsKeyId: z.string().optional(),
        Tags: tagList,
      })
      .strict(),
  })
  .strict();

const endpoint = z
  .object({
    Type: z.literal('AWS::DMS::Endpoint'),
    Properties: z
      .object({
        EndpointIdentifier: z.string(),
        EndpointType: z.enum(['source', 'target']),
        EngineName: z.enum(['oracle', 'postgres']),
        ServerName: z.string().optional(),
        Port: z.number().int().optional(),
        DatabaseName: z.string(),
        Username: z.string().optional(),
        Password: ref.optional(),
        SslMode: z.string(),
        CertificateArn: z.string().optional(),
        OracleSettings: z.record(z.string(), scalar).optional(),
        PostgreSqlSettings: z.record(z.string(), scalar).optional(),
        Tags: tagList,
      })
      .strict()
      .refine((p) => !JSON.stringify(p).match(/"Password"\s*:\s*"/), 'no literal password'),
  })
  .strict();

const task = z
  .object({
    Type: z.literal('AWS::DMS::ReplicationTask'),
    Properties: z
      .object({
        ReplicationTaskIdentifier: z.string(),
        MigrationType: z.enum(['full-load', 'cdc', 'full-load-and-cdc']),
        ReplicationInstanceArn: ref,
        SourceEndpointArn: ref,
        TargetEndpointArn: ref,
        TableMappings: z.string().refine((s) => !!JSON.parse(s).rules, 'TableMappings is a JSON document'),
        ReplicationTaskSettings: z.string().refine((s) => typeof JSON.parse(s) === 'object', 'JSON document'),
        Tags: tagList,
      })
      .strict(),
  })
  .strict();

export const cloudFormationSchema = z
  .object({
    AWSTemplateFormatVersion: z.literal('2010-09-09'),
    Description: z.string(),
    Parameters: z.record(
      z.string(),
      z.object({ Type: z.literal('String'), NoEcho: z.literal(true), Description: z.string() }).strict(),
    ),
    Resources: z.record(z.string(), z.union([subnetGroup, instance, endpoint, task])),
  })
  .strict()
  .superRefine((t, ctx) => {
    // Every Ref points at a resource or a parameter of the template.
    const names = new Set([...Object.keys(t.Resources), ...Object.keys(t.Parameters)]);
    for (const m of JSON.stringify(t.Resources).matchAll(/\{"Ref":"([^"]+)"\}/g))
      if (!names.has(m[1])) ctx.addIssue({ code: 'custom', message: `Ref to unknown ${m[1]}` });
  });

export type CloudFormationTemplate = z.infer<typeof cloudFormationSchema>;

function endpointResource(
  doc: EndpointDoc,
  cfg: DmsConfig['source'] | DmsConfig['target'],
  passwordParam: string | undefined,
  tags: { Key: string; Value: string }[],
) {
  const settings = { ...(doc.OracleSettings ?? doc.PostgreSQLSettings) } as Record<
    string,
    string | number | boolean
  >;
  // Connection fields are top-level properties in CloudFormation.
  for (const k of ['ServerName', 'Port', 'DatabaseName', 'Username']) delete settings[k];
  return {
    Type: 'AWS::DMS::Endpoint' as const,
    Properties: {
      EndpointIdentifier: doc.EndpointIdentifier,
      EndpointType: doc.EndpointType,
      EngineName: doc.EngineName,
      ...('env' in cfg.password ? { ServerName: cfg.server, Port: cfg.port, Username: cfg.username } : {}),
      DatabaseName: cfg.database,
      ...(passwordParam ? { Password: { Ref: passwordParam } } : {}),
      SslMode: doc.SslMode,
      ...(doc.CertificateArn ? { CertificateArn: doc.CertificateArn } : {}),
      ...(doc.EngineName === 'oracle' ? { OracleSettings: settings } : { PostgreSqlSettings: settings }),
      Tags: tags,
    },
  };
}

export function buildCloudFormation(config: DmsConfig, docs: DmsDocuments): CloudFormationTemplate {
  const tags = [{ Key: PROJECT_TAG, Value: config.project }];
  const ri = config.replicationInstance;
  const params: CloudFormationTemplate['Parameters'] = {};
  if ('env' in config.source.password)
    params.SourcePassword = {
      Type: 'String',
      NoEcho: true,
      Description: `Oracle password of ${config.source.username}`,
    };
  if ('env' in config.target.password)
    params.TargetPassword = {
      Type: 'String',
      NoEcho: true,
      Description: `PostgreSQL password of ${config.target.username}`,
    };
  const resources: Record<string, unknown> = {};
  if (ri.subnetGroup.subnetIds?.length)
    resources.SubnetGroup = {
      Type: 'AWS::DMS::ReplicationSubnetGroup',
      Properties: {
        ReplicationSubnetGroupIdentifier: ri.subnetGroup.id,
        ReplicationSubnetGroupDescription: ri.subnetGroup.description,
        SubnetIds: ri.subnetGroup.subnetIds,
        Tags: tags,
      },
    };
  resources.ReplicationInstance = {
    Type: 'AWS::DMS::ReplicationInstance',
    Properties: {
      ReplicationInstanceIdentifier: ri.id,
      ReplicationInstanceClass: ri.class,
      AllocatedStorage: ri.allocatedStorage,
      MultiAZ: ri.multiAz,
      ...(ri.engineVersion ? { EngineVersion: ri.engineVersion } : {}),
      PubliclyAccessible: ri.publiclyAccessible,
      ...(ri.securityGroupIds.length ? { VpcSecurityGroupIds: ri.securityGroupIds } : {}),
      ReplicationSubnetGroupIdentifier: resources.SubnetGroup ? { Ref: 'SubnetGroup' } : ri.subnetGroup.id,
      ...(ri.kmsKeyId ? { KmsKeyId: ri.kmsKeyId } : {}),
      Tags: tags,
    },
  };
  resources.SourceEndpoint = endpointResource(
    docs.sourceEndpoint,
    config.source,
    params.SourcePassword ? 'SourcePassword' : undefined,
    tags,
  );
  resources.TargetEndpoint = endpointResource(
    docs.targetEndpoint,
    config.target,
    params.TargetPassword ? 'TargetPassword' : undefined,
    tags,
  );
  resources.ReplicationTask = {
    Type: 'AWS::DMS::ReplicationTask',
    Properties: {
      ReplicationTaskIdentifier: config.task.id,
      MigrationType: config.task.migrationType,
      ReplicationInstanceArn: { Ref: 'ReplicationInstance' },
      SourceEndpointArn: { Ref: 'SourceEndpoint' },
      TargetEndpointArn: { Ref: 'TargetEndpoint' },
      TableMappings: JSON.stringify(docs.tableMappings),
      ReplicationTaskSettings: JSON.stringify(docs.taskSettings),
      Tags: tags,
    },
  };
  return cloudFormationSchema.parse({
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `orapg DMS resources for ${config.project}`,
    Parameters: params,
    Resources: resources,
  });
}
