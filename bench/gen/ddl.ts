/**
 * DDL statements of the generator: CREATE TABLE (with constraints, storage and partitioning),
 * ALTER TABLE … ADD CONSTRAINT, CREATE INDEX, CREATE SEQUENCE, the sequence-ID trigger,
 * COMMENT ON and GRANT. Each function returns whole statements, terminator and trailing
 * newline included.
 */
import { type Column, ident, type Module, objName, type Style, type Table } from './model.js';
import type { Rng } from './prng.js';
import { COLUMN_COMMENTS, COMMENT_WORDS, INDEX_TABLESPACES, LOB_TABLESPACES, TABLESPACES } from './vocab.js';

const META_STORAGE =
  '  STORAGE(INITIAL 65536 NEXT 1048576 MINEXTENTS 1 MAXEXTENTS 2147483645\n' +
  '  PCTINCREASE 0 FREELISTS 1 FREELIST GROUPS 1\n' +
  '  BUFFER_POOL DEFAULT FLASH_CACHE DEFAULT CELL_FLASH_CACHE DEFAULT)';

/** DBMS_METADATA spells types in full: NUMBER(12,0), VARCHAR2(30 BYTE), TIMESTAMP (6). */
function metaType(type: string): string {
  return type
    .replace(/^NUMBER\((\d+)\)$/, 'NUMBER($1,0)')
    .replace(/^INTEGER$/, 'NUMBER(*,0)')
    .replace(/^(N?VARCHAR2|CHAR)\((\d+)\)$/, (_m, t: string, n: string) =>
      t === 'NVARCHAR2' ? `${t}(${n})` : `${t}(${n} BYTE)`,
    )
    .replace(/^TIMESTAMP\((\d)\)/, 'TIMESTAMP ($1)')
    .replace(/^TIMESTAMP$/, 'TIMESTAMP (6)')
    .replace(/^FLOAT$/, 'FLOAT(126)');
}

function check(style: Style, c: Column): string {
  return c.check!.replaceAll('{c}', ident(style, c.name));
}

function dateLiteral(style: Style, year: number): string {
  return style === 'metadata'
    ? `TO_DATE(' ${year}-01-01 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', 'NLS_CALENDAR=GREGORIAN')`
    : `TO_DATE('${year}-01-01', 'YYYY-MM-DD')`;
}

export interface TableDdl {
  create: string;
  /** ALTER TABLE statements that follow the CREATE TABLE at once (primary and unique keys). */
  after: string[];
  /** ALTER TABLE statements that belong after all tables of the module (foreign keys). */
  later: string[];
}

/** CREATE TABLE plus the constraints a script adds afterwards. */
export function createTable(r: Rng, t: Table): TableDdl {
  const style = t.module.style;
  return style === 'metadata' ? metadataTable(r, t) : plainTable(r, t);
}

