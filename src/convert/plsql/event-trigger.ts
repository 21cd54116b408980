/**
 * Oracle system triggers on DDL events (`AFTER CREATE OR ALTER OR DROP ON DATABASE|SCHEMA`) →
 * a PostgreSQL event trigger function and one event trigger per PostgreSQL event.
 *
 * Oracle fires the trigger once per object a DDL statement creates, alters or drops, with the
 * object in event attribute functions (ORA_SYSEVENT, ORA_DICT_OBJ_OWNER / NAME / TYPE,
 * event-attributes.ts). PostgreSQL fires `ddl_command_end` once per command, listing the objects
 * in pg_event_trigger_ddl_commands(), and `sql_drop` with pg_event_trigger_dropped_objects(): the
 * function walks that list and runs the converted body once per object, the attributes set.
 *
 * - CREATE, ALTER, DROP, GRANT, REVOKE, COMMENT, RENAME and DDL are mapped; the function skips
 *   commands of other kinds (TG_TAG). Database events (LOGON, STARTUP, SERVERERROR …) and
 *   TRUNCATE, AUDIT, ANALYZE … have no PostgreSQL event before version 17 and are reported.
 * - BEFORE triggers run after the command, in its transaction: raising an error still undoes the
 *   command (the usual "forbid DDL" trigger keeps working) but the body sees the command done.
 * - ON SCHEMA triggers fire for the whole database on PostgreSQL (reported).
 * - Routines the body calls read the attributes too (as in Oracle): the function publishes them
 *   per object as transaction-local settings opg_event.* (event-attributes.ts).
 */
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { PgObject } from '../../ast/pg.js';
import type { TriggerDef } from '../../ast/plsql.js';
import { pgNameOf, quoteIdent, quoteLiteral } from '../../emit/quote.js';
import type { Finding } from '../../findings/types.js';
import type { ConvertContext } from '../context.js';
import { PlContext } from './context.js';
import { emitBlock } from './statements.js';

/** Oracle DDL event → the first word of the PostgreSQL command tags it covers (undefined: all). */
const DDL_EVENTS: Record<string, string[] | undefined> = {
  CREATE: ['CREATE'],
  ALTER: ['ALTER'],
  DROP: ['DROP'],
  RENAME: ['ALTER'],
  GRANT: ['GRANT'],
  REVOKE: ['REVOKE'],
  COMMENT: ['COMMENT'],
  DDL: undefined,
};

/** Object name of a pg_event_trigger_ddl_commands() row, without schema or argument list. */
const COMMAND_OBJECT_NAME = `CASE classid
        WHEN 'pg_class'::regclass THEN (SELECT relname::text FROM pg_class WHERE oid = objid)
        WHEN 'pg_proc'::regclass THEN (SELECT proname::text FROM pg_proc WHERE oid = objid)
        WHEN 'pg_type'::regclass THEN (SELECT typname::text FROM pg_type WHERE oid = objid)
        WHEN 'pg_namespace'::regclass THEN (SELECT nspname::text FROM pg_namespace WHERE oid = objid)
        ELSE object_identity END`;

/** PostgreSQL object_type → Oracle's ORA_DICT_OBJ_TYPE spelling. */
const objectType = (column: string) =>
  `CASE ${column} WHEN 'composite type' THEN 'TYPE' WHEN 'domain' THEN 'TYPE' WHEN 'enum type' THEN 'TYPE' ELSE upper(${column}) END`;

/**
 * Settings the function publishes the event attributes in for the routines its body calls
 * (event-attributes.ts reads them there), transaction-local; their values before the event are
 * restored after the body ran.
 */
const PUBLISHED = ['sysevent', 'obj_owner', 'obj_name', 'obj_type', 'sql_txt'];
const publish = (values: string[]) =>
  PUBLISHED.map((n, i) => `set_config('opg_event.${n}', coalesce(${values[i]}, ''), true)`).join(', ');

export interface EventTriggerHelpers {
  objectFor: (
    unit: PlsqlUnit,
    pc: PlContext,
    phase: 'post-data',
    texts: string[],
    parseFindings: Finding[],
    objectType: string,
  ) => PgObject[];
  qualified: (pc: PlContext, schema: string | undefined, name: string) => string;
}

