/** CREATE INDEX / SEQUENCE / VIEW / SYNONYM / USER / ROLE, COMMENT, GRANT, REVOKE, DROP. */
import type { IToken } from 'chevrotain';
import type { OraName, QualifiedName } from '../ast/common.js';
import type {
  CommentOn,
  Statement,
  CreateIndex,
  CreateRole,
  CreateSequence,
  CreateSynonym,
  CreateUser,
  CreateView,
  DropStmt,
  GrantStmt,
  IndexColumn,
  RevokeStmt,
} from '../ast/ddl.js';
import type { $ } from './base.js';
import { stringValue } from './expr.js';
import { K } from './keywords.js';
import * as T from './tokens.js';

const up = (t: IToken) => t.image.toUpperCase();

export function defineMiscRules($: $): void {
  $.RULE('createIndex', (): CreateIndex => {
    const idx: CreateIndex = {
      kind: 'create-index',
      name: { name: '' },
      table: { name: '' },
      unique: false,
      bitmap: false,
      columns: [],
      dropped: [],
    };
    $.consume(0, K.CREATE);
    $.option(0, () =>
      $.or(0, [
        {
          ALT: () => {
            $.consume(0, K.UNIQUE);
            idx.unique = true;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.BITMAP);
            idx.bitmap = true;
          },
        },
        {
          GATE: () => up($.LA(1)) === 'MULTIVALUE',
          ALT: () => {
            $.consume(0, T.Word);
          },
        },
      ]),
    );
    $.consume(0, K.INDEX);
    idx.name = $.subrule(0, $.qualifiedName);
    $.consume(0, K.ON);
    $.option(1, () => $.consume(0, K.CLUSTER));
    idx.table = $.subrule(1, $.qualifiedName);
    $.option(2, {
      GATE: () => $.LA(1).tokenType !== T.LParen,
      DEF: () => {
        $.subrule(0, $.identifier);
      },
    }); // table alias
    $.consume(0, T.LParen);
    const column = (i: number) => {
      const c: IndexColumn = { expr: $.subrule(i, $.expr) };
      $.option(3 + i, () =>
        $.or(1 + i, [
          { ALT: () => $.consume(i, K.ASC) },
          {
            ALT: () => {
              $.consume(i, K.DESC);
              c.desc = true;
            },
          },
        ]),
      );
      idx.columns.push(c);
    };
    column(0);
    $.many(0, () => {
      $.consume(0, T.Comma);
      column(1);
    });
    $.consume(0, T.RParen);
    const words = $.subrule(0, $.skipClause, { ARGS: ['index'] });
    $.ACTION(() => {
      for (const w of words) {
        if (w === 'REVERSE') idx.reverse = true;
        else if (w === 'LOCAL') idx.local = true;
        if (!idx.dropped.includes(w)) idx.dropped.push(w);
      }
    });
    return idx;
  });

  $.RULE('createSequence', (): CreateSequence => {
    $.consume(0, K.CREATE);
    $.consume(0, K.SEQUENCE);
    $.option(0, () => {
      $.consume(0, K.IF);
      $.consume(0, K.NOT);
      $.consume(0, K.EXISTS);
    });
    const name = $.subrule(0, $.qualifiedName);
    const options = $.subrule(0, $.sequenceOptions);
    return { kind: 'create-sequence', name, options };
  });

  $.RULE('alterSequence', (): Statement => {
    $.consume(1, K.ALTER);
    $.consume(1, K.SEQUENCE);
    const name = $.subrule(1, $.qualifiedName);
    const options = $.subrule(1, $.sequenceOptions);
    return { kind: 'alter-sequence', name, options };
  });

  $.RULE('createView', (): CreateView => {
    const v: CreateView = {
      kind: 'create-view',
      name: { name: '' },
      orReplace: false,
      force: false,
      query: { kind: 'select', items: [], from: [] },
    };
    $.consume(0, K.CREATE);
    $.option(0, () => {
      $.consume(0, K.OR);
      $.consume(0, K.REPLACE);
      v.orReplace = true;
    });
    $.many(0, {
      GATE: () => $.LA(1).tokenType !== K.VIEW && $.LA(1).tokenType !== K.MATERIALIZED,
      DEF: () => {
        const w = up($.consume(0, T.Ident));
        if (w === 'FORCE') v.force = true;
      },
    });
    $.or(0, [
      { ALT: () => $.consume(0, K.VIEW) },
      {
        ALT: () => {
          $.consume(0, K.MATERIALIZED);
          $.consume(1, K.VIEW);
          v.materialized = true;
        },
      },
    ]);
    v.name = $.subrule(0, $.qualifiedName);
    $.option(1, () => {
      $.consume(0, T.LParen);
      const cols: OraName[] = [];
      const col = (i: number) => {
        cols.push($.subrule(1 + i, $.identifier));
        $.subrule(i, $.constraintState);
      };
      col(0);
      $.many(1, () => {
        $.consume(0, T.Comma);
        col(1);
      });
      $.consume(0, T.RParen);
      v.columns = cols;
    });
    $.subrule(0, $.skipClause, { ARGS: ['view'] });
    $.consume(0, K.AS);
    v.query = $.subrule(0, $.query);
    $.option(2, () => {
      $.consume(0, K.WITH);
      $.or(1, [
        {
          ALT: () => {
            $.consume(0, K.READ);
            $.consume(0, K.ONLY);
            v.readOnly = true;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.CHECK);
            $.consume(0, K.OPTION);
            v.checkOption = true;
          },
        },
      ]);
      $.option(3, () => {
        $.consume(0, K.CONSTRAINT);
        $.subrule(3, $.identifier);
      });
    });
    return v;
  });

  $.RULE('createSynonym', (): CreateSynonym => {
    $.consume(0, K.CREATE);
    $.option(0, () => {
      $.consume(0, K.OR);
      $.consume(0, K.REPLACE);
    });
    $.many(0, {
      GATE: () => $.LA(1).tokenType !== K.PUBLIC && $.LA(1).tokenType !== K.SYNONYM,
      DEF: () => {
        $.consume(0, T.Ident);
      },
    });
    const pub = !!$.option(1, () => $.consume(0, K.PUBLIC));
    $.consume(0, K.SYNONYM);
    const name = $.subrule(0, $.qualifiedName);
    $.option(2, () => {
      $.consume(0, K.SHARING);
      $.consume(0, T.Equals);
      $.consume(1, T.Ident);
    });
    $.consume(0, K.FOR);
    const target = $.subrule(1, $.qualifiedName);
    return { kind: 'create-synonym', name, public: pub, target };
  });

  $.RULE('commentOn', (): CommentOn => {
    $.consume(0, K.COMMENT);
    $.consume(0, K.ON);
    const target = $.or(0, [
      { ALT: () => ($.consume(0, K.TABLE), 'TABLE' as const) },
      { ALT: () => ($.consume(0, K.COLUMN), 'COLUMN' as const) },
      { ALT: () => ($.consume(0, K.VIEW), 'VIEW' as const) },
      { ALT: () => ($.consume(0, K.MATERIALIZED), $.consume(1, K.VIEW), 'MATERIALIZED VIEW' as const) },
    ]);
    const parts: OraName[] = [$.subrule(0, $.identifier)];
    $.many(0, () => {
      $.consume(0, T.Dot);
      parts.push($.subrule(1, $.identifier));
    });
    $.consume(0, K.IS);
    const text = $.or(1, [
      { ALT: () => stringValue($.consume(0, T.StringLit)) },
      { ALT: () => stringValue($.consume(0, T.QString)) },
      { ALT: () => stringValue($.consume(0, T.NString)) },
      { ALT: () => ($.consume(0, K.NULL), null) },
    ]);
    return $.ACTION(() => {
      const c: CommentOn = { kind: 'comment', target, table: { name: '' }, text: text === '' ? null : text };
      const rest = target === 'COLUMN' ? parts.slice(0, -1) : parts;
      if (target === 'COLUMN') c.column = parts[parts.length - 1];
      c.table = rest.length === 1 ? { name: rest[0] } : { schema: rest[0], name: rest.slice(1).join('.') };
      return c;
    });
  });

  const privilegeList = (i: number) => {
    const privs: { name: string; columns?: OraName[] }[] = [];
    const priv = (j: number) => {
      const words: string[] = [];
      $.atLeastOne(10 * i + j, {
        GATE: () =>
          $.LA(1).tokenType !== K.ON &&
          $.LA(1).tokenType !== K.TO &&
          $.LA(1).tokenType !== K.FROM &&
          $.LA(1).tokenType !== T.Comma &&
          $.LA(1).tokenType !== T.LParen,
        DEF: () => {
          words.push(up($.consume(10 * i + j, T.NonParen)));
        },
      });
      const p: { name: string; columns?: OraName[] } = { name: '' };
      $.option(50 + 10 * i + j, () => {
        $.consume(10 * i + j, T.LParen);
        p.columns = $.subrule(10 * i + j, $.nameList);
        $.consume(10 * i + j, T.RParen);
      });
      $.ACTION(() => {
        p.name = words.join(' ');
        privs.push(p);
      });
    };
    priv(0);
    $.many(10 * i, () => {
      $.consume(20 * (i + 1), T.Comma);
      priv(1);
    });
    return privs;
  };

  const objectName = (i: number): QualifiedName => {
    // ON [DIRECTORY | JAVA SOURCE | …] obj
    $.option(30 + i, {
      GATE: () => $.LA(2).tokenType !== T.Dot && $.LA(2).tokenType !== K.TO && $.LA(2).tokenType !== K.FROM,
      DEF: () => {
        $.or(70 + i, [{ ALT: () => $.consume(30 + i, T.Ident) }, { ALT: () => $.consume(30 + i, K.USER) }]);
      },
    });
    return $.subrule(30 + i, $.qualifiedName);
  };

  const granteeList = (i: number): OraName[] => {
    const names: OraName[] = [];
    const grantee = (j: number) =>
      names.push(
        $.or(40 + 2 * i + j, [
          { ALT: () => ($.consume(40 + 2 * i + j, K.PUBLIC), 'PUBLIC') },
          { ALT: () => $.subrule(40 + 2 * i + j, $.identifier) },
        ]),
      );
    grantee(0);
    $.many(40 + i, () => {
      $.consume(40 + i, T.Comma);
      grantee(1);
    });
    return names;
  };

  $.RULE('grant', (): GrantStmt => {
    $.consume(0, K.GRANT);
    const privileges = privilegeList(0);
    const on = $.option(0, () => {
      $.consume(0, K.ON);
      return objectName(0);
    });
    $.consume(0, K.TO);
    const grantees = granteeList(0);
    let withGrantOption = false;
    let withAdminOption = false;
    $.option(1, () => {
      $.consume(0, K.WITH);
      const w = $.or(60, [
        { ALT: () => ($.consume(1, K.GRANT), 'GRANT') },
        { ALT: () => up($.consume(0, T.Ident)) },
      ]);
      $.consume(0, K.OPTION);
      if (w === 'GRANT') withGrantOption = true;
      else withAdminOption = true;
    });
    $.option(2, () => {
      $.consume(0, K.CONTAINER);
      $.consume(0, T.Equals);
      $.consume(1, T.Ident);
    });
    return $.ACTION(() => {
      const g: GrantStmt = { kind: 'grant', privileges, grantees, withGrantOption };
      if (on) g.on = on;
      if (withAdminOption) g.withAdminOption = true;
      return g;
    });
  });

  $.RULE('revoke', (): RevokeStmt => {
    $.consume(0, K.REVOKE);
    const privileges = privilegeList(1);
    const on = $.option(0, () => {
      $.consume(0, K.ON);
      return objectName(1);
    });
    $.consume(0, K.FROM);
    const grantees = granteeList(1);
    $.subrule(0, $.skipClause, { ARGS: ['index'] });
    return $.ACTION(() => {
      const r: RevokeStmt = { kind: 'revoke', privileges, grantees };
      if (on) r.on = on;
      return r;
    });
  });

  $.RULE('createUser', (): CreateUser => {
    const alter = $.or(0, [
      { ALT: () => ($.consume(0, K.CREATE), false) },
      { ALT: () => ($.consume(0, K.ALTER), true) },
    ]);
    $.consume(0, K.USER);
    const name = $.subrule(0, $.identifier);
    let hasPassword = false;
    let locked: boolean | undefined;
    // Walk the rest token by token; the password token is consumed and never stored.
    $.many(0, () => {
      // LL(2): IDENTIFIED BY … vs IDENTIFIED EXTERNALLY/GLOBALLY.
      $.or(1, { MAX_LOOKAHEAD: 2, DEF: [
        {
          ALT: () => {
            $.consume(0, K.IDENTIFIED);
            $.or(2, [
              {
                ALT: () => {
                  $.consume(0, K.BY);
                  $.consume(1, T.NonParen);
                  hasPassword = true;
                },
              },
              {
                ALT: () => {
                  $.consume(1, T.Ident);
                  $.option(0, () => {
                    $.consume(1, K.AS);
                    $.consume(2, T.NonParen);
                  });
                },
              },
            ]);
          },
        },
        {
          // ACCOUNT LOCK / UNLOCK
          GATE: () => $.LA(1).image?.toUpperCase() === 'ACCOUNT',
          ALT: () => {
            $.consume(4, T.Ident);
            const w = $.consume(5, T.NonParen).image.toUpperCase();
            $.ACTION(() => (locked = w === 'LOCK'));
          },
        },
        {
          ALT: () => {
            $.consume(3, T.NonParen);
          },
        },
        {
          ALT: () => {
            $.subrule(0, $.balanced);
          },
        },
      ]});
    });
    return $.ACTION((): CreateUser => {
      const u: CreateUser = alter
        ? { kind: 'create-user', name, hasPassword, alter: true }
        : { kind: 'create-user', name, hasPassword };
      if (locked !== undefined) u.locked = locked;
      return u;
    });
  });

  $.RULE('createRole', (): CreateRole => {
    $.consume(0, K.CREATE);
    $.consume(0, K.ROLE);
    const name = $.subrule(0, $.identifier);
    $.subrule(0, $.skipClause, { ARGS: ['index'] });
    return { kind: 'create-role', name };
  });

  $.RULE('drop', (): DropStmt => {
    $.consume(0, K.DROP);
    const words: string[] = [];
    $.many(0, {
      GATE: () => $.LA(2).tokenType !== T.Dot && !isNameEnd($),
      DEF: () => {
        words.push(up($.consume(0, T.NonParen)));
      },
    });
    const name = $.subrule(0, $.qualifiedName);
    // 23ai also accepts IF EXISTS after the name.
    const ifExistsAfter = $.option(1, {
      GATE: () => $.LA(1).tokenType === K.IF && $.LA(2).tokenType === K.EXISTS,
      DEF: () => {
        $.consume(0, K.IF);
        $.consume(0, K.EXISTS);
        return true;
      },
    });
    const cascade = !!$.option(0, () => $.consume(0, K.CASCADE));
    $.subrule(0, $.skipClause, { ARGS: ['index'] });
    return $.ACTION(() => {
      const d: DropStmt = {
        kind: 'drop',
        objectType: words.filter((w) => w !== 'IF' && w !== 'EXISTS').join(' '),
        name,
      };
      if (cascade) d.cascade = true;
      if (ifExistsAfter || (words.includes('IF') && words.includes('EXISTS'))) d.ifExists = true;
      return d;
    });
  });
}

/** In DROP <type words> name [options]: true when LA(1) is the object name. */
function isNameEnd($: $): boolean {
  const next = $.LA(2);
  if (next.tokenType === T.Dot) return true;
  const n = up(next);
  return (
    next.tokenType.name === 'EOF' ||
    ['CASCADE', 'PURGE', 'FORCE', 'VALIDATE', 'KEEP', 'DROP', 'INCLUDING', 'PRESERVE'].includes(n) ||
    (n === 'IF' && up($.LA(3)) === 'EXISTS') ||
    next.tokenType === T.At
  );
}
