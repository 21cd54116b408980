/**
 * Offline analysis of an emitted object with the real PostgreSQL parser (libpg-query, PG 18
 * grammar): does it parse, what does it define, what does it reference, which routines and
 * triggers does it create. Names are keys `<namespace>:<schema>.<name>` (schema empty when the
 * name is unqualified); namespaces: rel (tables, views, sequences, indexes), fn, type, schema.
 */
import { loadModule, parseSync } from 'libpg-query';

export interface RoutineDef {
  schema?: string;
  name: string;
  kind: 'function' | 'procedure';
  language: string;
  returnsTrigger: boolean;
  /** UTF-16 index in the object's SQL where the body string starts (after the opening quote). */
  bodyIndex?: number;
}

export interface TriggerDef {
  schema?: string;
  table: string;
  name: string;
  functionName: string;
}

/** One ALTER TABLE subcommand, as far as the structure comparison needs it. */
export interface AlterInfo {
  schema?: string;
  table: string;
  what: 'add-column' | 'drop-column' | 'default' | 'type' | 'not-null' | 'add-constraint' | 'drop-constraint';
  /** Column or constraint name. */
  name?: string;
  notNull?: boolean;
  /** For add-constraint: p, u, f, c. */
  contype?: string;
}

export interface SqlInfo {
  parsed: boolean;
  /** Parser message when it did not parse, and the UTF-16 index it points at. */
  error?: { message: string; index?: number };
  statements: number;
  defines: string[];
  references: string[];
  routines: RoutineDef[];
  triggers: TriggerDef[];
  alters: AlterInfo[];
}

let loaded: Promise<void> | undefined;

/** libpg-query is WebAssembly: load it once before `analyzeSql`. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

type Json = Record<string, unknown>;

const key = (ns: string, schema: string | undefined, name: string) => `${ns}:${schema ?? ''}.${name}`;

function strings(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((x) => ((x as Json).String as { sval?: string } | undefined)?.sval ?? '').filter(Boolean);
}

function qualified(names: string[]): { schema?: string; name: string } {
  const name = names[names.length - 1] ?? '';
  return names.length > 1 ? { schema: names[names.length - 2], name } : { name };
}

/** 'hr.emp_seq' or '"Emp_Seq"' as written in nextval('…'). */
function sequenceArg(text: string): { schema?: string; name: string } {
  const parts = text.split('.').map((p) => (p.startsWith('"') ? p.replace(/^"|"$/g, '') : p.toLowerCase()));
  return qualified(parts);
}

export function analyzeSql(sql: string): SqlInfo {
  const info: SqlInfo = {
    parsed: true,
    statements: 0,
    defines: [],
    references: [],
    routines: [],
    triggers: [],
    alters: [],
  };
  let tree: { stmts?: { stmt: Json; stmt_location?: number }[] };
  try {
    tree = parseSync(sql) as typeof tree;
  } catch (e) {
    const details = (e as { sqlDetails?: { message: string; cursorPosition?: number } }).sqlDetails;
    info.parsed = false;
    info.error = {
      message: details?.message ?? (e as Error).message,
      ...(details?.cursorPosition !== undefined ? { index: byteToIndex(sql, details.cursorPosition) } : {}),
    };
    return info;
  }
  const defs = new Set<string>();
  const refs = new Set<string>();
  for (const { stmt } of tree.stmts ?? []) {
    info.statements++;
    collectDefinitions(stmt, sql, info, defs, refs);
    walk(stmt, refs);
  }
  info.defines = [...defs];
  info.references = [...refs].filter((r) => !defs.has(r));
  return info;
}

function relKey(rv: Json | undefined): string | undefined {
  if (!rv || typeof rv.relname !== 'string') return undefined;
  return key('rel', rv.schemaname as string | undefined, rv.relname);
}

