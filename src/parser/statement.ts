/**
 * Parses one statement (as cut by the script splitter) into the AST. Never throws on user input:
 * a syntax error becomes a located OPG-PARSE-0001 finding.
 */
import type { IToken } from 'chevrotain';
import type { QualifiedName } from '../ast/common.js';
import type { PlsqlUnitKind, Statement } from '../ast/ddl.js';
import type { PlsqlUnitAst } from '../ast/plsql.js';
import { makeFinding } from '../findings/make.js';
import type { Finding, SourceLocation } from '../findings/types.js';
import { leadingWords } from '../source/script.js';
import { type $, nameOf, OracleParser } from './base.js';
import { defineDataTypeRules } from './datatype.js';
import { defineAdminRules } from './ddl-admin.js';
import { defineAlterRules } from './ddl-alter.js';
import { defineMiscRules } from './ddl-misc.js';
import { definePartitionRules } from './ddl-partition.js';
import { defineTableRules } from './ddl-table.js';
import { defineDmlRules, type DmlRules } from './dml.js';
import { defineExprRules } from './expr.js';
import { definePlsqlRules, type PlsqlRules } from './plsql.js';
import { recoverBody, unparsedMemberLabel } from './plsql-recovery.js';
import { lex } from './lexer.js';
import { defineJsonTableRules } from './json-table.js';
import { defineJsonFunctionRules } from './json-functions.js';
import { defineXmlTableRules } from './xml-table.js';
import { defineQueryRules } from './query.js';
import { Dot, QuotedIdent } from './tokens.js';

let parser: (OracleParser & $ & DmlRules & PlsqlRules) | undefined;

/** First words of Oracle SQL statements; anything else is a syntax error, not an unsupported statement. */
const ORACLE_VERBS = new Set([
  'CREATE',
  'ALTER',
  'DROP',
  'GRANT',
  'REVOKE',
  'COMMENT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'SELECT',
  'WITH',
  'TRUNCATE',
  'ANALYZE',
  'AUDIT',
  'NOAUDIT',
  'RENAME',
  'FLASHBACK',
  'PURGE',
  'LOCK',
  'EXPLAIN',
  'CALL',
  'SET',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'DECLARE',
  'BEGIN',
  'ASSOCIATE',
  'DISASSOCIATE',
  'ADMINISTER',
]);

/** The one parser instance (self-analysis runs once). */
export function getParser(): OracleParser & $ & DmlRules & PlsqlRules {
  parser ??= new OracleParser([
    defineExprRules,
    defineDataTypeRules,
    defineQueryRules,
    defineJsonTableRules,
    defineJsonFunctionRules,
    defineXmlTableRules,
    defineTableRules,
    definePartitionRules,
    defineAlterRules,
    defineMiscRules,
    defineAdminRules,
    defineDmlRules as (p: $) => void,
    definePlsqlRules as (p: $) => void,
  ]) as OracleParser & $ & DmlRules & PlsqlRules;
  return parser;
}

export interface ParsedStatement {
  statement?: Statement;
  findings: Finding[];
  /** Oracle-style object label for messages, e.g. "TABLE HR.EMPLOYEES". */
  object?: string;
}

type RuleName =
  | 'createTable'
  | 'createIndex'
  | 'createSequence'
  | 'createView'
  | 'createSynonym'
  | 'commentOn'
  | 'grant'
  | 'revoke'
  | 'createUser'
  | 'createRole'
  | 'alterTable'
  | 'alterSequence'
  | 'drop'
  | 'selectStatement'
  | 'insert'
  | 'update'
  | 'deleteStmt'
  | 'merge'
  | 'commitStmt'
  | 'rollbackStmt'
  | 'savepointStmt'
  | 'truncate'
  | 'lockTable'
  | 'callStmt'
  | 'adminStatement';