function plainTable(r: Rng, t: Table): TableDdl {
  const s: Style = 'plain';
  const after: string[] = [];
  const later: string[] = [];
  const width = Math.max(...t.columns.map((c) => c.name.length)) + 2;
  const typeWidth = 22;
  let ck = 0;
  let fkNo = 0;
  const pkWhere = r.weighted([
    ['inline', 4],
    ['outline', 5],
    ['alter', 1],
  ] as const);
  const outOfLine: string[] = [];
  const lines = t.columns.map((c) => {
    let line = `    ${c.name.padEnd(width)}`;
    if (c.virtual) {
      const type = c.type ? `${c.type} ` : '';
      return `${line}${type}${r.chance(0.5) ? 'GENERATED ALWAYS ' : ''}AS (${c.virtual})${r.chance(0.5) ? ' VIRTUAL' : ''}`;
    }
    line += `${c.type.padEnd(typeWidth - 1)} `;
    const parts: string[] = [];
    if (c.identity) parts.push(c.identity);
    if (c.default) parts.push(`DEFAULT ${c.default}`);
    if (c.notNull && !c.identity) parts.push('NOT NULL');
    if (c.kind === 'pk' && pkWhere === 'inline')
      parts.push(
        `CONSTRAINT ${t.name}_pk PRIMARY KEY${r.chance(0.3) ? ` USING INDEX TABLESPACE ${r.pick(INDEX_TABLESPACES)}` : ''}`,
      );
    if (c.check) {
      if (r.chance(0.6)) parts.push(`CONSTRAINT ${t.name}_ck${++ck} CHECK (${check(s, c)})`);
      else parts.push(`CHECK (${check(s, c)})`);
    }
    if (c.ref) {
      const where = r.weighted([
        ['inline', 2],
        ['outline', 4],
        ['alter', 3],
      ] as const);
      const name = `${t.name}_fk${++fkNo}`;
      const refs = `REFERENCES ${c.ref.name} (${c.ref.pk.name})${c.onDelete ? ` ON DELETE ${c.onDelete}` : ''}`;
      if (where === 'inline') parts.push(`CONSTRAINT ${name} ${refs}`);
      else if (where === 'outline')
        outOfLine.push(`CONSTRAINT ${name} FOREIGN KEY (${c.name})\n        ${refs}`);
      else
        later.push(
          `ALTER TABLE ${t.name} ADD CONSTRAINT ${name}\n    FOREIGN KEY (${c.name}) ${refs}${r.chance(0.2) ? ' DEFERRABLE INITIALLY DEFERRED' : ''}${r.chance(0.15) ? ' ENABLE NOVALIDATE' : ''};\n`,
        );
    }
    return (line + parts.join(' ')).trimEnd();
  });
  if (t.parent) {
    later.push(
      `ALTER TABLE ${t.name}\n    ADD CONSTRAINT ${t.name}_parent_fk FOREIGN KEY (${t.parent.name})\n    REFERENCES ${t.name} (${t.pk.name});\n`,
    );
  }
  const pkText = `CONSTRAINT ${t.name}_pk PRIMARY KEY (${t.pk.name})`;
  if (pkWhere === 'outline' || (pkWhere === 'alter' && t.iot))
    outOfLine.unshift(
      `${pkText}${r.chance(0.4) ? `\n        USING INDEX TABLESPACE ${r.pick(INDEX_TABLESPACES)}` : ''}`,
    );
  else if (pkWhere === 'alter') after.push(`ALTER TABLE ${t.name} ADD ${pkText};\n`);
  const ukCols = [t.code.name];
  const dateCol = t.columns.find((c) => c.name === 'valid_from');
  if (dateCol && r.chance(0.5)) ukCols.push(dateCol.name);
  if (r.chance(0.5)) outOfLine.push(`CONSTRAINT ${t.name}_uk UNIQUE (${ukCols.join(', ')})`);
  else after.push(`ALTER TABLE ${t.name} ADD CONSTRAINT ${t.name}_uk UNIQUE (${ukCols.join(', ')});\n`);
  if (t.columns.some((c) => c.name === 'valid_to') && dateCol)
    outOfLine.push(`CONSTRAINT ${t.name}_ck${++ck} CHECK (valid_to IS NULL OR valid_to >= valid_from)`);
  const body = [...lines, ...outOfLine.map((o) => `    ${o}`)].join(',\n');

  const tail: string[] = [];
  if (t.iot) tail.push('ORGANIZATION INDEX');
  if (r.chance(0.75)) tail.push(`TABLESPACE ${r.pick(TABLESPACES)}`);
  if (r.chance(0.4))
    tail.push(`PCTFREE ${r.pick([5, 10, 20])}${r.chance(0.5) ? ` INITRANS ${r.pick([1, 2, 4])}` : ''}`);
  if (r.chance(0.35))
    tail.push(
      `STORAGE (INITIAL ${r.pick(['64K', '1M', '8M'])} NEXT ${r.pick(['64K', '1M'])}${r.chance(0.5) ? ' MINEXTENTS 1 MAXEXTENTS UNLIMITED PCTINCREASE 0' : ''})`,
    );
  if (r.chance(0.3)) tail.push(r.pick(['LOGGING', 'NOLOGGING']));
  if (!t.iot && r.chance(0.15))
    tail.push(r.pick(['COMPRESS', 'NOCOMPRESS', 'ROW STORE COMPRESS ADVANCED', 'COMPRESS FOR OLTP']));
  for (const lob of t.columns.filter((c) => c.kind === 'lob')) {
    if (r.chance(0.5))
      tail.push(
        `LOB (${lob.name}) STORE AS ${r.pick(['SECUREFILE', 'BASICFILE'])} (TABLESPACE ${r.pick(LOB_TABLESPACES)} ENABLE STORAGE IN ROW CHUNK 8192 ${r.pick(['NOCACHE', 'CACHE'])})`,
      );
  }
  if (t.partition) tail.push(partitionClause(r, t, 'plain'));
  if (!t.iot && r.chance(0.1)) tail.push(r.pick(['NOCACHE', 'CACHE']));
  if (r.chance(0.05)) tail.push('MONITORING');
  if (r.chance(0.08)) tail.push(r.pick(['PARALLEL 4', 'NOPARALLEL']));
  if (t.partition && r.chance(0.6)) tail.push('ENABLE ROW MOVEMENT');
  const create = `CREATE TABLE ${t.name}\n(\n${body}\n)${tail.length ? `\n${tail.join('\n')}` : ''};\n`;
  return { create, after, later };
}

