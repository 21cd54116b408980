/**
 * SQL helper functions describing an ANYTYPE from the PostgreSQL catalog (pg_type, pg_attribute,
 * pg_namespace). An ANYTYPE is held as the Oracle-style name of its type, 'SCHEMA.NAME' (what
 * ANYDATA.GetTypeName gives); the helpers resolve it to the PostgreSQL type the conversion created
 * and describe it with DBMS_TYPES type codes (Oracle Database PL/SQL Packages and Types
 * Reference, "ANYTYPE TYPE" and "DBMS_TYPES"):
 *
 *   opg_anytype_oid(t)                  the pg_type oid of 'SCHEMA.NAME' (an unquoted Oracle name
 *                                       is in lower case on PostgreSQL); a schema that does not exist
 *                                       (renamed by a schema map): the name on the search path
 *   opg_anytype_name(oid)               the Oracle-style name of a user-defined type (names without
 *                                       upper-case letters upper-cased), NULL for a built-in type
 *   opg_anytype_elem(oid, typmod)       type code, precision, scale, length and ANYTYPE of a type
 *                                       used as an attribute or collection element
 *   opg_anytype_info(t)                 ANYTYPE.GetInfo: type code, schema and type name, number
 *                                       of attributes (object) or VARRAY limit (0 for a nested table)
 *   opg_anytype_attr(t, pos)            ANYTYPE.GetAttrElemInfo: the pos-th attribute of an object
 *                                       type, the element type of a collection
 *   opg_anydata_gettype(type_name)      ANYDATA.GetType: the type code, and the ANYTYPE (NULL for a
 *                                       built-in type)
 *   opg_anytype_persistent(owner, name) ANYTYPE.GetPersistent / GETANYTYPEFROMPERSISTENT: the
 *                                       ANYTYPE of a type, undefined_object (ORA-22303) when none
 *
 * The conversion creates them once, before the objects (ANYTYPE_SUPPORT, like opg_anydata).
 * Collection types are domains over arrays (units.ts); a VARRAY's domain carries the comment
 * 'VARRAY(n)' (VARRAY_COMMENT), which is how the catalog tells it from a nested table. The
 * hidden type tag column of a type hierarchy (TYPE_TAG) is not an attribute.
 */
import { TYPE_TAG } from './types.js';

/** The comment on the domain of a VARRAY type: `VARRAY(limit)`. */
export const varrayComment = (limit: number): string => `VARRAY(${limit})`;

const TAG = TYPE_TAG.toLowerCase();

/** Type codes of the built-in Oracle types ANYDATA.Convert… stores (their SYS. names). */
export function scalarTypecodeCase(names: Record<string, number>): string {
  const whens = Object.entries(names)
    .map(([n, code]) => `WHEN '${n}' THEN ${code}`)
    .join(' ');
  return `CASE type_name ${whens} END`;
}

const OID = `CREATE OR REPLACE FUNCTION opg_anytype_oid(t text)
RETURNS oid
LANGUAGE plpgsql
STABLE
AS $body$
DECLARE
  sch text;
  nam text := t;
  r oid;
BEGIN
  IF t IS NULL THEN
    RETURN NULL;
  END IF;
  IF strpos(t, '.') > 0 THEN
    sch := split_part(t, '.', 1);
    nam := substr(t, strpos(t, '.') + 1);
  END IF;
  -- an unquoted Oracle name (upper case) is in lower case on PostgreSQL
  IF nam = upper(nam) THEN
    nam := lower(nam);
  END IF;
  IF sch = upper(sch) THEN
    sch := lower(sch);
  END IF;
  IF sch IS NOT NULL THEN
    SELECT ty.oid INTO r FROM pg_type ty JOIN pg_namespace n ON n.oid = ty.typnamespace
    WHERE ty.typname = nam AND n.nspname = sch AND ty.typtype IN ('c', 'd');
  END IF;
  -- no schema, or one that does not exist here (renamed by a schema map): the search path
  IF r IS NULL AND (sch IS NULL OR NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = sch)) THEN
    r := to_regtype(quote_ident(nam));
  END IF;
  RETURN r;
END;
$body$;`;

