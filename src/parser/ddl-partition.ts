/** PARTITION BY clauses (range, list, hash, interval, composite) and sequence / identity options. */
import type { IToken } from 'chevrotain';
import type { PartitionDef, PartitionSpec, SequenceOptions } from '../ast/ddl.js';
import type { Expr } from '../ast/expr.js';
import type { $ } from './base.js';
import { K } from './keywords.js';
import * as T from './tokens.js';

const up = (t: IToken) => t.image.toUpperCase();
const is = (t: IToken, ...words: string[]) => t.tokenType !== T.QuotedIdent && words.includes(up(t));

export function definePartitionRules($: $): void {
  $.RULE('sequenceOptions', (): SequenceOptions => {
    const o: SequenceOptions = { ignored: [] };
    $.many(0, () => {
      $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
        {
          ALT: () => {
            $.consume(0, K.START);
            $.consume(0, K.WITH);
            $.or(9, [
              { ALT: () => (o.start = $.subrule(0, $.signedNumber)) },
              {
                // Identity columns: restart after the highest value the column holds (12c).
                ALT: () => {
                  $.consume(0, K.LIMIT);
                  $.consume(9, T.Ident);
                  o.startLimitValue = true;
                },
              },
            ]);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.INCREMENT);
            $.consume(0, K.BY);
            o.increment = $.subrule(1, $.signedNumber);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.MAXVALUE);
            o.maxValue = $.subrule(2, $.signedNumber);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.NOMAXVALUE);
            o.maxValue = 'NONE';
          },
        },
        {
          ALT: () => {
            $.consume(0, K.MINVALUE);
            o.minValue = $.subrule(3, $.signedNumber);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.NOMINVALUE);
            o.minValue = 'NONE';
          },
        },
        {
          ALT: () => {
            $.consume(0, K.CYCLE);
            o.cycle = true;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.NOCYCLE);
            o.cycle = false;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.CACHE);
            o.cache = Number($.consume(0, T.NumberLit).image);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.NOCACHE);
            o.cache = 'NONE';
          },
        },
        {
          ALT: () => {
            $.consume(0, K.ORDER);
            o.order = true;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.NOORDER);
            o.order = false;
          },
        },
        {
          ALT: () => {
            $.consume(0, K.KEEP);
            o.ignored.push('KEEP');
          },
        },
        {
          ALT: () => {
            $.consume(0, K.NOKEEP);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.SCALE);
            o.ignored.push('SCALE');
            $.option(0, {
              GATE: () => $.LA(1).tokenType === K.EXTEND || $.LA(1).tokenType === K.NOEXTEND,
              DEF: () => $.consume(0, T.Ident),
            });
          },
        },
        {
          ALT: () => {
            $.consume(0, K.NOSCALE);
          },
        },
        {
          ALT: () => {
            // SHARING = METADATA | DATA | NONE (application containers)
            $.consume(0, K.SHARING);
            $.consume(0, T.Equals);
            $.consume(7, T.Ident);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.SESSION);
            o.ignored.push('SESSION');
          },
        },
        {
          ALT: () => {
            $.consume(0, K.GLOBAL);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.SHARE);
          },
        },
        {
          GATE: () => is($.LA(1), 'SHARD', 'NOSHARD', 'PARTITION'),
          ALT: () => {
            $.consume(1, T.Ident);
            $.option(1, () => $.consume(2, T.Ident));
          },
        },
      ] });
    });
    return o;
  });

  $.RULE('partitionSpec', (): PartitionSpec => {
    const spec: PartitionSpec = { method: 'RANGE', columns: [], partitions: [], dropped: [] };
    $.consume(0, K.PARTITION);
    $.consume(0, K.BY);
    const method = (i: number) =>
      $.or(i, [
        { ALT: () => ($.consume(i, K.RANGE), 'RANGE' as const) },
        { ALT: () => ($.consume(i, K.LIST), 'LIST' as const) },
        { ALT: () => ($.consume(i, K.HASH), 'HASH' as const) },
        { ALT: () => ($.consume(i, K.REFERENCE), 'REFERENCE' as const) },
        { ALT: () => ($.consume(i, K.SYSTEM), 'SYSTEM' as const) },
      ]);
    spec.method = method(0);
    $.option(0, () => {
      $.consume(0, T.LParen);
      spec.columns = $.subrule(0, $.nameList);
      $.consume(0, T.RParen);
    });
    // The loop is gated on its own first words: a word of a following table clause (ENABLE ROW
    // MOVEMENT, TABLESPACE …) lexes as an identifier too, and would enter the loop and fail.
    $.many(0, {
      GATE: () =>
        [K.INTERVAL, K.SUBPARTITION, K.PARTITIONS].includes($.LA(1).tokenType) || is($.LA(1), 'STORE', 'AUTOMATIC'),
      DEF: () => {
        $.or(2, { MAX_LOOKAHEAD: 2, DEF: [
          {
            ALT: () => {
              $.consume(0, K.INTERVAL);
              $.consume(1, T.LParen);
              spec.interval = $.subrule(0, $.expr);
              $.consume(1, T.RParen);
            },
          },
          {
            GATE: () => is($.LA(1), 'STORE', 'AUTOMATIC'),
            ALT: () => {
              $.consume(0, T.Ident);
              $.option(1, () => {
                $.consume(1, T.Ident);
                $.subrule(0, $.balanced);
              });
            },
          },
          {
            ALT: () => {
              $.consume(0, K.SUBPARTITION);
              $.consume(1, K.BY);
              const m = method(1);
              const sub: NonNullable<PartitionSpec['sub']> = {
                method: m === 'LIST' || m === 'HASH' ? m : 'RANGE',
                columns: [],
              };
              $.consume(2, T.LParen);
              sub.columns = $.subrule(1, $.nameList);
              $.consume(2, T.RParen);
              $.option(2, () => {
                $.consume(0, K.SUBPARTITIONS);
                sub.count = Number($.consume(0, T.NumberLit).image);
              });
              $.option(3, () => {
                $.consume(1, K.SUBPARTITION);
                $.consume(0, K.TEMPLATE);
                sub.template = $.or(4, [
                  { ALT: () => $.subrule(0, $.subpartitionList) },
                  {
                    ALT: () => {
                      sub.count = Number($.consume(1, T.NumberLit).image);
                      return undefined;
                    },
                  },
                ]);
              });
              spec.sub = sub;
            },
          },
          {
            ALT: () => {
              $.consume(0, K.PARTITIONS);
              spec.count = Number($.consume(2, T.NumberLit).image);
            },
          },
        ] });
      },
    });
    $.option(4, {
      GATE: () => $.LA(1).tokenType === T.LParen && $.LA(2).tokenType === K.PARTITION,
      DEF: () => {
        $.consume(3, T.LParen);
        spec.partitions.push($.subrule(0, $.partitionDef, { ARGS: [spec] }));
        $.many(1, () => {
          $.consume(0, T.Comma);
          spec.partitions.push($.subrule(1, $.partitionDef, { ARGS: [spec] }));
        });
        $.consume(3, T.RParen);
      },
    });
    return spec;
  });

  $.RULE('boundValues', (): Expr[] => {
    $.consume(0, T.LParen);
    const values: Expr[] = [];
    const value = (i: number) =>
      values.push(
        $.or(i, {
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: (): Expr => ($.consume(i, K.MAXVALUE), { kind: 'pseudo', name: 'MAXVALUE' }) },
            { ALT: (): Expr => ($.consume(i, K.DEFAULT), { kind: 'pseudo', name: 'DEFAULT' }) },
            { ALT: (): Expr => $.subrule(i, $.expr) },
          ],
        }),
      );
    value(0);
    $.many(0, () => {
      $.consume(0, T.Comma);
      value(1);
    });
    $.consume(0, T.RParen);
    return values;
  });

  /** [VALUES LESS THAN (…) | VALUES (…)] */
  $.RULE('partitionBounds', (def: PartitionDef) => {
    $.option(0, () => {
      $.consume(0, K.VALUES);
      $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
        {
          ALT: () => {
            $.consume(0, K.LESS);
            $.consume(0, K.THAN);
            const v = $.subrule(0, $.boundValues);
            $.ACTION(() => {
              def.lessThan = v;
            });
          },
        },
        {
          ALT: () => {
            const v = $.subrule(1, $.boundValues);
            $.ACTION(() => {
              if (v.length === 1 && v[0].kind === 'pseudo' && v[0].name === 'DEFAULT') def.isDefault = true;
              else def.values = v;
            });
          },
        },
      ] });
    });
  });

  /** PARTITION [name] [bounds] [props] [(subpartitions) | SUBPARTITIONS n] */
  $.RULE('partitionDef', (spec: PartitionSpec): PartitionDef => {
    const def: PartitionDef = {};
    $.consume(0, K.PARTITION);
    $.option(0, {
      GATE: () => $.LA(1).tokenType !== K.VALUES,
      DEF: () => {
        def.name = $.subrule(0, $.identifier);
      },
    });
    $.subrule(0, $.partitionBounds, { ARGS: [def] });
    const words = $.subrule(0, $.skipClause, { ARGS: ['partition'] });
    $.option(1, () =>
      $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
        {
          ALT: () => {
            def.subpartitions = $.subrule(0, $.subpartitionList);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.SUBPARTITIONS);
            def.subCount = Number($.consume(0, T.NumberLit).image);
          },
        },
      ] }),
    );
    $.ACTION(() => {
      for (const w of words) if (!spec.dropped.includes(w)) spec.dropped.push(w);
    });
    return def;
  });

  $.RULE('subpartitionList', (): PartitionDef[] => {
    const list: PartitionDef[] = [];
    $.consume(0, T.LParen);
    const sub = (i: number) => {
      const def: PartitionDef = {};
      $.consume(i, K.SUBPARTITION);
      $.option(i, {
        GATE: () => $.LA(1).tokenType !== K.VALUES,
        DEF: () => {
          def.name = $.subrule(i, $.identifier);
        },
      });
      $.subrule(i, $.partitionBounds, { ARGS: [def] });
      $.subrule(i, $.skipClause, { ARGS: ['partition'] });
      list.push(def);
    };
    sub(0);
    $.many(0, () => {
      $.consume(0, T.Comma);
      sub(1);
    });
    $.consume(0, T.RParen);
    return list;
  });
}