function metadataTable(r: Rng, t: Table): TableDdl {
  const s: Style = 'metadata';
  const later: string[] = [];
  const q = (n: string) => ident(s, n);
  let ck = 0;
  let fkNo = 0;
  const cols = t.columns.map((c) => {
    if (c.virtual) {
      const type = c.type ? `${metaType(c.type)} ` : 'NUMBER ';
      return `${q(c.name)} ${type}GENERATED ALWAYS AS (${c.virtual.replace(/\b(\w+)\)/, (_m, n: string) => `${q(n)})`)}) VIRTUAL `;
    }
    let line = `${q(c.name)} ${metaType(c.type)}`;
    if (c.identity)
      line += ` ${c.identity.startsWith('GENERATED ALWAYS') ? 'GENERATED ALWAYS' : 'GENERATED BY DEFAULT ON NULL'} AS IDENTITY MINVALUE 1 MAXVALUE 9999999999999999999999999999 INCREMENT BY 1 START WITH 1 CACHE 20 NOORDER  NOCYCLE  NOKEEP  NOSCALE `;
    if (c.default) line += ` DEFAULT ${c.default}`;
    if (c.notNull) line += ' NOT NULL ENABLE';
    return line;
  });
  const cons: string[] = [];
  for (const c of t.columns)
    if (c.check) cons.push(`CONSTRAINT ${q(`${t.name}_ck${++ck}`)} CHECK (${check(s, c)}) ENABLE`);
  const usingIndex = `USING INDEX PCTFREE 10 INITRANS 2 MAXTRANS 255 COMPUTE STATISTICS \n${META_STORAGE}\n  TABLESPACE "${r.pick(INDEX_TABLESPACES).toUpperCase()}"  ENABLE`;
  cons.push(`CONSTRAINT ${q(`${t.name}_pk`)} PRIMARY KEY (${q(t.pk.name)})\n  ${usingIndex}`);
  cons.push(`CONSTRAINT ${q(`${t.name}_uk`)} UNIQUE (${q(t.code.name)})\n  ${usingIndex}`);
  const body = [...cols.map((c) => `\t${c}`), ...cons.map((c) => `\t ${c}`)].join(', \n');
  const ts = `"${r.pick(TABLESPACES).toUpperCase()}"`;
  let tail = '';
  if (t.iot) {
    tail = ` ORGANIZATION INDEX NOCOMPRESS PCTFREE 10 INITRANS 2 MAXTRANS 255 LOGGING\n${META_STORAGE}\n  TABLESPACE ${ts} \n PCTTHRESHOLD 50`;
  } else {
    const segment = t.partition ? '' : ' SEGMENT CREATION IMMEDIATE ';
    tail = `${segment}\n  PCTFREE 10 PCTUSED 40 INITRANS 1 MAXTRANS 255 \n NOCOMPRESS LOGGING\n${t.partition ? '' : `${META_STORAGE}\n`}  TABLESPACE ${ts} `;
    for (const lob of t.columns.filter((c) => c.kind === 'lob'))
      tail += `\n LOB (${q(lob.name)}) STORE AS SECUREFILE (\n  TABLESPACE ${ts} ENABLE STORAGE IN ROW CHUNK 8192\n  NOCACHE LOGGING  NOCOMPRESS  KEEP_DUPLICATES ) `;
    if (t.partition) tail += `\n  ${partitionClause(r, t, 'metadata')} `;
  }
  const create = `\n  CREATE TABLE ${objName(s, t.name)} \n   (${body}\n   )${tail};\n`;
  for (const c of t.fks)
    later.push(
      `\n  ALTER TABLE ${objName(s, t.name)} ADD CONSTRAINT ${q(`${t.name}_fk${++fkNo}`)} FOREIGN KEY (${q(c.name)})\n\t  REFERENCES ${objName(s, c.ref!.name)} (${q(c.ref!.pk.name)})${c.onDelete ? ` ON DELETE ${c.onDelete}` : ''} ENABLE;\n`,
    );
  if (t.parent)
    later.push(
      `\n  ALTER TABLE ${objName(s, t.name)} ADD CONSTRAINT ${q(`${t.name}_parent_fk`)} FOREIGN KEY (${q(t.parent.name)})\n\t  REFERENCES ${objName(s, t.name)} (${q(t.pk.name)}) ENABLE;\n`,
    );
  return { create, after: [], later };
}