const NAME = `CREATE OR REPLACE FUNCTION opg_anytype_name(o oid)
RETURNS text
LANGUAGE sql
STABLE
AS $body$
  SELECT CASE WHEN n.nspname ~ '[A-Z]' THEN n.nspname ELSE upper(n.nspname) END || '.'
    || CASE WHEN ty.typname ~ '[A-Z]' THEN ty.typname ELSE upper(ty.typname) END
  FROM pg_type ty
  JOIN pg_namespace n ON n.oid = ty.typnamespace
  LEFT JOIN pg_type b ON b.oid = ty.typbasetype
  WHERE ty.oid = o
    AND ty.typname <> 'opg_anydata'
    AND (ty.typtype = 'c' OR (ty.typtype = 'd' AND (b.typtype = 'c' OR b.typcategory = 'A')))
$body$;`;

const ELEM = `CREATE OR REPLACE FUNCTION opg_anytype_elem(o oid, typmod integer, OUT typecode integer, OUT prec integer, OUT scale integer, OUT len integer, OUT csid integer, OUT csfrm integer, OUT attr_elt_type text)
LANGUAGE plpgsql
STABLE
AS $body$
DECLARE
  ty pg_type;
  base pg_type;
BEGIN
  SELECT * INTO ty FROM pg_type WHERE oid = o;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF ty.typtype = 'd' THEN
    SELECT * INTO base FROM pg_type WHERE oid = ty.typbasetype;
    IF base.typcategory = 'A' THEN
      typecode := CASE WHEN obj_description(o, 'pg_type') ~ '^VARRAY\\(' THEN 247 ELSE 248 END;
      attr_elt_type := opg_anytype_name(o);
      RETURN;
    ELSIF base.typtype = 'c' THEN
      typecode := 108;
      attr_elt_type := opg_anytype_name(o);
      RETURN;
    END IF;
    SELECT * INTO typecode, prec, scale, len, csid, csfrm, attr_elt_type FROM opg_anytype_elem(ty.typbasetype, ty.typtypmod);
    RETURN;
  END IF;
  IF ty.typtype = 'c' THEN
    -- ANYDATA is an opaque type
    typecode := CASE WHEN ty.typname = 'opg_anydata' THEN 58 ELSE 108 END;
    attr_elt_type := opg_anytype_name(o);
    RETURN;
  END IF;
  CASE ty.typname
    WHEN 'numeric' THEN
      typecode := 2;
      IF typmod >= 4 THEN
        prec := ((typmod - 4) >> 16) & 65535;
        scale := (((typmod - 4) & 2047) # 1024) - 1024;
      END IF;
    WHEN 'int2', 'int4', 'int8' THEN
      typecode := 2;
      scale := 0;
    WHEN 'varchar' THEN
      typecode := 9;
      len := CASE WHEN typmod >= 4 THEN typmod - 4 END;
    WHEN 'bpchar' THEN
      typecode := 96;
      len := CASE WHEN typmod >= 4 THEN typmod - 4 END;
    WHEN 'text' THEN
      typecode := 112;
    WHEN 'timestamp' THEN
      typecode := CASE WHEN typmod = 0 THEN 12 ELSE 187 END;
    WHEN 'timestamptz' THEN
      typecode := 188;
    WHEN 'interval' THEN
      typecode := CASE WHEN format_type(o, typmod) ~ '^interval (year|month)' THEN 189 ELSE 190 END;
    WHEN 'bytea' THEN
      typecode := 113;
    WHEN 'float4' THEN
      typecode := 100;
    WHEN 'float8' THEN
      typecode := 101;
    WHEN 'xml' THEN
      typecode := 58;
    ELSE
      typecode := NULL;
  END CASE;
END;
$body$;`;

/** The attributes of a composite type (a domain over one: its base), without the type tag. */
const attributes = (relid: string) =>
  `FROM pg_attribute a WHERE a.attrelid = ${relid} AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> '${TAG}'`;

const INFO = `CREATE OR REPLACE FUNCTION opg_anytype_info(t text, OUT typecode integer, OUT prec integer, OUT scale integer, OUT len integer, OUT csid integer, OUT csfrm integer, OUT schema_name text, OUT type_name text, OUT version text, OUT numelems integer)
LANGUAGE plpgsql
STABLE
AS $body$
DECLARE
  o oid := opg_anytype_oid(t);
  ty pg_type;
  relid oid;
  n text;
BEGIN
  -- not in the PostgreSQL catalog
  prec := NULL;
  scale := NULL;
  len := NULL;
  csid := NULL;
  csfrm := NULL;
  version := NULL;
  IF t IS NULL THEN
    RETURN;
  END IF;
  SELECT * INTO ty FROM pg_type WHERE oid = o;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'undefined_object', MESSAGE = format('ORA-22303: type %s not found', t);
  END IF;
  n := opg_anytype_name(o);
  schema_name := split_part(n, '.', 1);
  type_name := substr(n, strpos(n, '.') + 1);
  SELECT e.typecode INTO typecode FROM opg_anytype_elem(o, -1) AS e;
  IF typecode = 108 THEN
    relid := CASE WHEN ty.typtype = 'd' THEN (SELECT b.typrelid FROM pg_type b WHERE b.oid = ty.typbasetype) ELSE ty.typrelid END;
    SELECT count(*) INTO numelems ${attributes('relid')};
  ELSIF typecode = 247 THEN
    numelems := substring(obj_description(o, 'pg_type') FROM '^VARRAY\\((\\d+)\\)')::integer;
  ELSIF typecode = 248 THEN
    numelems := 0;
  END IF;
END;
$body$;`;

