/** ALTER TABLE: merged into the table model by the converter when the table is known. */
import type { AlterAction } from '../ast/ddl.js';
import type { $ } from './base.js';
import { isOutOfLineConstraintStart } from './ddl-table.js';
import { K } from './keywords.js';
import * as T from './tokens.js';

export function defineAlterRules($: $): void {
  $.RULE('alterTable', () => {
    $.consume(0, K.ALTER);
    $.consume(0, K.TABLE);
    const table = $.subrule(0, $.qualifiedName);
    const actions: AlterAction[] = [];
    const add = (a: AlterAction) => actions.push(a);
    $.or(0, { MAX_LOOKAHEAD: 2,
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            $.consume(0, K.ADD);
            $.or(1, { MAX_LOOKAHEAD: 2,
              IGNORE_AMBIGUITIES: true,
              DEF: [
                {
                  GATE: () => isOutOfLineConstraintStart($),
                  ALT: () => add({ kind: 'add-constraint', constraint: $.subrule(0, $.outOfLineConstraint) }),
                },
                {
                  GATE: () => $.LA(1).tokenType === T.LParen && isOutOfLineConstraintStart($, 2),
                  ALT: () => {
                    $.consume(0, T.LParen);
                    add({ kind: 'add-constraint', constraint: $.subrule(1, $.outOfLineConstraint) });
                    $.many(0, () => {
                      $.consume(0, T.Comma);
                      add({ kind: 'add-constraint', constraint: $.subrule(2, $.outOfLineConstraint) });
                    });
                    $.consume(0, T.RParen);
                  },
                },
                {
                  ALT: () => {
                    $.consume(1, T.LParen);
                    add({ kind: 'add-column', column: $.subrule(0, $.columnDef) });
                    $.many(1, () => {
                      $.consume(1, T.Comma);
                      add({ kind: 'add-column', column: $.subrule(1, $.columnDef) });
                    });
                    $.consume(1, T.RParen);
                  },
                },
                {
                  ALT: () => {
                    $.option(0, () => $.consume(0, K.COLUMN));
                    add({ kind: 'add-column', column: $.subrule(2, $.columnDef) });
                  },
                },
              ],
            });
          },
        },
        {
          ALT: () => {
            $.consume(0, K.MODIFY);
            const modify = (i: number) => {
              const column = $.subrule(10 + i, $.columnDef);
              $.ACTION(() => {
                const nn = column.constraints.find((c) => c.kind === 'not-null');
                const nl = column.constraints.find((c) => c.kind === 'null');
                add({ kind: 'modify-column', column, setNotNull: !!nn, setNull: !!nl });
              });
            };
            $.or(2, { MAX_LOOKAHEAD: 2, DEF: [
              {
                // MODIFY [SUB]PARTITION p …, MODIFY DEFAULT ATTRIBUTES …, MODIFY LOB (c) (…):
                // physical attributes and maintenance (SHRINK SPACE, COALESCE, UNUSABLE LOCAL INDEXES).
                GATE: () =>
                  ['PARTITION', 'SUBPARTITION', 'LOB', 'NESTED', 'VARRAY'].includes($.LA(1).image?.toUpperCase()) ||
                  ($.LA(1).tokenType === K.DEFAULT && $.LA(2).image?.toUpperCase() === 'ATTRIBUTES'),
                ALT: () => {
                  const what = $.consume(30, T.NonParen).image.toUpperCase();
                  const words = $.subrule(30, $.skipClause, { ARGS: ['alter'] });
                  $.ACTION(() => add({ kind: 'other', text: ['MODIFY', what, ...words].join(' ') }));
                },
              },
              {
                GATE: () => $.LA(1).tokenType === K.CONSTRAINT,
                ALT: () => {
                  $.consume(3, K.CONSTRAINT);
                  const name = $.subrule(3, $.identifier);
                  const st = $.subrule(0, $.constraintState);
                  $.ACTION(() =>
                    add({
                      kind: 'constraint-state',
                      name,
                      enable: st.enabled !== false,
                      validate: st.validate,
                    }),
                  );
                },
              },
              {
                ALT: () => {
                  $.consume(2, T.LParen);
                  modify(0);
                  $.many(2, () => {
                    $.consume(2, T.Comma);
                    modify(1);
                  });
                  $.consume(2, T.RParen);
                },
              },
              { ALT: () => modify(2) },
            ] });
          },
        },
        {
          ALT: () => {
            $.consume(0, K.DROP);
            $.or(3, { MAX_LOOKAHEAD: 2, DEF: [
              {
                ALT: () => {
                  $.consume(0, K.CONSTRAINT);
                  const name = $.subrule(4, $.identifier);
                  const cascade = !!$.option(1, () => $.consume(0, K.CASCADE));
                  add({ kind: 'drop-constraint', name, cascade });
                },
              },
              {
                ALT: () => {
                  $.consume(0, K.PRIMARY);
                  $.consume(0, K.KEY);
                  add({ kind: 'drop-primary-key' });
                },
              },
              {
                ALT: () => {
                  $.consume(1, K.UNIQUE);
                  $.consume(4, T.LParen);
                  add({ kind: 'drop-unique', columns: $.subrule(1, $.nameList) });
                  $.consume(4, T.RParen);
                },
              },
              {
                ALT: () => {
                  $.consume(1, K.COLUMN);
                  add({ kind: 'drop-column', columns: [$.subrule(5, $.identifier)] });
                },
              },
              {
                ALT: () => {
                  $.consume(3, T.LParen);
                  add({ kind: 'drop-column', columns: $.subrule(0, $.nameList) });
                  $.consume(3, T.RParen);
                },
              },
            ] });
            $.subrule(0, $.skipClause, { ARGS: ['alter'] });
          },
        },
        {
          ALT: () => {
            $.consume(0, K.RENAME);
            $.or(4, { MAX_LOOKAHEAD: 2, DEF: [
              {
                ALT: () => {
                  $.consume(2, K.COLUMN);
                  const from = $.subrule(6, $.identifier);
                  $.consume(0, K.TO);
                  add({ kind: 'rename-column', from, to: $.subrule(7, $.identifier) });
                },
              },
              {
                ALT: () => {
                  $.consume(1, K.TO);
                  add({ kind: 'rename-table', to: $.subrule(8, $.identifier) });
                },
              },
              {
                ALT: () => {
                  $.consume(1, K.CONSTRAINT);
                  const from = $.subrule(9, $.identifier);
                  $.consume(2, K.TO);
                  add({ kind: 'rename-constraint', from, to: $.subrule(10, $.identifier) });
                },
              },
            ] });
          },
        },
        {
          ALT: () => {
            const enable = $.or(5, { MAX_LOOKAHEAD: 2, DEF: [
              { ALT: () => ($.consume(0, K.ENABLE), true) },
              { ALT: () => ($.consume(0, K.DISABLE), false) },
            ] });
            let validate: boolean | undefined;
            $.option(2, () =>
              $.or(6, { MAX_LOOKAHEAD: 2, DEF: [
                {
                  ALT: () => {
                    $.consume(0, K.VALIDATE);
                    validate = true;
                  },
                },
                {
                  ALT: () => {
                    $.consume(0, K.NOVALIDATE);
                    validate = false;
                  },
                },
              ] }),
            );
            $.consume(2, K.CONSTRAINT);
            const name = $.subrule(11, $.identifier);
            $.ACTION(() => add({ kind: 'constraint-state', name, enable, validate }));
            $.subrule(1, $.skipClause, { ARGS: ['alter'] });
          },
        },
        {
          // SET UNUSED (cols) / SET UNUSED COLUMN c: the columns are gone for every query: a drop.
          GATE: () => $.LA(1).tokenType === K.SET && $.LA(2).image?.toUpperCase() === 'UNUSED',
          ALT: () => {
            $.consume(0, K.SET);
            $.consume(20, T.Ident);
            $.or(20, { MAX_LOOKAHEAD: 2, DEF: [
              {
                ALT: () => {
                  $.consume(20, K.COLUMN);
                  add({ kind: 'drop-column', columns: [$.subrule(20, $.identifier)] });
                },
              },
              {
                ALT: () => {
                  $.consume(20, T.LParen);
                  add({ kind: 'drop-column', columns: $.subrule(20, $.nameList) });
                  $.consume(20, T.RParen);
                },
              },
            ] });
            $.subrule(20, $.skipClause, { ARGS: ['alter'] });
          },
        },
        {
          ALT: () => {
            const words = $.subrule(2, $.skipClause, { ARGS: ['index'] });
            $.ACTION(() => add({ kind: 'other', text: words.join(' ') }));
          },
        },
      ],
    });
    return { kind: 'alter-table' as const, table, actions };
  });
}