function partitionClause(r: Rng, t: Table, s: Style): string {
  const q = (n: string) => ident(s, n);
  const pn = (n: string) => (s === 'metadata' ? `"${n.toUpperCase()}"` : n);
  const created = q(t.created.name);
  const ts = () =>
    r.chance(0.4)
      ? ` TABLESPACE ${s === 'metadata' ? `"${r.pick(TABLESPACES).toUpperCase()}"` : r.pick(TABLESPACES)}`
      : '';
  const first = r.int(2015, 2021);
  const years = Array.from({ length: r.int(3, 8) }, (_, i) => first + i);
  const rangeParts = () =>
    [
      ...years.map((y) => `PARTITION ${pn(`p${y}`)} VALUES LESS THAN (${dateLiteral(s, y + 1)})${ts()}`),
      `PARTITION ${pn('pmax')} VALUES LESS THAN (MAXVALUE)${ts()}`,
    ].join(',\n   ');
  switch (t.partition!) {
    case 'range':
      return `PARTITION BY RANGE (${created})\n  (${rangeParts()})`;
    case 'interval':
      return `PARTITION BY RANGE (${created}) INTERVAL (NUMTOYMINTERVAL(1, 'MONTH'))\n  (PARTITION ${pn('p_first')} VALUES LESS THAN (${dateLiteral(s, first)}))`;
    case 'list':
      return `PARTITION BY LIST (${q('region_code')})\n  (PARTITION ${pn('p_emea')} VALUES ('EMEA', 'EU', 'MEA')${ts()},\n   PARTITION ${pn('p_amer')} VALUES ('NA', 'LATAM')${ts()},\n   PARTITION ${pn('p_apac')} VALUES ('APAC')${ts()},\n   PARTITION ${pn('p_other')} VALUES (DEFAULT)${ts()})`;
    case 'hash': {
      const n = r.pick([4, 8, 16]);
      if (r.chance(0.5))
        return `PARTITION BY HASH (${q(t.pk.name)})\n  PARTITIONS ${n}${r.chance(0.5) ? ` STORE IN (${s === 'metadata' ? '"APP_DATA", "APP_DATA2"' : 'app_data, app_data2'})` : ''}`;
      return `PARTITION BY HASH (${q(t.pk.name)})\n  (${Array.from({ length: 4 }, (_, i) => `PARTITION ${pn(`h${i + 1}`)}${ts()}`).join(',\n   ')})`;
    }
    case 'range-hash':
      return `PARTITION BY RANGE (${created})\n  SUBPARTITION BY HASH (${q(t.pk.name)}) SUBPARTITIONS ${r.pick([2, 4, 8])}\n  (${rangeParts()})`;
  }
}

