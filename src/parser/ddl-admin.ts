/**
 * Administrative and maintenance statements: ALTER INDEX / TYPE / FUNCTION … COMPILE, RENAME,
 * TRUNCATE CLUSTER, FLASHBACK TABLE, ASSOCIATE / DISASSOCIATE STATISTICS, CREATE CONTEXT /
 * EDITION / DIRECTORY / DATABASE LINK, tablespaces, rollback segments, outlines, libraries …
 *
 * The grammar reads the statement head (verb and object-kind words), the object name, and the
 * clauses as words and balanced parentheses. The clauses that change something PostgreSQL has
 * (RENAME TO, ALTER TYPE … ATTRIBUTE) are read structurally; physical and administrative options
 * (storage, tablespaces, parallelism, statistics costs) only as words, since nothing converts them.
 */
import type { IToken } from 'chevrotain';
import { tokenMatcher } from 'chevrotain';
import type { OraName, QualifiedName } from '../ast/common.js';
import type { AdminStmt, TypeAttributeChange } from '../ast/ddl.js';
import type { DataType } from '../ast/expr.js';
import type { $ } from './base.js';
import * as T from './tokens.js';

const up = (t: IToken) => t.image.toUpperCase();

/** Words that belong to the statement head (object kind), never to the object name. */
export const ADMIN_KIND_WORDS = new Set([
  'INDEX',
  'TYPE',
  'FUNCTION',
  'PROCEDURE',
  'PACKAGE',
  'BODY',
  'TRIGGER',
  'VIEW',
  'MATERIALIZED',
  'LOG',
  'LIBRARY',
  'OPERATOR',
  'OUTLINE',
  'TABLESPACE',
  'SET',
  'ROLLBACK',
  'SEGMENT',
  'HIERARCHY',
  'ATTRIBUTE',
  'ANALYTIC',
  'DIMENSION',
  'CLUSTER',
  'INDEXTYPE',
  'JAVA',
  'SOURCE',
  'CLASS',
  'RESOURCE',
  'PROFILE',
  'LOCKDOWN',
  'DISKGROUP',
  'EDITION',
  'CONTEXT',
  'DIRECTORY',
  'DATABASE',
  'LINK',
  'SHARED',
  'PUBLIC',
  'PLUGGABLE',
  'RESTORE',
  'POINT',
  'GUARANTEE',
  'FLASHBACK',
  'ARCHIVE',
  'AUDIT',
  'POLICY',
  'TABLE',
  'STATISTICS',
  'WITH',
  'FROM',
  'COLUMNS',
  'FUNCTIONS',
  'PACKAGES',
  'TYPES',
  'INDEXES',
  'INDEXTYPES',
  'EDITIONABLE',
  'NONEDITIONABLE',
  'OR',
  'REPLACE',
  'BIGFILE',
  'SMALLFILE',
  'TEMPORARY',
  'UNDO',
  'SYNONYM',
  'SEQUENCE',
  'USER',
  'ROLE',
]);