const TABLE_FLAVOURS = new Set([
  'OR',
  'REPLACE',
  'GLOBAL',
  'PRIVATE',
  'TEMPORARY',
  'SHARDED',
  'DUPLICATED',
  'IMMUTABLE',
  'BLOCKCHAIN',
]);
const VIEW_FLAVOURS = new Set([
  'OR',
  'REPLACE',
  'NO',
  'FORCE',
  'NOFORCE',
  'EDITIONING',
  'EDITIONABLE',
  'NONEDITIONABLE',
]);
const UNIT_MODIFIERS = new Set([
  'OR',
  'REPLACE',
  'EDITIONABLE',
  'NONEDITIONABLE',
  'AND',
  'RESOLVE',
  'COMPILE',
  'NOFORCE',
  'FORCE',
]);

/** ALTER <kind> statements read by the administrative-statement rule (ddl-admin.ts). */
const ADMIN_ALTER = new Set([
  'INDEX',
  'TYPE',
  'FUNCTION',
  'PROCEDURE',
  'PACKAGE',
  'TRIGGER',
  'VIEW',
  'MATERIALIZED',
  'LIBRARY',
  'OPERATOR',
  'OUTLINE',
  'TABLESPACE',
  'ROLLBACK',
  'HIERARCHY',
  'ATTRIBUTE',
  'ANALYTIC',
  'DIMENSION',
  'CLUSTER',
  'INDEXTYPE',
  'JAVA',
  'PROFILE',
  'RESOURCE',
  'LOCKDOWN',
  'DISKGROUP',
  'EDITION',
  'SYNONYM',
  'DATABASE',
  'PLUGGABLE',
  'ROLE',
  'AUDIT',
  'FLASHBACK',
]);

/** CREATE <kind> statements read by the administrative-statement rule. */
const ADMIN_CREATE = new Set([
  'CONTEXT',
  'EDITION',
  'DISKGROUP',
  'LOCKDOWN',
  'TABLESPACE',
  'BIGFILE',
  'SMALLFILE',
  'UNDO',
  'ROLLBACK',
  'OUTLINE',
  'LIBRARY',
  'OPERATOR',
  'DIMENSION',
  'ATTRIBUTE',
  'HIERARCHY',
  'ANALYTIC',
  'INDEXTYPE',
  'CLUSTER',
  'PROFILE',
  'DIRECTORY',
  'RESTORE',
  'FLASHBACK',
  'AUDIT',
  'PLUGGABLE',
  'DATABASE',
  'JAVA',
  'SPFILE',
  'PFILE',
  'CONTROLFILE',
]);

export type Classification =
  | { kind: 'rule'; rule: RuleName }
  | { kind: 'plsql'; unitKind: PlsqlUnitKind; nameAt: number }
  | { kind: 'ignored'; what: string }
  | { kind: 'unsupported'; what: string };