/** Secondary indexes: FK columns, composite/descending, function-based, bitmap, unique. */
export function createIndexes(r: Rng, t: Table): string[] {
  const s = t.module.style;
  const q = (n: string) => ident(s, n);
  const seen = new Set<string>([t.pk.name, t.code.name]);
  const out: string[] = [];
  let n = 0;
  const local = t.partition ? ' LOCAL' : '';
  const emit = (kind: string, keys: string[], signature: string, suffix = '') => {
    if (seen.has(signature)) return;
    seen.add(signature);
    const name = objName(
      s,
      `${t.name}_${kind === 'BITMAP ' ? 'bx' : kind === 'UNIQUE ' ? 'ux' : 'ix'}${++n}`,
    );
    if (s === 'metadata') {
      out.push(
        `\n  CREATE ${kind}INDEX ${name} ON ${objName(s, t.name)} (${keys.join(', ')}) \n  PCTFREE 10 INITRANS 2 MAXTRANS 255 COMPUTE STATISTICS \n${META_STORAGE}\n  TABLESPACE "${r.pick(INDEX_TABLESPACES).toUpperCase()}"${suffix} ;\n`,
      );
    } else {
      const opts: string[] = [];
      if (r.chance(0.6)) opts.push(`TABLESPACE ${r.pick(INDEX_TABLESPACES)}`);
      if (r.chance(0.15)) opts.push(r.pick(['NOLOGGING', 'COMPUTE STATISTICS', 'PARALLEL 4', 'ONLINE']));
      // LOCAL (partitioned index) and COMPRESS n after the physical attributes, as usually written.
      if (suffix) opts.push(suffix.trim());
      out.push(
        `CREATE ${kind}INDEX ${name} ON ${t.name} (${keys.join(', ')})${opts.length ? ` ${opts.join(' ')}` : ''};\n`,
      );
    }
  };
  for (const fk of t.fks) if (r.chance(0.7)) emit('', [q(fk.name)], fk.name, local);
  if (t.parent) emit('', [q(t.parent.name)], t.parent.name);
  if (r.chance(0.5)) emit('', [q(t.status.name), `${q(t.created.name)} DESC`], 'status,created desc', local);
  if (r.chance(0.35)) emit('', [`UPPER(${q(t.nameCol.name)})`], 'upper(name)');
  if (r.chance(0.25)) emit('', [`TRUNC(${q(t.created.name)})`], 'trunc(created)', local);
  const email = t.columns.find((c) => c.name === 'email');
  if (email && r.chance(0.6)) emit('', [`LOWER(${q(email.name)})`], 'lower(email)');
  const flag = t.columns.find((c) => c.kind === 'flag');
  if (!t.iot && flag && r.chance(0.5)) emit('BITMAP ', [q(flag.name)], flag.name, local);
  if (!t.iot && r.chance(0.15)) emit('BITMAP ', [q(t.status.name)], t.status.name, local);
  const ext = t.columns.find((c) => c.name === 'external_ref');
  if (ext && r.chance(0.6)) emit('UNIQUE ', [q(ext.name)], ext.name);
  const dueOrValid = t.columns.find((c) => c.name === 'due_date' || c.name === 'valid_to');
  if (dueOrValid && r.chance(0.4)) emit('', [`NVL(${q(dueOrValid.name)}, DATE '9999-12-31')`], 'nvl(due)');
  if (r.chance(0.1) && !t.iot)
    emit('', [q(t.created.name), q(t.status.name)], 'created,status', ' COMPRESS 1');
  return out;
}