const ATTR = `CREATE OR REPLACE FUNCTION opg_anytype_attr(t text, pos integer, OUT typecode integer, OUT prec integer, OUT scale integer, OUT len integer, OUT csid integer, OUT csfrm integer, OUT attr_elt_type text, OUT aname text)
LANGUAGE plpgsql
STABLE
AS $body$
DECLARE
  o oid := opg_anytype_oid(t);
  ty pg_type;
  relid oid;
  code integer;
  att record;
BEGIN
  IF t IS NULL THEN
    RETURN;
  END IF;
  SELECT * INTO ty FROM pg_type WHERE oid = o;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'undefined_object', MESSAGE = format('ORA-22303: type %s not found', t);
  END IF;
  SELECT e.typecode INTO code FROM opg_anytype_elem(o, -1) AS e;
  IF code IN (247, 248) THEN
    -- the element type of the collection (the domain's type modifier applies to it)
    SELECT e.* INTO typecode, prec, scale, len, csid, csfrm, attr_elt_type
    FROM pg_type b, opg_anytype_elem(b.typelem, ty.typtypmod) AS e WHERE b.oid = ty.typbasetype;
    RETURN;
  END IF;
  IF code IS DISTINCT FROM 108 THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = format('GetAttrElemInfo: %s is not an object or collection type', t);
  END IF;
  relid := CASE WHEN ty.typtype = 'd' THEN (SELECT b.typrelid FROM pg_type b WHERE b.oid = ty.typbasetype) ELSE ty.typrelid END;
  SELECT a.attname, a.atttypid, a.atttypmod INTO att ${attributes('relid')}
  ORDER BY a.attnum OFFSET pos - 1 LIMIT 1;
  IF NOT FOUND OR pos < 1 THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = format('GetAttrElemInfo: type %s has no attribute at position %s', t, pos);
  END IF;
  SELECT e.* INTO typecode, prec, scale, len, csid, csfrm, attr_elt_type FROM opg_anytype_elem(att.atttypid, att.atttypmod) AS e;
  aname := CASE WHEN att.attname ~ '[A-Z]' THEN att.attname ELSE upper(att.attname) END;
END;
$body$;`;

const gettype = (
  scalarCodes: Record<string, number>,
) => `CREATE OR REPLACE FUNCTION opg_anydata_gettype(type_name text, OUT typecode integer, OUT typ text)
LANGUAGE plpgsql
STABLE
AS $body$
BEGIN
  IF type_name IS NULL THEN
    RETURN;
  END IF;
  IF type_name LIKE 'SYS.%' THEN
    -- a built-in type: no ANYTYPE
    typecode := ${scalarTypecodeCase(scalarCodes)};
    RETURN;
  END IF;
  -- a user-defined type: its ANYTYPE is its name
  typ := type_name;
  SELECT i.typecode INTO typecode FROM opg_anytype_info(type_name) AS i;
END;
$body$;`;

const PERSISTENT = `CREATE OR REPLACE FUNCTION opg_anytype_persistent(owner text, name text)
RETURNS text
LANGUAGE plpgsql
STABLE
AS $body$
DECLARE
  o oid := opg_anytype_oid(owner || '.' || name);
  n text := opg_anytype_name(o);
BEGIN
  IF n IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'undefined_object', MESSAGE = format('ORA-22303: type "%s"."%s" not found', owner, name);
  END IF;
  RETURN n;
END;
$body$;`;

/** The name under which the helpers are created once per conversion (ConvertContext.supportTypes). */
export const ANYTYPE_SUPPORT = 'opg_anytype';

/** All the helpers, in creation order (each uses only those before it). */
export function anytypeHelperText(scalarCodes: Record<string, number>): string {
  return [OID, NAME, ELEM, INFO, ATTR, gettype(scalarCodes), PERSISTENT].join('\n\n');
}