function collectDefinitions(stmt: Json, sql: string, info: SqlInfo, defs: Set<string>, refs: Set<string>) {
  const [kind, node] = Object.entries(stmt)[0] as [string, Json];
  const addDef = (k: string | undefined) => k && defs.add(k);
  switch (kind) {
    case 'CreateStmt':
      addDef(relKey(node.relation as Json));
      break;
    case 'ViewStmt':
      addDef(relKey(node.view as Json));
      break;
    case 'CreateTableAsStmt':
      addDef(relKey((node.into as Json | undefined)?.rel as Json));
      break;
    case 'CreateSeqStmt':
      addDef(relKey(node.sequence as Json));
      break;
    case 'IndexStmt': {
      const rel = node.relation as Json;
      if (typeof node.idxname === 'string')
        addDef(key('rel', rel?.schemaname as string | undefined, node.idxname));
      break;
    }
    case 'CreateSchemaStmt':
      if (typeof node.schemaname === 'string') addDef(`schema:${node.schemaname}`);
      break;
    case 'CompositeTypeStmt':
      if (node.typevar) {
        const rv = node.typevar as Json;
        addDef(key('type', rv.schemaname as string | undefined, rv.relname as string));
      }
      break;
    case 'CreateEnumStmt':
    case 'CreateDomainStmt':
    case 'CreateRangeStmt': {
      const q = qualified(strings(node.typeName ?? node.domainname));
      addDef(key('type', q.schema, q.name));
      break;
    }
    case 'CreateFunctionStmt':
      info.routines.push(routineOf(node, sql));
      addDef(key('fn', info.routines.at(-1)!.schema, info.routines.at(-1)!.name));
      break;
    case 'CreateTrigStmt': {
      const rel = node.relation as Json;
      const fn = qualified(strings(node.funcname));
      info.triggers.push({
        schema: rel?.schemaname as string | undefined,
        table: (rel?.relname as string) ?? '',
        name: node.trigname as string,
        functionName: fn.name,
      });
      break;
    }
    case 'AlterTableStmt':
      info.alters.push(...altersOf(node));
      break;
    case 'CommentStmt': {
      // COMMENT ON TABLE/VIEW/COLUMN: depends on the relation.
      const names = strings(((node.object as Json | undefined)?.List as Json | undefined)?.items);
      if (node.objtype === 'OBJECT_COLUMN') names.pop();
      if (
        names.length &&
        /^OBJECT_(TABLE|VIEW|COLUMN|MATVIEW|SEQUENCE|FOREIGN_TABLE)$/.test(String(node.objtype))
      ) {
        const q = qualified(names);
        refs.add(key('rel', q.schema, q.name));
      }
      break;
    }
  }
}

const CONTYPES: Record<string, string> = {
  CONSTR_PRIMARY: 'p',
  CONSTR_UNIQUE: 'u',
  CONSTR_FOREIGN: 'f',
  CONSTR_CHECK: 'c',
  CONSTR_EXCLUSION: 'x',
};

function altersOf(node: Json): AlterInfo[] {
  const rel = node.relation as Json | undefined;
  if (!rel || node.objtype !== 'OBJECT_TABLE') return [];
  const base = {
    ...(typeof rel.schemaname === 'string' ? { schema: rel.schemaname } : {}),
    table: rel.relname as string,
  };
  const out: AlterInfo[] = [];
  for (const c of (node.cmds as Json[] | undefined) ?? []) {
    const cmd = c.AlterTableCmd as Json;
    const name = typeof cmd.name === 'string' ? cmd.name : undefined;
    const def = cmd.def as Json | undefined;
    switch (cmd.subtype) {
      case 'AT_AddColumn':
        out.push({
          ...base,
          what: 'add-column',
          name: (def?.ColumnDef as Json | undefined)?.colname as string,
        });
        break;
      case 'AT_DropColumn':
        out.push({ ...base, what: 'drop-column', ...(name ? { name } : {}) });
        break;
      case 'AT_ColumnDefault':
        out.push({ ...base, what: 'default', ...(name ? { name } : {}) });
        break;
      case 'AT_AlterColumnType':
        out.push({ ...base, what: 'type', ...(name ? { name } : {}) });
        break;
      case 'AT_SetNotNull':
      case 'AT_DropNotNull':
        out.push({
          ...base,
          what: 'not-null',
          ...(name ? { name } : {}),
          notNull: cmd.subtype === 'AT_SetNotNull',
        });
        break;
      case 'AT_AddConstraint': {
        const k = def?.Constraint as Json | undefined;
        out.push({
          ...base,
          what: 'add-constraint',
          ...(typeof k?.conname === 'string' ? { name: k.conname } : {}),
          contype: CONTYPES[String(k?.contype)] ?? '?',
        });
        break;
      }
      case 'AT_DropConstraint':
        out.push({ ...base, what: 'drop-constraint', ...(name ? { name } : {}) });
        break;
    }
  }
  return out;
}