export function convertEventTrigger(
  unit: PlsqlUnit,
  t: TriggerDef,
  ctx: ConvertContext,
  object: string,
  parseFindings: Finding[],
  h: EventTriggerHelpers,
): PgObject[] {
  const pc = new PlContext(ctx, 'trigger', object, unit.loc, t);
  const events = t.ddlEvents ?? [];
  const unknown = events.filter((e) => !(e in DDL_EVENTS));
  if (!events.length || unknown.length)
    pc.fail(
      `trigger on ${unknown.length ? unknown.join(', ') : 'DATABASE'} events: PostgreSQL 15 event triggers fire only for DDL commands (CREATE, ALTER, DROP, GRANT, COMMENT …); logon, startup, server error and other database events have none (PostgreSQL 17 adds a login event; before it, log_connections or an extension's hook records logons)`,
    );
  if (t.call) pc.fail('CALL trigger body');
  const tags = events.some((e) => DDL_EVENTS[e] === undefined)
    ? undefined
    : [...new Set(events.flatMap((e) => DDL_EVENTS[e] ?? []))];
  const drops = !tags || tags.includes('DROP');
  const others = !tags || tags.some((x) => x !== 'DROP');
  const pgEvents = [...(others ? ['ddl_command_end'] : []), ...(drops ? ['sql_drop'] : [])];
  const detail = [
    `${object} became an event trigger function run for each object of a DDL command (${pgEvents.join(' and ')}); creating event triggers needs a superuser`,
    ...(t.timing === 'BEFORE'
      ? [
          'a BEFORE trigger runs after the command, in its transaction: an error it raises still undoes the command, but it sees the command done',
        ]
      : []),
    ...(t.onKind === 'schema'
      ? [
          'ON SCHEMA: PostgreSQL event triggers fire for DDL in every schema of the database; test ORA_DICT_OBJ_OWNER to keep to one schema',
        ]
      : []),
    ...(events.includes('RENAME')
      ? ['RENAME is covered by ALTER … RENAME commands, whose ORA_SYSEVENT reads ALTER']
      : []),
  ];
  if (!pc.unconvertible.length) pc.report('OPG-PLSQL-0050', { detail: detail.join('; ') });

  const fnName = h.qualified(pc, t.name.schema, `${t.name.name}_FN`.toUpperCase());
  const body = emitBlock(t.block ?? { declarations: [], body: [], handlers: [] }, pc, 2, {}, true);
  const tagTest = tags
    ? `  IF opg_sysevent NOT IN (${tags.map((x) => quoteLiteral(x)).join(', ')}) THEN\n    RETURN;\n  END IF;\n`
    : '';
  const text = [
    `CREATE OR REPLACE FUNCTION ${fnName}()`,
    'RETURNS event_trigger',
    'LANGUAGE plpgsql',
    'AS $opg_event$',
    '#variable_conflict use_column',
    'DECLARE',
    "  opg_sysevent text := split_part(TG_TAG, ' ', 1);",
    '  opg_objs text[];',
    '  opg_obj_owner text;',
    '  opg_obj_name text;',
    '  opg_obj_type text;',
    `  opg_saved text[] := ARRAY[${PUBLISHED.map((n) => `coalesce(current_setting('opg_event.${n}', true), '')`).join(', ')}];`,
    'BEGIN',
    tagTest.trimEnd(),
    "  IF TG_EVENT = 'sql_drop' THEN",
    `    SELECT array_agg(ARRAY[upper(schema_name), upper(object_name), ${objectType('object_type')}]) INTO opg_objs`,
    '    FROM pg_event_trigger_dropped_objects() WHERE original;',
    '  ELSE',
    `    SELECT array_agg(ARRAY[upper(schema_name), upper(${COMMAND_OBJECT_NAME}), ${objectType('object_type')}]) INTO opg_objs`,
    '    FROM pg_event_trigger_ddl_commands();',
    '  END IF;',
    '  FOR opg_i IN 1 .. coalesce(array_length(opg_objs, 1), 0) LOOP',
    '    opg_obj_owner := opg_objs[opg_i][1];',
    '    opg_obj_name := opg_objs[opg_i][2];',
    '    opg_obj_type := opg_objs[opg_i][3];',
    `    PERFORM ${publish(['opg_sysevent', 'opg_obj_owner', 'opg_obj_name', 'opg_obj_type', 'current_query()'])};`,
    `${body};`,
    '  END LOOP;',
    `  PERFORM ${publish(PUBLISHED.map((_, i) => `opg_saved[${i + 1}]`))};`,
    'END;',
    '$opg_event$;',
  ]
    .filter((l) => l !== '')
    .join('\n');
  const name = quoteIdent(pgNameOf(t.name.name));
  const trigger = (suffix: string, event: string) =>
    `DROP EVENT TRIGGER IF EXISTS ${quoteIdent(pgNameOf(`${t.name.name}${suffix}`))};\nCREATE EVENT TRIGGER ${quoteIdent(pgNameOf(`${t.name.name}${suffix}`))} ON ${event} EXECUTE FUNCTION ${fnName}();`;
  const texts = [text];
  if (others) texts.push(trigger('', 'ddl_command_end'));
  if (drops) texts.push(trigger(others ? '_DROP' : '', 'sql_drop'));
  if (!t.enabled) {
    if (others) texts.push(`ALTER EVENT TRIGGER ${name} DISABLE;`);
    if (drops)
      texts.push(
        `ALTER EVENT TRIGGER ${quoteIdent(pgNameOf(`${t.name.name}${others ? '_DROP' : ''}`))} DISABLE;`,
      );
  }
  return h.objectFor(unit, pc, 'post-data', texts, parseFindings, 'TRIGGER');
}