export function createSequence(r: Rng, t: Table): string {
  const s = t.module.style;
  const name = objName(s, t.seq!);
  if (s === 'metadata')
    return `\n   CREATE SEQUENCE  ${name}  MINVALUE 1 MAXVALUE 9999999999999999999999999999 INCREMENT BY 1 START WITH ${r.int(1, 50000)} CACHE 20 NOORDER  NOCYCLE  NOKEEP  NOSCALE  GLOBAL ;\n`;
  const v = r.int(0, 4);
  if (v === 0) return `CREATE SEQUENCE ${name};\n`;
  if (v === 1) return `CREATE SEQUENCE ${name} START WITH 1 INCREMENT BY 1 NOCACHE;\n`;
  if (v === 2)
    return `CREATE SEQUENCE ${name}\n    START WITH ${r.int(1, 9) * 1000}\n    INCREMENT BY 1\n    MINVALUE 1\n    MAXVALUE 999999999999\n    CACHE ${r.pick([20, 50, 100])}\n    NOCYCLE\n    NOORDER;\n`;
  if (v === 3)
    return `CREATE SEQUENCE ${name} MINVALUE 1 MAXVALUE 9999999999 INCREMENT BY 1 START WITH 1 CACHE 20 ORDER NOCYCLE;\n`;
  return `CREATE SEQUENCE ${name} START WITH 100 INCREMENT BY 10 NOMAXVALUE CACHE 1000;\n`;
}

/** The classic sequence-ID trigger (three generations of the idiom, plus audit columns). */
export function createIdTrigger(r: Rng, t: Table): string[] {
  const s = t.module.style;
  const q = (n: string) => ident(s, n);
  const seq = objName(s, t.seq!);
  const pk = q(t.pk.name);
  const trg = objName(s, `${t.name}_bir`);
  const updated = t.columns.find((c) => c.name === 'updated_at');
  if (s === 'metadata')
    return [
      `\n  CREATE OR REPLACE EDITIONABLE TRIGGER ${trg} \n  BEFORE INSERT ON ${objName(s, t.name)}\n  REFERENCING NEW AS NEW OLD AS OLD\n  FOR EACH ROW\nBEGIN\n  IF :NEW.${pk} IS NULL THEN\n    :NEW.${pk} := ${seq}.NEXTVAL;\n  END IF;\nEND;\n/\n`,
      `ALTER TRIGGER ${trg} ENABLE;\n`,
    ];
  const v = r.weighted([
    ['assign', 4],
    ['select', 3],
    ['audit', 2],
  ] as const);
  if (v === 'assign')
    return [
      `CREATE OR REPLACE TRIGGER ${trg}\n    BEFORE INSERT ON ${t.name}\n    FOR EACH ROW\n${r.chance(0.5) ? `    WHEN (new.${pk} IS NULL)\n` : ''}BEGIN\n    :new.${pk} := ${seq}.NEXTVAL;\nEND;\n/\n`,
    ];
  if (v === 'select')
    return [
      `CREATE OR REPLACE TRIGGER ${trg}\nBEFORE INSERT ON ${t.name}\nFOR EACH ROW\nBEGIN\n  IF :new.${pk} IS NULL THEN\n    SELECT ${seq}.NEXTVAL INTO :new.${pk} FROM dual;\n  END IF;\nEND ${t.name}_bir;\n/\n`,
    ];
  const upd = updated
    ? `\n  ELSIF UPDATING THEN\n    :new.${updated.name} := ${updated.type === 'DATE' ? 'SYSDATE' : 'SYSTIMESTAMP'};`
    : '';
  return [
    `CREATE OR REPLACE TRIGGER ${trg}\n  BEFORE INSERT OR UPDATE ON ${t.name}\n  FOR EACH ROW\nBEGIN\n  IF INSERTING THEN\n    IF :new.${pk} IS NULL THEN\n      :new.${pk} := ${seq}.NEXTVAL;\n    END IF;\n    :new.created_at := NVL(:new.created_at, SYSDATE);\n    :new.created_by := NVL(:new.created_by, USER);${upd}\n  END IF;\nEND;\n/\n`,
  ];
}