/** Decides how to parse a statement from its first words. */
export function classify(words: string[]): Classification {
  const [w0, w1, w2] = words;
  if (w0 === 'DECLARE' || w0 === 'BEGIN') return { kind: 'plsql', unitKind: 'BLOCK', nameAt: -1 };
  if (w0 === 'CREATE') {
    let i = 1;
    while (i < words.length && TABLE_FLAVOURS.has(words[i])) i++;
    if (words[i] === 'TABLE') return { kind: 'rule', rule: 'createTable' };
    i = 1;
    while (i < words.length && ['UNIQUE', 'BITMAP', 'MULTIVALUE'].includes(words[i])) i++;
    if (words[i] === 'INDEX') return { kind: 'rule', rule: 'createIndex' };
    if (w1 === 'SEQUENCE') return { kind: 'rule', rule: 'createSequence' };
    if (w1 === 'USER') return { kind: 'rule', rule: 'createUser' };
    if (w1 === 'ROLE') return { kind: 'rule', rule: 'createRole' };
    i = 1;
    while (i < words.length && VIEW_FLAVOURS.has(words[i])) i++;
    if (words[i] === 'VIEW') return { kind: 'rule', rule: 'createView' };
    if (words[i] === 'MATERIALIZED' && words[i + 1] === 'VIEW') {
      if (words[i + 2] === 'LOG') return { kind: 'rule', rule: 'adminStatement' };
      return { kind: 'rule', rule: 'createView' };
    }
    i = 1;
    while (
      i < words.length &&
      (words[i] === 'OR' ||
        words[i] === 'REPLACE' ||
        words[i] === 'PUBLIC' ||
        words[i] === 'EDITIONABLE' ||
        words[i] === 'NONEDITIONABLE')
    )
      i++;
    if (words[i] === 'SYNONYM') return { kind: 'rule', rule: 'createSynonym' };
    i = 1;
    while (i < words.length && UNIT_MODIFIERS.has(words[i])) i++;
    const u = words[i];
    if (u === 'PACKAGE' || u === 'TYPE') {
      if (words[i + 1] === 'BODY')
        return { kind: 'plsql', unitKind: `${u} BODY` as PlsqlUnitKind, nameAt: i + 2 };
      return { kind: 'plsql', unitKind: u, nameAt: i + 1 };
    }
    if (u === 'PROCEDURE' || u === 'FUNCTION' || u === 'TRIGGER')
      return { kind: 'plsql', unitKind: u, nameAt: i + 1 };
    const publicLink = (w1 === 'PUBLIC' || w1 === 'SHARED') && words.slice(1, 4).includes('DATABASE');
    if (ADMIN_CREATE.has(w1 ?? '') || ADMIN_CREATE.has(u ?? '') || publicLink) return { kind: 'rule', rule: 'adminStatement' };
    return { kind: 'unsupported', what: words.slice(0, Math.min(4, i + 2)).join(' ') };
  }
  if (w0 === 'ALTER' && w1 === 'TABLE') return { kind: 'rule', rule: 'alterTable' };
  if (w0 === 'ALTER' && w1 === 'SEQUENCE') return { kind: 'rule', rule: 'alterSequence' };
  if (w0 === 'ALTER' && w1 === 'USER') return { kind: 'rule', rule: 'createUser' };
  if (w0 === 'COMMENT' && w1 === 'ON') return { kind: 'rule', rule: 'commentOn' };
  if (w0 === 'GRANT') return { kind: 'rule', rule: 'grant' };
  if (w0 === 'REVOKE') return { kind: 'rule', rule: 'revoke' };
  if (w0 === 'DROP') return { kind: 'rule', rule: 'drop' };
  const dml: Record<string, RuleName> = {
    SELECT: 'selectStatement',
    WITH: 'selectStatement',
    INSERT: 'insert',
    UPDATE: 'update',
    DELETE: 'deleteStmt',
    MERGE: 'merge',
    COMMIT: 'commitStmt',
    ROLLBACK: 'rollbackStmt',
    SAVEPOINT: 'savepointStmt',
    LOCK: 'lockTable',
    CALL: 'callStmt',
  };
  if (w0 && dml[w0]) return { kind: 'rule', rule: dml[w0] };
  if (w0 === 'TRUNCATE' && w1 === 'TABLE') return { kind: 'rule', rule: 'truncate' };
  if (w0 === 'ALTER' && ADMIN_ALTER.has(w1 ?? '')) return { kind: 'rule', rule: 'adminStatement' };
  if (['TRUNCATE', 'RENAME', 'FLASHBACK', 'ASSOCIATE', 'DISASSOCIATE', 'ANALYZE', 'AUDIT', 'NOAUDIT', 'PURGE'].includes(w0 ?? ''))
    return { kind: 'rule', rule: 'adminStatement' };
  if (w0 === 'EXPLAIN') return { kind: 'ignored', what: w0 };
  if (w0 === '(') return { kind: 'rule', rule: 'selectStatement' };
  if (w0 === 'ALTER' && (w1 === 'SESSION' || w1 === 'SYSTEM'))
    return { kind: 'ignored', what: `ALTER ${w1}` };
  return {
    kind: 'unsupported',
    what: [w0, w1, w2]
      .filter(Boolean)
      .slice(0, w0 === 'ALTER' || w0 === 'CREATE' ? 3 : 2)
      .join(' '),
  };
}

