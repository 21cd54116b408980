/** CREATE TABLE, constraints, partitioning, ALTER TABLE. */
import { EOF, type IToken, tokenMatcher } from 'chevrotain';
import type { ColumnDef, Constraint, ConstraintState, CreateTable, SequenceOptions } from '../ast/ddl.js';
import type { $ } from './base.js';
import { K } from './keywords.js';
import { stringValue } from './expr.js';
import * as T from './tokens.js';

const up = (t: IToken) => t.image.toUpperCase();
const is = (t: IToken, ...words: string[]) => t.tokenType !== T.QuotedIdent && words.includes(up(t));

/** Where a skipped clause ends, by context. */
export type SkipMode = 'table' | 'constraint-index' | 'partition' | 'index' | 'view' | 'alter';

function stopsSkip($: $, mode: SkipMode): boolean {
  const t = $.LA(1);
  if (t.tokenType === EOF || t.tokenType === T.RParen || t.tokenType === T.Semi) return true;
  switch (mode) {
    case 'table':
      if (t.tokenType === K.AS) {
        const n = $.LA(2).tokenType;
        return (
          n === K.SELECT ||
          n === K.WITH ||
          (n === T.LParen && ($.LA(3).tokenType === K.SELECT || $.LA(3).tokenType === K.WITH))
        );
      }
      return (
        (t.tokenType === K.PARTITION && $.LA(2).tokenType === K.BY) ||
        (t.tokenType === K.ON && is($.LA(2), 'COMMIT')) ||
        t.tokenType === K.ORGANIZATION
      );
    case 'constraint-index':
      return (
        t.tokenType === T.Comma ||
        [
          K.ENABLE,
          K.DISABLE,
          K.VALIDATE,
          K.NOVALIDATE,
          K.RELY,
          K.NORELY,
          K.CONSTRAINT,
          K.NOT,
          K.NULL,
          K.PRIMARY,
          K.UNIQUE,
          K.CHECK,
          K.REFERENCES,
          K.DEFERRABLE,
          K.INITIALLY,
        ].includes(t.tokenType) ||
        is(t, 'EXCEPTIONS')
      );
    case 'partition':
      return (
        t.tokenType === T.Comma ||
        (t.tokenType === T.LParen &&
          ($.LA(2).tokenType === K.SUBPARTITION || $.LA(2).tokenType === K.PARTITION)) ||
        t.tokenType === K.SUBPARTITIONS
      );
    case 'index':
      return false;
    case 'view':
      return t.tokenType === K.AS;
    case 'alter':
      return t.tokenType === T.Comma;
  }
}

/** Physical-clause words worth naming in the "dropped" finding. */
const CLAUSE_WORDS = new Set([
  'TABLESPACE',
  'PCTFREE',
  'PCTUSED',
  'INITRANS',
  'MAXTRANS',
  'STORAGE',
  'LOGGING',
  'NOLOGGING',
  'COMPRESS',
  'NOCOMPRESS',
  'CACHE',
  'NOCACHE',
  'PARALLEL',
  'NOPARALLEL',
  'MONITORING',
  'NOMONITORING',
  'SEGMENT',
  'LOB',
  'ROWDEPENDENCIES',
  'NOROWDEPENDENCIES',
  'RESULT_CACHE',
  'INMEMORY',
  'NOINMEMORY',
  'FLASHBACK',
  'OVERFLOW',
  'PCTTHRESHOLD',
  'INCLUDING',
  'MAPPING',
  'ROW',
  'MOVEMENT',
  'COMPUTE',
  'STATISTICS',
  'ONLINE',
  'NOSORT',
  'REVERSE',
  'VISIBLE',
  'INVISIBLE',
  'LOCAL',
  'GLOBAL',
  'FILESYSTEM_LIKE_LOGGING',
  'DEDUPLICATE',
  'SECUREFILE',
  'BASICFILE',
  'COLUMN',
  'NESTED',
  'XMLTYPE',
  'ENABLE',
  'DISABLE',
  'INDEXING',
  'READ',
  'ILM',
  'SHARING',
  'BUFFER_POOL',
  'FREELISTS',
  'FREELIST',
  'STORE',
  'CLUSTER',
  'EXTERNAL',
  'ROW STORE',
]);