export function commentsOn(r: Rng, t: Table): string[] {
  const s = t.module.style;
  const out: string[] = [];
  const what = r.pick(COMMENT_WORDS);
  t.comment = `${t.singular.replaceAll('_', ' ')} ${what}`;
  const quoteText = (x: string) => x.replaceAll("'", "''");
  out.push(
    `COMMENT ON TABLE ${objName(s, t.name)} IS '${quoteText(r.chance(0.2) ? `Owner's ${t.comment} table` : `${t.comment[0].toUpperCase()}${t.comment.slice(1)} table`)}';\n`,
  );
  for (const c of t.columns) {
    const known = COLUMN_COMMENTS[c.name];
    if (known || (c.ref && r.chance(0.8)) || r.chance(0.2)) {
      const text =
        known ??
        (c.ref
          ? `References ${c.ref.name}.${c.ref.pk.name}`
          : `${c.name.replaceAll('_', ' ')} of the ${t.singular.replaceAll('_', ' ')}`);
      out.push(`COMMENT ON COLUMN ${objName(s, t.name)}.${ident(s, c.name)} IS '${quoteText(text)}';\n`);
    }
  }
  return out;
}

export function grantsOn(r: Rng, t: Table): string[] {
  const s = t.module.style;
  const role = (n: string) => (s === 'metadata' ? `"${n.toUpperCase()}"` : n);
  const out = [`GRANT SELECT, INSERT, UPDATE, DELETE ON ${objName(s, t.name)} TO ${role('app_rw_role')};\n`];
  if (r.chance(0.6)) out.push(`GRANT SELECT ON ${objName(s, t.name)} TO ${role('app_ro_role')};\n`);
  if (r.chance(0.1))
    out.push(`GRANT SELECT, REFERENCES ON ${objName(s, t.name)} TO reporting_user WITH GRANT OPTION;\n`);
  return out;
}

/** Script header: SQL*Plus settings, roles and one user. */
export function header(seed: number): string[] {
  return [
    `--------------------------------------------------------------------------------\n-- Synthetic ERP schema generated by orapg's benchmark generator (seed ${seed}).\n-- Tables, constraints, indexes, sequences + ID triggers, views and packages.\n--------------------------------------------------------------------------------\n`,
    'SET DEFINE OFF\nSET SERVEROUTPUT ON SIZE UNLIMITED\nWHENEVER SQLERROR CONTINUE\n',
    'CREATE ROLE app_rw_role;\n',
    'CREATE ROLE app_ro_role;\n',
    `CREATE USER reporting_user IDENTIFIED BY "Rpt_2024_secret"\n    DEFAULT TABLESPACE users\n    TEMPORARY TABLESPACE temp\n    QUOTA 100M ON users;\n`,
    'GRANT CREATE SESSION TO reporting_user;\n',
  ];
}

export function moduleBanner(m: Module): string {
  return `--------------------------------------------------------------------------------\n-- Module ${m.prefix.toUpperCase()} (${m.style === 'metadata' ? 'DBMS_METADATA export' : 'hand-written DDL'})\n--------------------------------------------------------------------------------\nPROMPT Creating module ${m.prefix.toUpperCase()}\n`;
}
