/**
 * Event attribute functions of Oracle system triggers (PL/SQL Language Reference, "Event
 * Attribute Functions") inside a trigger converted to a PostgreSQL event trigger
 * (event-trigger.ts): the function sets opg_sysevent / opg_obj_owner / opg_obj_name /
 * opg_obj_type for each object of the DDL command, and the attributes read them.
 */
import type { Expr } from '../../ast/expr.js';

const col = (name: string): Expr => ({ kind: 'column', parts: [name] });
const fn = (name: string): Expr => ({ kind: 'call', name: [name], args: [] });

/** ORA_* attribute → PostgreSQL expression (undefined: not an attribute this conversion maps). */
const ATTRIBUTES: Record<string, () => Expr> = {
  ORA_SYSEVENT: () => col('OPG_SYSEVENT'),
  ORA_DICT_OBJ_OWNER: () => col('OPG_OBJ_OWNER'),
  ORA_DICT_OBJ_NAME: () => col('OPG_OBJ_NAME'),
  ORA_DICT_OBJ_TYPE: () => col('OPG_OBJ_TYPE'),
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
  'ORA_SQL_TXT',
  'ORA_WITH_GRANT_OPTION',
  'ORA_SPACE_ERROR_INFO',
]);

/**
 * `ora_dict_obj_name` / `ora_dict_obj_name()` (also SYS.-qualified) → its PostgreSQL value;
 * undefined when `x` is not an event attribute. `unmapped` is called for one that has no value.
 */
export function eventAttribute(x: Expr, unmapped: (name: string) => void): Expr | undefined {
  const parts = x.kind === 'column' ? x.parts : x.kind === 'call' && !x.args.length ? x.name : undefined;
  if (!parts) return undefined;
  const name =
    parts.length === 2 && parts[0] === 'SYS' ? parts[1] : parts.length === 1 ? parts[0] : undefined;
  if (!name) return undefined;
  const mapped = ATTRIBUTES[name];
  if (mapped) return mapped();
  if (UNMAPPED_EVENT_ATTRIBUTES.has(name)) {
    unmapped(name);
    return undefined;
  }
  return undefined;
}
