/**
 * COMPOUND TRIGGER → one PostgreSQL trigger (function + CREATE TRIGGER) per timing point.
 *
 *   BEFORE STATEMENT / AFTER STATEMENT      FOR EACH STATEMENT triggers (they fire even when the
 *                                           statement affects no row, as in Oracle)
 *   BEFORE / AFTER / INSTEAD OF EACH ROW    FOR EACH ROW triggers, :NEW / :OLD as in simple triggers,
 *                                           the WHEN clause as a guard of the row sections
 *   declaration section                     a state holder converted like a package body, in a
 *                                           schema named after the trigger: variables behind typed
 *                                           getters / setters over session settings, types,
 *                                           cursors, exceptions and subprograms as package members
 *
 * Oracle gives the declaration section one instance per triggering statement ("Compound DML
 * Triggers", PL/SQL Language Reference): initialized when the statement starts, shared by its
 * sections, discarded when it ends. Here the BEFORE STATEMENT trigger (emitted even when Oracle has
 * no such section) first calls opg_reset(), which puts every variable back to its declared initial
 * value; PostgreSQL fires BEFORE STATEMENT triggers before any row trigger of the statement. The
 * settings are keyed by pg_trigger_depth(), so a statement on the same table run from inside one of
 * the sections gets its own instance instead of overwriting the outer one.
 */
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { Subprogram, TimingPoint, TriggerDef } from '../../ast/plsql.js';
import type { PgObject, Phase } from '../../ast/pg.js';
import { pgNameOf, quoteIdent, shortenIdent } from '../../emit/quote.js';
import type { Finding } from '../../findings/types.js';
import { ConvertContext } from '../context.js';
import { PlContext } from './context.js';
import { convertPackage, type PackageInfo, statePackage } from './packages.js';

export interface TriggerHelpers {
  objectFor: (
    unit: PlsqlUnit,
    pc: PlContext,
    phase: Phase,
    texts: string[],
    parseFindings: Finding[],
    objectType: string,
    source?: string,
  ) => PgObject[];
  triggerFunctionText: (t: TriggerDef, pc: PlContext, fnName: string, prologueFirst?: string[]) => string;
  subprogramText: (s: Subprogram, pc: PlContext) => string;
  qualified: (pc: PlContext, schema: string | undefined, name: string) => string;
}

/** Name suffix of each timing point's trigger and function. */
const SUFFIX: Record<TimingPoint, string> = {
  'BEFORE STATEMENT': 'before_statement',
  'BEFORE EACH ROW': 'before_row',
  'AFTER EACH ROW': 'after_row',
  'AFTER STATEMENT': 'after_statement',
  'INSTEAD OF EACH ROW': 'instead_of_row',
};

/** Section order in the output: the order in which PostgreSQL fires them. */
const ORDER: TimingPoint[] = ['BEFORE STATEMENT', 'BEFORE EACH ROW', 'INSTEAD OF EACH ROW', 'AFTER EACH ROW', 'AFTER STATEMENT'];