/** Words that start a sequence option (identity columns written without parentheses). */
const SEQUENCE_OPTION_WORDS = new Set([
  K.START,
  K.INCREMENT,
  K.MINVALUE,
  K.MAXVALUE,
  K.NOMINVALUE,
  K.NOMAXVALUE,
  K.CACHE,
  K.NOCACHE,
  K.CYCLE,
  K.NOCYCLE,
  K.ORDER,
  K.NOORDER,
  K.KEEP,
  K.NOKEEP,
  K.SCALE,
  K.NOSCALE,
]);

export function defineTableRules($: $): void {
  $.RULE('balanced', () => {
    $.consume(0, T.LParen);
    $.many(0, () => {
      $.or(0, { MAX_LOOKAHEAD: 2, DEF: [{ ALT: () => $.subrule(0, $.balanced) }, { ALT: () => $.consume(0, T.NonParen) }] });
    });
    $.consume(0, T.RParen);
  });

  $.RULE('skipClause', (mode: SkipMode): string[] => {
    const words: string[] = [];
    $.many(0, {
      GATE: () => !stopsSkip($, mode),
      DEF: () => {
        $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
          { ALT: () => $.subrule(0, $.balanced) },
          {
            ALT: () => {
              const t = $.consume(0, T.NonParen);
              $.ACTION(() => {
                const w = up(t);
                if (CLAUSE_WORDS.has(w) && !words.includes(w)) words.push(w);
              });
            },
          },
        ] });
      },
    });
    return words;
  });

  $.RULE('createTable', (): CreateTable => {
    const table: CreateTable = {
      kind: 'create-table',
      name: { name: '' },
      columns: [],
      constraints: [],
      dropped: [],
    };
    $.consume(0, K.CREATE);
    $.option(0, () => {
      $.consume(0, K.OR);
      $.consume(0, K.REPLACE);
    });
    $.option(1, () => {
      const global = $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
        { ALT: () => ($.consume(0, K.GLOBAL), true) },
        { ALT: () => ($.consume(0, K.PRIVATE), false) },
      ] });
      $.consume(0, K.TEMPORARY);
      table.temporary = { global, onCommit: 'DELETE' };
    });
    // SHARDED / DUPLICATED / IMMUTABLE / BLOCKCHAIN table flavours
    $.many(0, {
      GATE: () => $.LA(1).tokenType !== K.TABLE,
      DEF: () => table.dropped.push(up($.consume(0, T.Ident))),
    });
    $.consume(0, K.TABLE);
    table.name = $.subrule(0, $.qualifiedName);
    $.option(10, () => {
      $.consume(0, K.OF);
      table.ofType = $.subrule(2, $.qualifiedName);
    });
    $.option(2, () => {
      $.consume(0, T.LParen);
      const element = (i: number) =>
        $.or(1 + i, {
          IGNORE_AMBIGUITIES: true,
          DEF: [
            {
              GATE: () => isOutOfLineConstraintStart($),
              ALT: () => table.constraints.push($.subrule(i, $.outOfLineConstraint)),
            },
            {
              // SUPPLEMENTAL LOG DATA (…) COLUMNS / SUPPLEMENTAL LOG GROUP g (cols): Oracle redo logging only.
              GATE: () => is($.LA(1), 'SUPPLEMENTAL'),
              ALT: () => {
                $.consume(10 + i, T.Ident);
                $.subrule(10 + i, $.skipClause, { ARGS: ['constraint-index'] });
                $.ACTION(() => {
                  if (!table.dropped.includes('SUPPLEMENTAL LOG')) table.dropped.push('SUPPLEMENTAL LOG');
                });
              },
            },
            { ALT: () => table.columns.push($.subrule(i, $.columnDef)) },
          ],
        });
      element(0);
      $.many(1, () => {
        $.consume(0, T.Comma);
        element(1);
      });
      $.consume(0, T.RParen);
    });
    $.many(2, () => {
      $.or(3, { MAX_LOOKAHEAD: 2, DEF: [
        {
          ALT: () => {
            $.consume(0, K.ON);
            $.consume(1, T.Ident); // COMMIT
            const what = up($.consume(2, T.NonParen));
            $.option(3, () => $.consume(3, T.Ident)); // ROWS / DEFINITION
            $.ACTION(() => {
              if (table.temporary) table.temporary.onCommit = what === 'PRESERVE' ? 'PRESERVE' : 'DELETE';
            });
          },
        },
        {
          ALT: () => {
            $.consume(0, K.ORGANIZATION);
            const org = up($.consume(4, T.NonParen));
            table.organization = org === 'INDEX' ? 'INDEX' : org === 'EXTERNAL' ? 'EXTERNAL' : 'HEAP';
          },
        },
        {
          ALT: () => {
            $.consume(0, K.INDEX);
            table.organization = 'INDEX';
          },
        },
        {
          ALT: () => {
            table.partition = $.subrule(0, $.partitionSpec);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.AS);
            table.asQuery = $.subrule(0, $.query);
          },
        },
        { GATE: () => !stopsSkip($, 'table'), ALT: () => $.subrule(1, $.balanced) },
        {
          GATE: () => !stopsSkip($, 'table'),
          ALT: () => {
            const t = $.consume(5, T.NonParen);
            $.ACTION(() => {
              const w = up(t);
              if (CLAUSE_WORDS.has(w) && !table.dropped.includes(w)) table.dropped.push(w);
            });
          },
        },
      ] });
    });
    return table;
  });

  $.RULE('columnDef', (): ColumnDef => {
    const col: ColumnDef = { name: $.subrule(0, $.identifier), constraints: [] };
    $.option(0, {
      GATE: () => columnTypeFollows($),
      DEF: () => {
        col.type = $.subrule(0, $.dataType);
      },
    });
    $.many(0, () => {
      $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
        {
          ALT: () => {
            $.consume(0, K.VISIBLE);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.INVISIBLE);
            col.invisible = true;
          },
        },
        {
          GATE: () => is($.LA(1), 'SORT'),
          ALT: () => {
            $.consume(0, T.Word);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.DEFAULT);
            $.option(1, () => {
              $.consume(0, K.ON);
              $.consume(0, K.NULL);
              col.defaultOnNull = true;
            });
            col.default = $.subrule(0, $.expr);
          },
        },
        {
          GATE: () =>
            [2, 3, 4, 5, 6, 7].some((k) => $.LA(k).tokenType === K.IDENTITY) &&
            $.LA(1).tokenType === K.GENERATED,
          ALT: () => {
            $.consume(0, K.GENERATED);
            let always = false;
            let onNull = false;
            $.or(1, [
              {
                ALT: () => {
                  $.consume(0, K.ALWAYS);
                  always = true;
                },
              },
              {
                ALT: () => {
                  $.consume(1, K.BY);
                  $.consume(1, K.DEFAULT);
                  $.option(2, () => {
                    $.consume(1, K.ON);
                    $.consume(1, K.NULL);
                    onNull = true;
                  });
                },
              },
            ]);
            $.consume(0, K.AS);
            $.consume(0, K.IDENTITY);
            let options: SequenceOptions = { ignored: [] };
            $.option(3, () => {
              $.consume(0, T.LParen);
              options = $.subrule(0, $.sequenceOptions);
              $.consume(0, T.RParen);
            });
            // DBMS_METADATA writes the options without parentheses.
            $.option(9, {
              GATE: () => SEQUENCE_OPTION_WORDS.has($.LA(1).tokenType),
              DEF: () => {
                options = $.subrule(1, $.sequenceOptions);
              },
            });
            col.identity = { always, onNull, options };
          },
        },
        {
          ALT: () => {
            $.option(4, () => {
              $.consume(1, K.GENERATED);
              $.consume(1, K.ALWAYS);
            });
            $.consume(1, K.AS);
            $.consume(1, T.LParen);
            col.virtual = $.subrule(1, $.expr);
            $.consume(1, T.RParen);
            $.option(5, () => $.consume(0, K.VIRTUAL));
          },
        },
        { ALT: () => col.constraints.push($.subrule(0, $.inlineConstraint)) },
        {
          GATE: () => is($.LA(1), 'ENCRYPT', 'COLLATE'),
          ALT: () => {
            $.consume(1, T.Word);
            $.subrule(1, $.skipClause, { ARGS: ['constraint-index'] });
          },
        },
        {
          GATE: () => is($.LA(1), 'ANNOTATIONS') && $.LA(2).tokenType === T.LParen,
          ALT: () => {
            col.annotations = $.subrule(0, $.annotations);
          },
        },
      ] });
    });
    return $.ACTION(() => {
      for (const c of col.constraints) c.columns = [col.name];
      return col;
    });
  });

  // ANNOTATIONS ( [ADD [IF NOT EXISTS] | DROP [IF EXISTS] | REPLACE] name ['value'] , … )  (23ai)
  $.RULE('annotations', (): NonNullable<ColumnDef['annotations']> => {
    $.consume(0, T.Word);
    $.consume(0, T.LParen);
    const list = [$.subrule(0, $.annotation)];
    $.many(0, () => {
      $.consume(0, T.Comma);
      list.push($.subrule(1, $.annotation));
    });
    $.consume(0, T.RParen);
    return list;
  });

  $.RULE('annotation', (): NonNullable<ColumnDef['annotations']>[number] => {
    let op: 'ADD' | 'DROP' | 'REPLACE' | undefined;
    $.option(0, {
      GATE: () =>
        is($.LA(1), 'ADD', 'DROP', 'REPLACE') &&
        $.LA(2).tokenType !== T.Comma &&
        $.LA(2).tokenType !== T.RParen &&
        $.LA(2).tokenType !== T.StringLit,
      DEF: () => {
        op = up($.consume(0, T.NonParen)) as typeof op;
        $.option(1, () => {
          $.consume(0, K.IF);
          $.option(2, () => $.consume(0, K.NOT));
          $.consume(0, K.EXISTS);
        });
      },
    });
    const name = $.subrule(0, $.identifier);
    let value: string | undefined;
    $.option(3, () => {
      value = stringValue($.consume(0, T.StringLit));
    });
    return $.ACTION(() => {
      const a: NonNullable<ColumnDef['annotations']>[number] = { name };
      if (op) a.op = op;
      if (value !== undefined) a.value = value;
      return a;
    });
  });

  $.RULE('inlineConstraint', (): Constraint => {
    const c: Constraint = { kind: 'not-null', columns: [], state: { enabled: true, validate: true } };
    $.option(0, () => {
      $.consume(0, K.CONSTRAINT);
      c.name = $.subrule(0, $.identifier);
    });
    $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
      {
        ALT: () => {
          $.consume(0, K.NOT);
          $.consume(0, K.NULL);
          c.kind = 'not-null';
        },
      },
      {
        ALT: () => {
          $.consume(1, K.NULL);
          c.kind = 'null';
        },
      },
      {
        ALT: () => {
          $.consume(0, K.PRIMARY);
          $.consume(0, K.KEY);
          c.kind = 'primary-key';
        },
      },
      {
        ALT: () => {
          $.consume(0, K.UNIQUE);
          c.kind = 'unique';
        },
      },
      {
        ALT: () => {
          $.consume(0, K.CHECK);
          $.consume(0, T.LParen);
          c.check = $.subrule(0, $.expr);
          $.consume(0, T.RParen);
          c.kind = 'check';
        },
      },
      {
        ALT: () => {
          c.kind = 'foreign-key';
          c.references = referencesClause(0);
        },
      },
    ] });
    const state = $.subrule(0, $.constraintState);
    $.ACTION(() => Object.assign(c.state, state));
    return c;
  });

  const referencesClause = (i: number): NonNullable<Constraint['references']> => {
    $.consume(10 + i, K.REFERENCES);
    const table = $.subrule(10 + i, $.qualifiedName);
    const ref: NonNullable<Constraint['references']> = { table, columns: [] };
    $.option(10 + i, () => {
      $.consume(10 + i, T.LParen);
      ref.columns = $.subrule(10 + i, $.nameList);
      $.consume(10 + i, T.RParen);
    });
    $.option(20 + i, () => {
      $.consume(10 + i, K.ON);
      $.consume(10 + i, K.DELETE);
      ref.onDelete = $.or(10 + i, [
        { ALT: () => ($.consume(10 + i, K.CASCADE), 'CASCADE' as const) },
        { ALT: () => ($.consume(10 + i, K.SET), $.consume(10 + i, K.NULL), 'SET NULL' as const) },
      ]);
    });
    return ref;
  };

  $.RULE('outOfLineConstraint', (): Constraint => {
    const c: Constraint = { kind: 'check', columns: [], state: { enabled: true, validate: true } };
    $.option(0, () => {
      $.consume(0, K.CONSTRAINT);
      c.name = $.subrule(0, $.identifier);
    });
    const cols = (i: number) => {
      $.consume(i, T.LParen);
      c.columns = $.subrule(i, $.nameList);
      $.consume(i, T.RParen);
    };
    $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
      {
        ALT: () => {
          $.consume(0, K.PRIMARY);
          $.consume(0, K.KEY);
          c.kind = 'primary-key';
          cols(0);
        },
      },
      {
        ALT: () => {
          $.consume(0, K.UNIQUE);
          c.kind = 'unique';
          cols(1);
        },
      },
      {
        ALT: () => {
          $.consume(0, K.CHECK);
          $.consume(2, T.LParen);
          c.check = $.subrule(0, $.expr);
          $.consume(2, T.RParen);
          c.kind = 'check';
        },
      },
      {
        ALT: () => {
          $.consume(0, K.FOREIGN);
          $.consume(1, K.KEY);
          cols(3);
          c.kind = 'foreign-key';
          c.references = referencesClause(0);
        },
      },
    ] });
    const state = $.subrule(0, $.constraintState);
    $.ACTION(() => Object.assign(c.state, state));
    return c;
  });

  $.RULE('constraintState', (): Partial<ConstraintState> => {
    const s: Partial<ConstraintState> = {};
    $.many(0, {
      // Of the words, only EXCEPTIONS INTO continues a constraint state (ANNOTATIONS … does not).
      // NOT NULL after a constraint (`unique not null`) is the column's next constraint, not a state.
      GATE: () =>
        !(tokenMatcher($.LA(1), T.Word) && !is($.LA(1), 'EXCEPTIONS')) &&
        !(tokenMatcher($.LA(1), K.NOT) && tokenMatcher($.LA(2), K.NULL)),
      DEF: () => {
      $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
        {
          ALT: () => {
            $.consume(0, K.NOT);
            $.consume(0, K.DEFERRABLE);
            s.deferrable = false;
          },
        },
        {
          ALT: () => {
            $.consume(1, K.DEFERRABLE);
            s.deferrable = true;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.INITIALLY);
            $.or(1, [
              {
                ALT: () => {
                  $.consume(0, K.DEFERRED);
                  s.initiallyDeferred = true;
                },
              },
              {
                ALT: () => {
                  $.consume(0, K.IMMEDIATE);
                  s.initiallyDeferred = false;
                },
              },
            ]);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.ENABLE);
            s.enabled = true;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.DISABLE);
            s.enabled = false;
            s.validate = false;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.VALIDATE);
            s.validate = true;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.NOVALIDATE);
            s.validate = false;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.RELY);
            s.rely = true;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.NORELY);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.USING);
            $.consume(0, K.INDEX);
            s.usingIndex = true;
            $.subrule(0, $.skipClause, { ARGS: ['constraint-index'] });
          },
        },
        {
          GATE: () => is($.LA(1), 'EXCEPTIONS'),
          ALT: () => {
            $.consume(0, T.Word);
            $.consume(0, K.INTO);
            $.subrule(0, $.qualifiedName);
          },
        },
      ] });
      },
    });
    return s;
  });
}

