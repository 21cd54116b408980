/**
 * `verify`: applies converted objects to a real PostgreSQL (embedded PGlite by default, or a server
 * through a URL), phase by phase in dependency order, each object in its own savepoint; validates
 * routine bodies, runs plpgsql_check where available, and compares the target's catalog with the
 * converted Oracle model.
 *
 *   convert/dir or Oracle sources ─► units (SQL + emitted lines + Oracle location)
 *     ─► libpg-query pre-check (parse, defines/references) ─► plan (dependency order)
 *     ─► target (PGlite | scratch database | scratch schema | in place), one transaction
 *     ─► apply (savepoints, retry) ─► validate bodies ─► plpgsql_check ─► structure comparison
 *     ─► rollback / drop (commit with --in-place) ─► VerifyResult + findings
 */
import type { PGlite } from '@electric-sql/pglite';
import type { PgObject } from '../ast/pg.js';
import { type ConvertOptions, type ConvertResult, convertSources, PHASES } from '../convert/index.js';
import { PHASE_FILES } from '../convert/write.js';
import { readSources, readTextFile } from '../source/files.js';
import { applyPlan, type Progress } from './apply.js';
import { compareStructure } from './compare.js';
import { deepCheck } from './deep.js';
import { openTarget } from './engine.js';
import { verifyFindings } from './findings.js';
import { Masker } from './mask.js';
import { planOrder } from './order.js';
import { loadParser } from './sqlinfo.js';
import type { StructureComparison, VerifyObjectResult, VerifyResult, VerifySummary } from './types.js';
import { isConvertedDir, type Unit, unitsFromDir, unitsFromResult } from './units.js';

export { Masker, maskUrl } from './mask.js';
export type * from './types.js';

export interface VerifyOptions {
  /** postgres:// URL of a server; without it, embedded PGlite. The password is never printed. */
  pgUrl?: string;
  /** Apply into the URL's database and commit (default: a scratch database, dropped afterwards). */
  inPlace?: boolean;
  /** Scratch kind on a server: database (default; falls back to schema when not permitted) or schema. */
  scratch?: 'database' | 'schema';
  /** Oracle sources for the structure comparison when the input is a converted directory. */
  source?: string[];
  /** Conversion options (schema map, defines …) used when converting Oracle sources. */
  convert?: ConvertOptions;
  /** Reuse a PGlite instance (verify rolls back everything it did; the instance stays open). */
  pglite?: PGlite;
  /** Called after each object is applied or has failed. */
  onProgress?: Progress;
}

/** Converted directory, Oracle source paths, or a conversion result. */
export type VerifyInput = string | string[] | ConvertResult;

export async function verify(input: VerifyInput, options: VerifyOptions = {}): Promise<VerifyResult> {
  const masker = new Masker(options.pgUrl);
  try {
    return masker.deep(await run(input, options, masker));
  } catch (e) {
    throw masker.error(e);
  }
}

function convertPaths(paths: string[], options: VerifyOptions): ConvertResult {
  return convertSources(readSources(paths), options.convert ?? {}, readTextFile);
}

interface Loaded {
  units: Unit[];
  model?: PgObject[];
  kind: VerifyResult['input']['kind'];
  paths: string[];
  sourcePaths?: string[];
}

function load(input: VerifyInput, options: VerifyOptions): Loaded {
  if (typeof input === 'object' && !Array.isArray(input))
    return { units: unitsFromResult(input), model: input.objects, kind: 'convert-result', paths: [] };
  const paths = typeof input === 'string' ? [input] : input;
  if (paths.length === 1 && isConvertedDir(paths[0])) {
    const units = unitsFromDir(paths[0]);
    if (!options.source?.length) return { units, kind: 'converted-dir', paths };
    const model = convertPaths(options.source, options).objects;
    return { units, model, kind: 'converted-dir', paths, sourcePaths: options.source };
  }
  const result = convertPaths(paths, options);
  return { units: unitsFromResult(result), model: result.objects, kind: 'source', paths };
}

/** Schemas the scripts name (a scratch schema refuses to run when one of them exists). */
function schemasUsed(units: Unit[]): string[] {
  const out = new Set<string>();
  for (const u of units)
    for (const k of [...u.info.defines, ...u.info.references])
      if (k.startsWith('schema:')) out.add(k.slice('schema:'.length));
  return [...out];
}

async function run(input: VerifyInput, options: VerifyOptions, masker: Masker): Promise<VerifyResult> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  await loadParser();
  const loaded = load(input, options);
  const { units } = loaded;
  const plan = planOrder(units);
  const target = await openTarget({ ...options, schemasUsed: schemasUsed(units) }, masker);
  let finished = false;
  try {
    const applied = await applyPlan(target.session, units, plan, options.onProgress);
    const deep = await deepCheck(target.session, applied, !!options.inPlace);
    const structure: StructureComparison = loaded.model
      ? await compareStructure(target.session, { model: loaded.model, units, results: applied.results })
      : {
          performed: false,
          skippedReason:
            'no Oracle model: the input is a converted directory (pass --source <oracle scripts> to compare)',
          schemas: [],
          counts: {},
          diffs: [],
        };
    await target.finish(true);
    finished = true;
    const objects = units.map((u) => applied.results.get(u)!);
    const findings = verifyFindings(units, applied.results, plan, deep, structure, target.info);
    return {
      version: 1,
      input: {
        kind: loaded.kind,
        paths: loaded.paths,
        ...(loaded.sourcePaths ? { sourcePaths: loaded.sourcePaths } : {}),
      },
      target: target.info,
      startedAt,
      millis: Date.now() - started,
      phases: PHASES.map((phase) => {
        const list = objects.filter((o) => o.phase === phase);
        return {
          phase,
          file: PHASE_FILES[phase],
          objects: list.length,
          applied: list.filter((o) => o.status === 'applied').length,
          failed: list.filter((o) => o.status === 'failed').length,
          skipped: list.filter((o) => o.status === 'skipped').length,
          millis: list.reduce((n, o) => n + o.millis, 0),
        };
      }),
      objects,
      deepCheck: deep,
      structure,
      findings,
      summary: summarize(objects, deep, structure),
    };
  } finally {
    if (!finished) await target.finish(false).catch(() => {});
  }
}

function summarize(
  objects: VerifyObjectResult[],
  deep: VerifyResult['deepCheck'],
  structure: StructureComparison,
): VerifySummary {
  const routines = objects.flatMap((o) => o.routines ?? []);
  const diffs = structure.diffs;
  const s: VerifySummary = {
    objects: objects.length,
    applied: objects.filter((o) => o.status === 'applied').length,
    failed: objects.filter((o) => o.status === 'failed').length,
    skipped: objects.filter((o) => o.status === 'skipped').length,
    retried: objects.filter((o) => o.status === 'applied' && o.attempts > 1).length,
    outOfOrder: objects.filter((o) => o.outOfOrder).length,
    routines: routines.length,
    deepChecked: deep.checked,
    deepErrors: deep.errors,
    deepWarnings: deep.warnings,
    missing: diffs.filter((d) => d.status === 'missing' && d.reason !== 'not-converted').length,
    notConverted: diffs.filter((d) => d.reason === 'not-converted').length,
    extra: diffs.filter((d) => d.status === 'extra').length,
    different: diffs.filter((d) => d.status === 'different').length,
    ok: false,
  };
  s.ok = s.failed === 0 && s.deepErrors === 0 && s.missing === 0;
  return s;
}
