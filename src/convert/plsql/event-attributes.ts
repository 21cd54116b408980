/**
 * Event attribute functions of Oracle system triggers (PL/SQL Language Reference, "Event
 * Attribute Functions").
 *
 * - Inside a trigger converted to a PostgreSQL event trigger (event-trigger.ts): the function sets
 *   opg_sysevent / opg_obj_owner / opg_obj_name / opg_obj_type for each object of the DDL
 *   command, and the attributes read them.
 * - Anywhere else (a routine the trigger calls: Oracle's attributes answer there too): the event
 *   trigger function also publishes the values as transaction-local settings opg_event.sysevent,
 *   opg_event.obj_owner, opg_event.obj_name, opg_event.obj_type and opg_event.sql_txt, cleared
 *   after the body ran; the attributes read them, NULL outside a DDL event as in Oracle.
 * - ORA_SQL_TXT(list OUT ora_name_list_t) RETURN PLS_INTEGER (only as `n := ORA_SQL_TXT(list)`):
 *   the DDL text in pieces, from current_query() in the event trigger (the whole query string the
 *   client sent, which may hold more than the one statement) or from opg_event.sql_txt elsewhere.
 */
import type { Expr } from '../../ast/expr.js';

const col = (name: string): Expr => ({ kind: 'column', parts: [name] });
const fn = (name: string): Expr => ({ kind: 'call', name: [name], args: [] });
const lit = (value: string): Expr => ({ kind: 'literal', type: 'string', value });

/** The setting an event trigger function publishes an attribute in, read back (NULL when unset). */
export function eventSetting(name: string): Expr {
  return {
    kind: 'call',
    name: ['nullif'],
    args: [
      {
        value: {
          kind: 'call',
          name: ['current_setting'],
          args: [{ value: lit(`opg_event.${name}`) }, { value: { kind: 'pseudo', name: 'true' } as Expr }],
        },
      },
      // PostgreSQL's empty string (a '' literal would read as Oracle's NULL).
      { value: { kind: 'pseudo', name: "''" } as Expr },
    ],
  };
}

/** Attribute → (variable of the event trigger function, setting published for other routines). */
const PER_EVENT: Record<string, [string, string]> = {
  ORA_SYSEVENT: ['OPG_SYSEVENT', 'sysevent'],
  ORA_DICT_OBJ_OWNER: ['OPG_OBJ_OWNER', 'obj_owner'],
  ORA_DICT_OBJ_NAME: ['OPG_OBJ_NAME', 'obj_name'],
  ORA_DICT_OBJ_TYPE: ['OPG_OBJ_TYPE', 'obj_type'],
};

/** ORA_* attribute → PostgreSQL expression (undefined: not an attribute this conversion maps). */
const ATTRIBUTES: Record<string, () => Expr> = {
  ORA_LOGIN_USER: () => ({
    kind: 'call',
    name: ['upper'],
    args: [{ value: { kind: 'pseudo', name: 'session_user' } }],
  }),
  ORA_DATABASE_NAME: () => ({ kind: 'call', name: ['upper'], args: [{ value: fn('current_database') }] }),
  ORA_INSTANCE_NUM: () => ({ kind: 'literal', type: 'number', value: '1' }),
  ORA_CLIENT_IP_ADDRESS: () => ({ kind: 'call', name: ['host'], args: [{ value: fn('inet_client_addr') }] }),
};

/** Attribute functions with no equivalent on PostgreSQL's DDL events. */
export const UNMAPPED_EVENT_ATTRIBUTES = new Set([
  'ORA_DICT_OBJ_NAME_LIST',
  'ORA_DICT_OBJ_OWNER_LIST',
  'ORA_DES_ENCRYPTED_PASSWORD',
  'ORA_GRANTEE',
  'ORA_PRIVILEGE_LIST',
  'ORA_REVOKEE',
  'ORA_IS_ALTER_COLUMN',
  'ORA_IS_DROP_COLUMN',
  'ORA_IS_CREATING_NESTED_TABLE',
  'ORA_PARTITION_POS',
  'ORA_SERVER_ERROR',
  'ORA_SERVER_ERROR_MSG',
  'ORA_SERVER_ERROR_DEPTH',
  'ORA_SERVER_ERROR_NUM_PARAMS',
  'ORA_SERVER_ERROR_PARAM',
  'ORA_IS_SERVERERROR',
  'ORA_WITH_GRANT_OPTION',
  'ORA_SPACE_ERROR_INFO',
]);

/**
 * `ora_dict_obj_name` / `ora_dict_obj_name()` (also SYS.-qualified) → its PostgreSQL value;
 * undefined when `x` is not an event attribute. `unmapped` is called for one that has no value.
 */
export function eventAttribute(
  x: Expr,
  unmapped: (name: string) => void,
  inEventTrigger = true,
): Expr | undefined {
  const parts = x.kind === 'column' ? x.parts : x.kind === 'call' && !x.args.length ? x.name : undefined;
  if (!parts) return undefined;
  const name =
    parts.length === 2 && parts[0] === 'SYS' ? parts[1] : parts.length === 1 ? parts[0] : undefined;
  if (!name) return undefined;
  const perEvent = PER_EVENT[name];
  if (perEvent) return inEventTrigger ? col(perEvent[0]) : eventSetting(perEvent[1]);
  const mapped = ATTRIBUTES[name];
  if (mapped) return mapped();
  if (UNMAPPED_EVENT_ATTRIBUTES.has(name)) {
    unmapped(name);
    return undefined;
  }
  return undefined;
}

/** The list variable of `ORA_SQL_TXT(list)` (also SYS.-qualified); undefined for any other expression. */
export function oraSqlTxtArg(x: Expr): Expr | undefined {
  if (x.kind !== 'call' || x.args.length !== 1 || x.args[0].name) return undefined;
  const n = x.name;
  const name = n.length === 2 && n[0] === 'SYS' ? n[1] : n.length === 1 ? n[0] : undefined;
  return name === 'ORA_SQL_TXT' ? x.args[0].value : undefined;
}

/** Characters per piece of the ORA_SQL_TXT list (ora_name_list_t elements hold 2 * (128 + 2) + 1). */
const PIECE = 256;

/**
 * `count := ORA_SQL_TXT(list)` → the DDL text cut into pieces in `list`, their number in `count`
 * (0 outside a DDL event: Oracle gives no text there). `list` and `count` are printed targets.
 */
export function oraSqlTxtAssign(list: string, count: string, inEventTrigger: boolean): string[] {
  const source = inEventTrigger
    ? 'current_query()'
    : "nullif(current_setting('opg_event.sql_txt', true), '')";
  return [
    `${list} := ARRAY(SELECT substr(opg_q, (opg_i - 1) * ${PIECE} + 1, ${PIECE}) FROM (SELECT ${source} AS opg_q) opg_s, generate_series(1, ceil(length(opg_q) / ${PIECE}.0)::int) opg_i ORDER BY opg_i);`,
    `${count} := coalesce(cardinality(${list}), 0);`,
  ];
}