/** True when the tokens at `at` start an out-of-line constraint (CONSTRAINT x …, PRIMARY KEY, UNIQUE (, CHECK, FOREIGN KEY). */
export function isOutOfLineConstraintStart($: $, at = 1): boolean {
  const t = $.LA(at);
  const n = $.LA(at + 1);
  if (t.tokenType === K.CONSTRAINT) {
    const k = $.LA(at + 2).tokenType;
    return tokenMatcher(n, T.Ident) && [K.PRIMARY, K.UNIQUE, K.CHECK, K.FOREIGN].includes(k);
  }
  if (t.tokenType === K.PRIMARY) return n.tokenType === K.KEY;
  if (t.tokenType === K.FOREIGN) return n.tokenType === K.KEY;
  return t.tokenType === K.UNIQUE || t.tokenType === K.CHECK;
}

/** After a column name: does a data type follow (rather than a constraint or DEFAULT)? */
function columnTypeFollows($: $): boolean {
  const t = $.LA(1);
  if (t.tokenType === T.Comma || t.tokenType === T.RParen || t.tokenType === EOF) return false;
  const notType = [
    K.DEFAULT,
    K.GENERATED,
    K.AS,
    K.CONSTRAINT,
    K.NOT,
    K.NULL,
    K.PRIMARY,
    K.UNIQUE,
    K.CHECK,
    K.REFERENCES,
    K.VISIBLE,
    K.INVISIBLE,
    K.ENABLE,
    K.DISABLE,
  ];
  if (is(t, 'ANNOTATIONS') && $.LA(2).tokenType === T.LParen) return false;
  return !notType.includes(t.tokenType);
}
