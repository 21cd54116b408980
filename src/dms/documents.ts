/** Everything orapg generates for one DMS migration, from the configuration and the Oracle scripts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../findings/types.js';
import { readSources, readTextFile } from '../source/files.js';
import type { DmsConfig } from './config.js';
import { buildTableMappings, type TableMappings } from './mappings.js';
import { buildDmsModel, type DmsModel, type DmsTable } from './model.js';
import {
  computedColumnNotes,
  cutoverSteps,
  postLoadSteps,
  preLoadSteps,
  searchPathSql,
  sequenceSyncSteps,
  stepsToScript,
} from './post-load.js';
import {
  buildSourceEndpoint,
  buildTargetEndpoint,
  buildTaskSettings,
  type EndpointDoc,
  type TaskSettings,
} from './settings.js';

export interface DmsDocuments {
  model: DmsModel;
  tables: DmsTable[];
  tableMappings: TableMappings;
  taskSettings: TaskSettings;
  sourceEndpoint: EndpointDoc;
  targetEndpoint: EndpointDoc;
  /** Model and mapping findings (the conversion's own findings stay in model.conversion). */
  findings: Finding[];
}

export function buildDmsDocuments(config: DmsConfig, model?: DmsModel): DmsDocuments {
  const m =
    model ??
    buildDmsModel(
      readSources(config.inputs),
      {
        schemaMap: config.schemaMap,
        defines: config.defines,
        narrowIntegers: config.narrowIntegers,
        sourceSchema: config.sourceSchema,
        sequenceOwners: config.sequenceOwners,
      },
      readTextFile,
    );
  const mapping = buildTableMappings(m, {
    include: config.include,
    exclude: config.exclude,
    lobStats: config.lobStats,
  });
  return {
    model: m,
    tables: mapping.tables,
    tableMappings: mapping.document,
    taskSettings: buildTaskSettings(config.task, mapping.lobs),
    sourceEndpoint: buildSourceEndpoint(config.source),
    targetEndpoint: buildTargetEndpoint(config.target),
    findings: [...m.findings, ...mapping.findings],
  };
}

export const DMS_FILES = {
  tableMappings: 'table-mappings.json',
  taskSettings: 'task-settings.json',
  endpoints: 'endpoints.json',
  preLoad: 'dms-pre-load.sql',
  postLoad: 'dms-post-load.sql',
  sequences: 'dms-sequences.sql',
  cutover: 'dms-cutover.sql',
  findings: 'dms-findings.json',
} as const;

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The file contents, by file name (what `orapg dms docs` writes). */
export function renderDmsFiles(d: DmsDocuments): Record<string, string> {
  const sp = searchPathSql(d.model);
  return {
    [DMS_FILES.tableMappings]: json(d.tableMappings),
    [DMS_FILES.taskSettings]: json(d.taskSettings),
    [DMS_FILES.endpoints]: json({ source: d.sourceEndpoint, target: d.targetEndpoint }),
    [DMS_FILES.preLoad]: stepsToScript(
      'pre-load (run after 01-pre-data.sql and 02-code.sql, before the task starts)',
      preLoadSteps(d.tables),
      undefined,
      computedColumnNotes(d.tables, 'pre-load'),
    ),
    [DMS_FILES.postLoad]: stepsToScript(
      'post-load (run when the task has stopped after the full load)',
      postLoadSteps(d.model, d.tables),
      sp,
      computedColumnNotes(d.tables, 'post-load'),
    ),
    [DMS_FILES.sequences]: stepsToScript(
      'sequence sync (after the full load and again at cutover)',
      sequenceSyncSteps(d.model),
    ),
    [DMS_FILES.cutover]: stepsToScript(
      'cutover (after the task is stopped)',
      cutoverSteps(d.model, d.tables),
    ),
    [DMS_FILES.findings]: json(d.findings),
  };
}

export function writeDmsFiles(d: DmsDocuments, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = renderDmsFiles(d);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Object.keys(files);
}