function routineOf(node: Json, sql: string): RoutineDef {
  const q = qualified(strings(node.funcname));
  let language = node.sql_body ? 'sql' : '';
  let body: string | undefined;
  let asLocation = 0;
  for (const o of (node.options as Json[] | undefined) ?? []) {
    const d = o.DefElem as Json;
    if (d.defname === 'language') language = ((d.arg as Json).String as Json).sval as string;
    if (d.defname === 'as') {
      const items = strings(((d.arg as Json).List as Json | undefined)?.items);
      if (items.length === 1) body = items[0];
      asLocation = typeof d.location === 'number' ? d.location : 0;
    }
  }
  const ret = strings((node.returnType as Json | undefined)?.names);
  const r: RoutineDef = {
    ...(q.schema ? { schema: q.schema } : {}),
    name: q.name,
    kind: node.is_procedure ? 'procedure' : 'function',
    language: language.toLowerCase(),
    returnsTrigger: ret[ret.length - 1] === 'trigger',
  };
  if (body !== undefined) {
    const from = byteToIndex(sql, asLocation);
    let at = sql.indexOf(body, from);
    if (at < 0) at = sql.indexOf(body.replaceAll("'", "''"), from);
    if (at >= 0) r.bodyIndex = at;
  }
  return r;
}

/** References anywhere in a statement: relations, called functions, nextval('seq'), user types, schemas. */
function walk(n: unknown, refs: Set<string>): void {
  if (!n || typeof n !== 'object') return;
  if (Array.isArray(n)) {
    for (const x of n) walk(x, refs);
    return;
  }
  const o = n as Json;
  for (const [k, v] of Object.entries(o)) {
    const node = v as Json;
    switch (k) {
      case 'RangeVar': {
        const r = relKey(node);
        if (r) refs.add(r);
        if (typeof node.schemaname === 'string') refs.add(`schema:${node.schemaname}`);
        break;
      }
      case 'FuncCall': {
        const q = qualified(strings(node.funcname));
        if (q.schema !== 'pg_catalog') refs.add(key('fn', q.schema, q.name));
        if (q.schema && q.schema !== 'pg_catalog') refs.add(`schema:${q.schema}`);
        if (/^(nextval|currval|setval)$/.test(q.name)) {
          const arg = ((node.args as Json[] | undefined)?.[0]?.A_Const as Json | undefined)?.sval as
            | Json
            | undefined;
          if (typeof arg?.sval === 'string') {
            const s = sequenceArg(arg.sval);
            refs.add(key('rel', s.schema, s.name));
          }
        }
        break;
      }
      case 'TypeName': {
        const q = qualified(strings(node.names));
        if (q.schema !== 'pg_catalog') refs.add(key('type', q.schema, q.name));
        break;
      }
      case 'CreateTrigStmt': {
        const q = qualified(strings(node.funcname));
        refs.add(key('fn', q.schema, q.name));
        break;
      }
    }
    walk(v, refs);
  }
}

/** UTF-8 byte offset (libpg-query locations) → UTF-16 index in `s`. */
export function byteToIndex(s: string, byteOffset: number): number {
  if (byteOffset <= 0) return 0;
  const buf = Buffer.from(s, 'utf8');
  return buf.subarray(0, Math.min(byteOffset, buf.length)).toString('utf8').length;
}

/** 1-based character position (PostgreSQL error positions count characters) → UTF-16 index. */
export function charPositionToIndex(s: string, position: number): number {
  let index = 0;
  let chars = 1;
  while (chars < position && index < s.length) {
    const cp = s.codePointAt(index)!;
    index += cp > 0xffff ? 2 : 1;
    chars++;
  }
  return index;
}