export function absoluteLocation(
  base: SourceLocation,
  tok: { startLine?: number; startColumn?: number },
): SourceLocation {
  const line = tok.startLine ?? 1;
  const column = tok.startColumn ?? 1;
  return {
    file: base.file,
    line: base.line + line - 1,
    column: line === 1 ? base.column + column - 1 : column,
  };
}

/** Parses one statement of a script. `loc` is where `text` starts. */
export function parseStatement(text: string, loc: SourceLocation): ParsedStatement {
  const words = leadingWords(text, 8);
  const cls = classify(words);
  if (cls.kind === 'ignored') {
    return { statement: { kind: 'unsupported', what: cls.what, text, loc, source: text }, findings: [] };
  }
  if (cls.kind === 'unsupported' && !ORACLE_VERBS.has(words[0] ?? '')) {
    return {
      findings: [
        makeFinding(
          'OPG-PARSE-0001',
          { detail: `"${words[0] ?? ''}" does not start an Oracle statement` },
          { location: loc },
        ),
      ],
    };
  }
  if (cls.kind === 'unsupported') {
    return {
      statement: { kind: 'unsupported', what: cls.what, text, loc, source: text },
      findings: [makeFinding('OPG-PARSE-0002', { kind: cls.what }, { location: loc, object: cls.what })],
    };
  }
  const lexed = lex(text);
  if (cls.kind === 'plsql') return plsqlUnit(text, loc, cls.unitKind, lexed.tokens);
  const findings: Finding[] = [];
  for (const e of lexed.errors) {
    findings.push(
      makeFinding(
        'OPG-PARSE-0001',
        { detail: `unexpected character ${JSON.stringify(text.slice(e.offset, e.offset + 1))}` },
        {
          location: absoluteLocation(loc, { startLine: e.line, startColumn: e.column }),
        },
      ),
    );
  }
  // A character the lexer cannot read (an undefined &variable, a stray symbol) makes the
  // statement untrustworthy: report it and convert nothing rather than a partial object.
  if (findings.length) return { findings, object: objectLabel(words) };
  const p = getParser();
  (p as unknown as { comments: IToken[] }).comments = lexed.comments;
  p.input = lexed.tokens;
  let statement: Statement | undefined;
  try {
    statement = (p[cls.rule] as () => Statement)();
  } catch (err) {
    // Grammar actions must not throw; if one does, report it as a located error rather than crash.
    findings.push(
      makeFinding(
        'OPG-PARSE-0001',
        { detail: `internal parser error: ${(err as Error).message}` },
        { location: loc },
      ),
    );
    statement = undefined;
  }
  const object = objectLabel(words);
  if (p.errors.length > 0) {
    const e = p.errors[0];
    const tok = e.token;
    const found = tok.tokenType?.name === 'EOF' ? 'end of statement' : `"${tok.image}"`;
    const location = tok.tokenType?.name === 'EOF' ? endLocation(loc, text) : absoluteLocation(loc, tok);
    findings.push(
      makeFinding('OPG-PARSE-0001', { detail: `unexpected ${found} in ${object}` }, { location, object }),
    );
    return { findings, object };
  }
  if (statement) {
    statement.loc = loc;
    statement.source = text;
  }
  return { statement, findings, object };
}

function endLocation(loc: SourceLocation, text: string): SourceLocation {
  const lines = text.split('\n');
  const last = lines[lines.length - 1];
  return {
    file: loc.file,
    line: loc.line + lines.length - 1,
    column: (lines.length === 1 ? loc.column - 1 : 0) + last.length + 1,
  };
}

function objectLabel(words: string[]): string {
  const skip = new Set([
    ...TABLE_FLAVOURS,
    ...VIEW_FLAVOURS,
    'CREATE',
    'ALTER',
    'UNIQUE',
    'BITMAP',
    'PUBLIC',
    'ON',
    'COMMENT',
  ]);
  const kinds = ['TABLE', 'INDEX', 'SEQUENCE', 'VIEW', 'SYNONYM', 'USER', 'ROLE', 'COLUMN'];
  for (let i = 0; i < words.length - 1; i++) {
    if (kinds.includes(words[i]) && !skip.has(words[i + 1] ?? '')) {
      const name = words[i + 1] + (words[i + 2] === '.' && words[i + 3] ? `.${words[i + 3]}` : '');
      return `${words[i]} ${name}`;
    }
  }
  return words.slice(0, 2).join(' ');
}