export function defineAdminRules($: $): void {
  $.RULE('typeAttributeDef', (): { name: OraName; type?: DataType } => {
    const name = $.subrule(0, $.identifier);
    let type: DataType | undefined;
    $.option(0, {
      MAX_LOOKAHEAD: 1,
      GATE: () => $.LA(1).tokenType !== T.Comma && $.LA(1).tokenType !== T.RParen && $.LA(1).tokenType !== T.Semi,
      DEF: () => {
        type = $.subrule(0, $.dataType);
      },
    });
    return { name, type };
  });

  $.RULE('adminStatement', (): AdminStmt => {
    const verb = $.consume(0, T.NonParen);
    const head: string[] = [up(verb)];
    $.many(0, {
      MAX_LOOKAHEAD: 1,
      GATE: () =>
        ADMIN_KIND_WORDS.has(up($.LA(1))) &&
        $.LA(2).tokenType !== T.Semi &&
        $.LA(2).tokenType !== T.Dot &&
        // `ALTER INDEX set …`: a head word followed by a clause word is the name.
        !(head.length > 1 && tokenMatcher($.LA(1), T.Ident) && !ADMIN_KIND_WORDS.has(up($.LA(2))) && isClauseStart($.LA(2))),
      DEF: () => {
        head.push(up($.consume(1, T.NonParen)));
      },
    });
    let name: QualifiedName | undefined;
    $.option(0, {
      MAX_LOOKAHEAD: 1,
      GATE: () => tokenMatcher($.LA(1), T.Ident),
      DEF: () => {
        name = $.subrule(0, $.qualifiedName);
      },
    });
    const words: string[] = [];
    const attributes: TypeAttributeChange[] = [];
    let renameTo: OraName | undefined;
    $.many(1, {
      MAX_LOOKAHEAD: 1,
      DEF: () => {
      $.or(0, {
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
        {
          // ALTER TYPE t ADD|MODIFY ATTRIBUTE a type | (a type, …); DROP ATTRIBUTE a | (a, …)
          GATE: () =>
            head[0] === 'ALTER' &&
            head.includes('TYPE') &&
            ['ADD', 'MODIFY', 'DROP'].includes(up($.LA(1))) &&
            up($.LA(2)) === 'ATTRIBUTE',
          ALT: () => {
            const op = up($.consume(2, T.NonParen)) as TypeAttributeChange['op'];
            $.consume(3, T.NonParen);
            const push = (a: { name: OraName; type?: DataType }) => {
              const change: TypeAttributeChange = { op, name: a.name };
              if (op !== 'DROP' && a.type) change.type = a.type;
              attributes.push(change);
            };
            $.or(1, { MAX_LOOKAHEAD: 1, DEF: [
              {
                ALT: () => {
                  $.consume(0, T.LParen);
                  push($.subrule(0, $.typeAttributeDef));
                  $.many(2, () => {
                    $.consume(0, T.Comma);
                    push($.subrule(1, $.typeAttributeDef));
                  });
                  $.consume(0, T.RParen);
                },
              },
              { ALT: () => push($.subrule(2, $.typeAttributeDef)) },
            ]});
          },
        },
        {
          // RENAME a TO b; ALTER … x RENAME TO y
          GATE: () =>
            up($.LA(1)) === 'TO' &&
            (head[0] === 'RENAME' || words[words.length - 1] === 'RENAME') &&
            tokenMatcher($.LA(2), T.Ident),
          ALT: () => {
            words.push(up($.consume(4, T.NonParen)));
            renameTo = $.subrule(1, $.identifier);
          },
        },
        { ALT: () => $.subrule(0, $.balanced) },
        { ALT: () => words.push(up($.consume(5, T.NonParen))) },
        ],
      });
      },
    });
    return $.ACTION(() => {
      // CONNECT TO u IDENTIFIED BY pw (database links): the password is not kept in the tree.
      for (let i = 0; i + 2 < words.length; i++)
        if (words[i] === 'IDENTIFIED' && words[i + 1] === 'BY') {
          if (words[i + 2] === 'VALUES' && i + 3 < words.length) words[i + 3] = '<password>';
          else words[i + 2] = '<password>';
        }
      const s: AdminStmt = { kind: 'admin', what: head.join(' '), words };
      if (name) s.name = name;
      if (renameTo) s.renameTo = renameTo;
      if (attributes.length) s.attributes = attributes;
      return s;
    });
  });
}

const CLAUSE_STARTS = new Set([
  'RENAME',
  'REBUILD',
  'COMPILE',
  'ENABLE',
  'DISABLE',
  'ADD',
  'MODIFY',
  'DROP',
  'ONLINE',
  'OFFLINE',
  'SHRINK',
  'COALESCE',
  'UNUSABLE',
  'VISIBLE',
  'INVISIBLE',
  'USING',
  'TO',
  'FORCE',
  'DEFAULT',
]);

function isClauseStart(t: IToken): boolean {
  return t.tokenType === T.Semi || t.tokenType === T.LParen || CLAUSE_STARTS.has(up(t));
}