export function convertCompoundTrigger(
  unit: PlsqlUnit,
  t: TriggerDef,
  ctx: ConvertContext,
  object: string,
  parseFindings: Finding[],
  h: TriggerHelpers,
): PgObject[] {
  const c = t.compound!;
  const objects: PgObject[] = [];
  const base = new PlContext(ctx, 'trigger', object, unit.loc, t);
  const table = h.qualified(base, t.on.schema, t.on.name);
  const onView = ctx.views.has(ConvertContext.key(t.on)) || c.sections.some((s) => s.timing === 'INSTEAD OF EACH ROW');

  // The declaration section: a state holder emitted like a package body (code phase).
  let info: PackageInfo | undefined;
  if (c.declarations.length) {
    // Triggers have their own namespace in Oracle: a package of the same name keeps its schema.
    const stateName = ctx.packages.has(t.name.name) ? `${t.name.name}_STATE` : t.name.name;
    info = statePackage(stateName, c.declarations, ctx);
    const finish = (pc: PlContext, texts: string[], objectType: string, source?: string) =>
      h.objectFor(unit, pc, 'code', texts, [], objectType === 'PACKAGE BODY' ? 'TRIGGER' : objectType, source ?? declarationSource(t));
    objects.push(...convertPackage(unit, ctx, `${object} (declarations)`, [], finish, h.subprogramText, info));
  }
  const stateful = !!info && info.variables.size > info.variableFailures.size;
  const schema = info ? quoteIdent(ctx.mapSchema(info.name)) : '';

  const sections = [...c.sections].sort((a, b) => ORDER.indexOf(a.timing) - ORDER.indexOf(b.timing));
  const seen = new Set<TimingPoint>();
  const emitted: string[] = [];
  for (const sec of sections) {
    const pc = new PlContext(ctx, 'trigger', `${object} (${sec.timing})`, unit.loc, sectionDef(t, sec.timing, sec.block));
    if (info) pc.pkg = info;
    if (seen.has(sec.timing)) pc.fail(`compound trigger with two ${sec.timing} sections`);
    seen.add(sec.timing);
    const reset = sec.timing === 'BEFORE STATEMENT' && stateful ? [`PERFORM ${schema}.opg_reset();`] : [];
    const texts = sectionTexts(t, pc, sec.timing, table, onView, reset, h);
    const source = `${sec.timing} IS … END ${sec.timing}; (a section of ${object})`;
    objects.push(...h.objectFor(unit, pc, 'post-data', texts, [], 'TRIGGER', source));
    emitted.push(`${triggerName(t, sec.timing)} for ${sec.timing}`);
  }
  if (stateful && !seen.has('BEFORE STATEMENT')) {
    // No BEFORE STATEMENT section in Oracle: a trigger of its own starts each statement's state.
    const timing: TimingPoint = 'BEFORE STATEMENT';
    const pc = new PlContext(ctx, 'trigger', `${object} (${timing})`, unit.loc, sectionDef(t, timing, { declarations: [], body: [], handlers: [] }));
    pc.pkg = info;
    const texts = sectionTexts(t, pc, timing, table, onView, [`PERFORM ${schema}.opg_reset();`], h);
    objects.unshift(...h.objectFor(unit, pc, 'post-data', texts, [], 'TRIGGER'));
    emitted.unshift(`${triggerName(t, timing)} to reset the state`);
  }
  if (!c.sections.length) base.fail('compound trigger without timing-point sections');
  base.report('OPG-PLSQL-0030', {
    object,
    sections: emitted.join(', ') || 'none',
    state: info
      ? stateful
        ? `the declarations are kept in schema ${schema} (getters and setters over session settings keyed by pg_trigger_depth()); ${schema}.opg_reset() restores their initial values in the BEFORE STATEMENT trigger, so each triggering statement starts afresh`
        : `the declarations (no variables) are in schema ${schema}`
      : 'there are no declarations to share',
  });
  if (t.when && c.sections.some((s) => !s.timing.endsWith('EACH ROW')))
    base.report('OPG-PLSQL-0009', { detail: `${object}: the WHEN condition guards the row sections only; the statement sections run for every triggering statement` });
  const first = objects.find((o) => o.phase === 'post-data') ?? objects[0];
  if (first) first.findings.unshift(...parseFindings, ...base.findings);
  else return h.objectFor(unit, base, 'post-data', [], parseFindings, 'TRIGGER');
  return objects;
}

function declarationSource(t: TriggerDef): string {
  return `(the declaration section of compound trigger ${t.name.name})`;
}

/** The simple trigger a section stands for. */
function sectionDef(t: TriggerDef, timing: TimingPoint, block: TriggerDef['block']): TriggerDef {
  const { compound: _c, when, ...rest } = t;
  void _c;
  const row = timing.endsWith('EACH ROW');
  return {
    ...rest,
    timing: timing.startsWith('BEFORE') ? 'BEFORE' : timing.startsWith('AFTER') ? 'AFTER' : 'INSTEAD OF',
    forEachRow: row,
    ...(row && when ? { when } : {}),
    ...(block ? { block } : {}),
  };
}

function triggerName(t: TriggerDef, timing: TimingPoint): string {
  return quoteIdent(shortenIdent(`${pgNameOf(t.name.name)}_${SUFFIX[timing]}`));
}

/** Trigger function and CREATE TRIGGER of one timing point. */
function sectionTexts(
  t: TriggerDef,
  pc: PlContext,
  timing: TimingPoint,
  table: string,
  onView: boolean,
  prologue: string[],
  h: TriggerHelpers,
): string[] {
  const def = pc.trigger!;
  const suffix = SUFFIX[timing];
  const fnSchema = t.name.schema ? `${quoteIdent(pc.ectx.mapSchema(t.name.schema))}.` : '';
  const fnName = `${fnSchema}${quoteIdent(shortenIdent(`${pgNameOf(t.name.name)}_${suffix}_fn`))}`;
  const fn = h.triggerFunctionText(def, pc, fnName, prologue);
  const name = triggerName(t, timing);
  // PostgreSQL takes no column list on INSTEAD OF triggers nor on triggers of views.
  const events = t.events
    .map((e) => (e.columns?.length && !onView ? `UPDATE OF ${e.columns.map((n) => quoteIdent(pgNameOf(n))).join(', ')}` : e.event))
    .filter((e, i, all) => all.indexOf(e) === i)
    .join(' OR ');
  const when = def.timing === 'INSTEAD OF' ? 'INSTEAD OF' : def.timing;
  const trg = `CREATE TRIGGER ${name} ${when} ${events} ON ${table} FOR EACH ${def.forEachRow ? 'ROW' : 'STATEMENT'} EXECUTE FUNCTION ${fnName}();`;
  const texts = [fn, `DROP TRIGGER IF EXISTS ${name} ON ${table};\n${trg}`];
  if (!t.enabled) texts.push(`ALTER TABLE ${table} DISABLE TRIGGER ${name};`);
  return texts;
}
