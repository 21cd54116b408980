/**
 * Oracle keywords known to the grammar.
 *
 * RESERVED: Oracle SQL reserved words (SQL Language Reference, "Oracle SQL Reserved Words")
 * plus the PL/SQL reserved words the SQL grammar relies on (CASE, WHEN, END). They can only be
 * used as names when quoted.
 * NON_RESERVED: words with a meaning in some clause but usable as names everywhere else.
 * Words not listed here are plain identifiers (Word tokens).
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { Ident, NonParen } from './tokens.js';

export const RESERVED = [
  'ACCESS', 'ADD', 'ALL', 'ALTER', 'AND', 'ANY', 'AS', 'ASC', 'AUDIT', 'BETWEEN', 'BY', 'CASE', 'CHAR', 'CHECK',
  'CLUSTER', 'COLUMN', 'COMMENT', 'COMPRESS', 'CONNECT', 'CREATE', 'CURRENT', 'DATE', 'DECIMAL', 'DEFAULT',
  'DELETE', 'DESC', 'DISTINCT', 'DROP', 'ELSE', 'END', 'EXCLUSIVE', 'EXISTS', 'FILE', 'FLOAT', 'FOR', 'FROM',
  'GRANT', 'GROUP', 'HAVING', 'IDENTIFIED', 'IMMEDIATE', 'IN', 'INCREMENT', 'INDEX', 'INITIAL', 'INSERT',
  'INTEGER', 'INTERSECT', 'INTO', 'IS', 'LEVEL', 'LIKE', 'LOCK', 'LONG', 'MAXEXTENTS', 'MINUS', 'MODE',
  'MODIFY', 'NOAUDIT', 'NOCOMPRESS', 'NOT', 'NOWAIT', 'NULL', 'NUMBER', 'OF', 'OFFLINE', 'ON', 'ONLINE',
  'OPTION', 'OR', 'ORDER', 'PCTFREE', 'PRIOR', 'PUBLIC', 'RAW', 'RENAME', 'RESOURCE', 'REVOKE', 'ROW',
  'ROWID', 'ROWNUM', 'ROWS', 'SELECT', 'SESSION', 'SET', 'SHARE', 'SIZE', 'SMALLINT', 'START', 'SUCCESSFUL',
  'SYNONYM', 'SYSDATE', 'TABLE', 'THEN', 'TO', 'TRIGGER', 'UID', 'UNION', 'UNIQUE', 'UPDATE', 'USER',
  'VALIDATE', 'VALUES', 'VARCHAR', 'VARCHAR2', 'VIEW', 'WHEN', 'WHENEVER', 'WHERE', 'WITH',
] as const;

export const NON_RESERVED = [
  'ALWAYS', 'APPLY', 'AT', 'BITMAP', 'BOTH', 'BYTE', 'CACHE', 'CASCADE', 'CAST', 'COMMIT', 'CONSTRAINT',
  'CONSTRAINTS', 'CROSS', 'CYCLE', 'DAY', 'DEFERRABLE', 'DEFERRED', 'DISABLE', 'EDITIONABLE', 'EDITIONING',
  'ENABLE', 'ESCAPE', 'EXCEPT', 'EXTRACT', 'FETCH', 'FIRST', 'FOLLOWING', 'FORCE', 'FOREIGN', 'FULL',
  'GENERATED', 'GLOBAL', 'HASH', 'HOUR', 'IDENTITY', 'INITIALLY', 'INNER', 'INTERVAL', 'INVISIBLE', 'JOIN',
  'KEEP', 'KEY', 'LAST', 'LATERAL', 'LEADING', 'LEFT', 'LESS', 'LIST', 'LOCAL', 'LOCKED', 'MAXVALUE',
  'MINUTE', 'MINVALUE', 'MONTH', 'NATURAL', 'NEXT', 'NOCACHE', 'NOCYCLE', 'NOEXTEND', 'NOKEEP', 'NOMAXVALUE',
  'NOMINVALUE', 'NONEDITIONABLE', 'NOORDER', 'NORELY', 'NOSCALE', 'NOVALIDATE', 'NULLS', 'OFFSET', 'ONLY',
  'ORGANIZATION', 'OUTER', 'OVER', 'PARTITION', 'PARTITIONS', 'PERCENT', 'PRECEDING', 'PRESERVE', 'PRIMARY',
  'PRIVATE', 'RANGE', 'READ', 'REFERENCE', 'REFERENCES', 'RELY', 'REPLACE', 'REVERSE', 'RIGHT', 'ROLE',
  'SCALE', 'SECOND', 'SEQUENCE', 'SIBLINGS', 'SKIP', 'STORE', 'SUBPARTITION', 'SUBPARTITIONS', 'TEMPLATE',
  'TEMPORARY', 'THAN', 'TIES', 'TIME', 'TIMESTAMP', 'TRAILING', 'TRIM', 'UNBOUNDED', 'USING', 'VIRTUAL',
  'VISIBLE', 'WAIT', 'WITHIN', 'YEAR', 'ZONE', 'NOSORT', 'EXTEND', 'NONE', 'DATABASE', 'LINK',
  'MATERIALIZED', 'IF', 'PURGE', 'VARYING', 'PRECISION', 'DOUBLE', 'CHARACTER', 'NATIONAL', 'NCHAR',
  'OVERFLOW', 'TABLESPACE', 'GRANTED', 'CONTAINER', 'SHARING', 'EXTERNAL', 'HEAP', 'SYSTEM', 'TRUNCATE',
  'LOGGING', 'NOLOGGING', 'SEGMENT', 'CREATION', 'EXPRESSION',
] as const;

export type ReservedWord = (typeof RESERVED)[number];
export type NonReservedWord = (typeof NON_RESERVED)[number];
export type KeywordName = ReservedWord | NonReservedWord;

function build(): Record<KeywordName, TokenType> {
  const out = {} as Record<KeywordName, TokenType>;
  for (const w of RESERVED) {
    out[w] = createToken({ name: w, pattern: Lexer.NA, categories: [NonParen] });
  }
  for (const w of NON_RESERVED) {
    out[w] = createToken({ name: w, pattern: Lexer.NA, categories: [Ident, NonParen] });
  }
  return out;
}

/** Keyword token types by upper-case word. */
export const K = build();

/** Upper-case word → keyword token type, for the lexer's post-pass. */
export const keywordByWord: ReadonlyMap<string, TokenType> = new Map(Object.entries(K));

export const reservedWords: ReadonlySet<string> = new Set(RESERVED);
