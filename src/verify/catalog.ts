/**
 * What the target holds in the given schemas, read from pg_catalog after apply. Keys are
 * `schema.name` (tables, views, sequences, indexes, routines) or `schema.table.name` (triggers).
 * Objects that belong to an extension, identity sequences, constraint indexes, inherited
 * constraints and NOT NULL constraints (PostgreSQL 18 catalogs them) are left out.
 */
import type { Session } from './engine.js';

export interface CatRelation {
  kind: string;
  partition: boolean;
}

export interface CatColumn {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  /** ALWAYS, BY DEFAULT or '' */
  identity: string;
  generated: boolean;
}

export interface CatConstraint {
  name: string;
  /** p, u, f, c, x */
  type: string;
  columns: string[];
  references?: string;
}

export interface CatIndex {
  table: string;
  unique: boolean;
  columns: string[];
  partition: boolean;
}

export interface Catalog {
  relations: Map<string, CatRelation>;
  columns: Map<string, CatColumn[]>;
  constraints: Map<string, CatConstraint[]>;
  indexes: Map<string, CatIndex>;
  sequences: Map<string, { increment: string; start: string }>;
  routines: Set<string>;
  triggers: Set<string>;
}

const NOT_EXTENSION = (classid: string, oid: string) =>
  `not exists (select 1 from pg_depend e where e.classid = '${classid}'::regclass and e.objid = ${oid} and e.deptype = 'e')`;

export async function readCatalog(s: Session, schemas: string[]): Promise<Catalog> {
  const p = [schemas];
  const relations = await s.query<{ key: string; kind: string; partition: boolean }>(
    `select n.nspname || '.' || c.relname as key, c.relkind::text as kind, c.relispartition as partition
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[]) and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
        and ${NOT_EXTENSION('pg_class', 'c.oid')}
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                          and d.deptype = 'i' and c.relkind = 'S')`,
    p,
  );
  const columns = await s.query<CatColumn & { key: string }>(
    `select n.nspname || '.' || c.relname as key, a.attname::text as name,
            format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
            pg_get_expr(d.adbin, d.adrelid) as default,
            case a.attidentity when 'a' then 'ALWAYS' when 'd' then 'BY DEFAULT' else '' end as identity,
            a.attgenerated <> '' as generated
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname = any($1::text[]) and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      order by c.oid, a.attnum`,
    p,
  );
  const constraints = await s.query<CatConstraint & { key: string; references: string | null }>(
    `select n.nspname || '.' || c.relname as key, k.conname::text as name, k.contype::text as type,
            array(select a.attname::text from unnest(k.conkey) with ordinality u(num, ord)
                    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.num order by u.ord)::text[] as columns,
            (select fn.nspname || '.' || fc.relname from pg_class fc join pg_namespace fn on fn.oid = fc.relnamespace
              where fc.oid = k.confrelid) as references
       from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[]) and k.contype in ('p', 'u', 'f', 'c', 'x') and k.conparentid = 0 and k.conislocal`,
    p,
  );
  const indexes = await s.query<{
    key: string;
    table: string;
    unique: boolean;
    columns: string[];
    partition: boolean;
  }>(
    `select n.nspname || '.' || ic.relname as key, n.nspname || '.' || c.relname as table, i.indisunique as unique,
            array(select coalesce(a.attname::text, '(expr)') from unnest(i.indkey::int2[]) with ordinality u(num, ord)
                    left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.num and u.num > 0
                   where u.ord <= i.indnkeyatts order by u.ord)::text[] as columns,
            ic.relispartition as partition
       from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class c on c.oid = i.indrelid
       join pg_namespace n on n.oid = ic.relnamespace
      where n.nspname = any($1::text[])
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))
        and ${NOT_EXTENSION('pg_class', 'ic.oid')}`,
    p,
  );
  const sequences = await s.query<{ key: string; increment: string; start: string }>(
    `select n.nspname || '.' || c.relname as key, q.seqincrement::text as increment, q.seqstart::text as start
       from pg_sequence q join pg_class c on c.oid = q.seqrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[])`,
    p,
  );
  const routines = await s.query<{ key: string }>(
    `select distinct n.nspname || '.' || p.proname as key
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = any($1::text[]) and ${NOT_EXTENSION('pg_proc', 'p.oid')}`,
    p,
  );
  const triggers = await s.query<{ key: string }>(
    `select n.nspname || '.' || c.relname || '.' || t.tgname as key
       from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[]) and not t.tgisinternal and t.tgparentid = 0`,
    p,
  );
  const group = <T extends { key: string }>(rows: T[]) => {
    const m = new Map<string, Omit<T, 'key'>[]>();
    for (const { key, ...rest } of rows) m.set(key, [...(m.get(key) ?? []), rest]);
    return m;
  };
  return {
    relations: new Map(relations.map(({ key, ...r }) => [key, r])),
    columns: group(columns),
    constraints: new Map(
      [...group(constraints)].map(([k, list]) => [
        k,
        list.map((c) => ({
          ...c,
          ...(c.references ? { references: c.references } : { references: undefined }),
        })),
      ]),
    ),
    indexes: new Map(indexes.map(({ key, ...r }) => [key, r])),
    sequences: new Map(sequences.map(({ key, ...r }) => [key, r])),
    routines: new Set(routines.map((r) => r.key)),
    triggers: new Set(triggers.map((r) => r.key)),
  };
}