const UNIT_RULES: Partial<Record<PlsqlUnitKind, keyof PlsqlRules>> = {
  PROCEDURE: 'createSubprogramUnit',
  FUNCTION: 'createSubprogramUnit',
  TRIGGER: 'createTriggerUnit',
  PACKAGE: 'createPackageUnit',
  'PACKAGE BODY': 'createPackageBodyUnit',
  BLOCK: 'anonymousBlockUnit',
  TYPE: 'createTypeUnit',
  'TYPE BODY': 'createTypeBodyUnit',
};

function plsqlUnit(
  text: string,
  loc: SourceLocation,
  unitKind: PlsqlUnitKind,
  tokens: IToken[],
): ParsedStatement {
  let name: QualifiedName = { name: 'ANONYMOUS_BLOCK' };
  let wrapped = false;
  if (unitKind !== 'BLOCK') {
    // Find the unit name: the first identifier after the unit keyword(s).
    const unitWords = unitKind.split(' ');
    let i = 0;
    while (i < tokens.length && tokens[i].image.toUpperCase() !== unitWords[0]) i++;
    i += unitWords.length;
    const first = tokens[i];
    if (first) {
      name = { name: nameOf(first) };
      if (tokens[i + 1]?.tokenType === Dot && tokens[i + 2]) {
        name = { schema: nameOf(first), name: nameOf(tokens[i + 2]) };
        i += 2;
      }
      const after = tokens[i + 1];
      wrapped = !!after && after.tokenType !== QuotedIdent && after.image.toUpperCase() === 'WRAPPED';
    }
  }
  const statement: Statement = { kind: 'plsql-unit', unitKind, name, text, loc, source: text };
  const object = `${unitKind} ${name.schema ? `${name.schema}.` : ''}${name.name}`;
  const findings: Finding[] = [];
  if (wrapped) {
    statement.wrapped = true;
    findings.push(makeFinding('OPG-PARSE-0008', { object }, { location: loc, object }));
    return { statement, findings, object };
  }
  const rule = UNIT_RULES[unitKind];
  if (rule) {
    const p = getParser();
    p.input = tokens;
    let ast: PlsqlUnitAst | undefined;
    try {
      ast = (p[rule] as () => PlsqlUnitAst)();
    } catch (err) {
      findings.push(makeFinding('OPG-PARSE-0001', { detail: `internal parser error: ${(err as Error).message}` }, { location: loc, object }));
    }
    if (p.errors.length > 0) {
      const tok = p.errors[0].token;
      // A body whose members parse one by one keeps them; only the failing members are lost.
      const recovered =
        unitKind === 'PACKAGE' || unitKind === 'PACKAGE BODY' || unitKind === 'TYPE BODY'
          ? recoverBody(p, unitKind, name, tokens, text, (t) => absoluteLocation(loc, t))
          : undefined;
      if (recovered) {
        statement.ast = recovered.ast;
        for (const f of recovered.failed) {
          const member = unparsedMemberLabel(object, f.member);
          const found = f.atEnd ? 'end of member' : `"${f.errorToken.image}"`;
          const location = absoluteLocation(loc, f.errorToken);
          findings.push(makeFinding('OPG-PARSE-0001', { detail: `unexpected ${found} in ${member}` }, { location, object: member }));
        }
        return { statement, findings, object };
      }
      const found = tok.tokenType?.name === 'EOF' ? 'end of unit' : `"${tok.image}"`;
      const location = tok.tokenType?.name === 'EOF' ? endLocation(loc, text) : absoluteLocation(loc, tok);
      findings.push(makeFinding('OPG-PARSE-0001', { detail: `unexpected ${found} in ${object}` }, { location, object }));
    } else if (ast) statement.ast = ast;
  }
  return { statement, findings, object };
}
