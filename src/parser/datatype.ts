/** Oracle data types as written in DDL and PL/SQL declarations. */
import type { DataType } from '../ast/expr.js';
import type { $ } from './base.js';
import { K } from './keywords.js';
import * as T from './tokens.js';

export function defineDataTypeRules($: $): void {
  /** YEAR [(p)] TO MONTH | DAY [(p)] TO SECOND [(p)], as an INTERVAL data type. */
  $.RULE('intervalQualifier', (): DataType => {
    const from = $.or(0, [
      { ALT: () => ($.consume(0, K.YEAR), 'YEAR' as const) },
      { ALT: () => ($.consume(0, K.DAY), 'DAY' as const) },
    ]);
    const fromPrecision = $.option(0, () => {
      $.consume(0, T.LParen);
      const n = Number($.consume(0, T.NumberLit).image);
      $.consume(0, T.RParen);
      return n;
    });
    $.consume(0, K.TO);
    const to = $.or(1, [
      { ALT: () => ($.consume(0, K.MONTH), 'MONTH' as const) },
      { ALT: () => ($.consume(0, K.SECOND), 'SECOND' as const) },
    ]);
    const toPrecision = $.option(1, () => {
      $.consume(1, T.LParen);
      const n = Number($.consume(1, T.NumberLit).image);
      $.consume(1, T.RParen);
      return n;
    });
    return { kind: 'datatype', name: 'INTERVAL', args: [], interval: { from, fromPrecision, to, toPrecision } };
  });

  $.RULE('dataType', (): DataType => {
    const dt: DataType = $.or<DataType>(0, {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => (
            $.consume(0, K.DOUBLE),
            $.consume(0, K.PRECISION),
            { kind: 'datatype', name: 'DOUBLE PRECISION', args: [] }
          ),
        },
        {
          ALT: () => {
            $.consume(0, K.LONG);
            const raw = $.option(0, () => $.consume(0, K.RAW));
            return { kind: 'datatype', name: raw ? 'LONG RAW' : 'LONG', args: [] };
          },
        },
        {
          ALT: () => {
            let national = false;
            $.option(1, () => {
              $.consume(0, K.NATIONAL);
              national = true;
            });
            const base = $.or(1, [
              { ALT: () => ($.consume(0, K.CHAR), 'CHAR') },
              { ALT: () => ($.consume(0, K.CHARACTER), 'CHAR') },
              { ALT: () => ($.consume(0, K.NCHAR), 'NCHAR') },
            ]);
            const varying = $.option(2, () => $.consume(0, K.VARYING));
            const name = (national || base === 'NCHAR' ? 'N' : '') + (varying ? 'VARCHAR2' : 'CHAR');
            return { kind: 'datatype', name, args: [] };
          },
        },
        {
          ALT: () => {
            $.consume(0, K.INTERVAL);
            return $.subrule(0, $.intervalQualifier);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.TIMESTAMP);
            const args: number[] = [];
            $.option(5, () => {
              $.consume(2, T.LParen);
              args.push(Number($.consume(2, T.NumberLit).image));
              $.consume(2, T.RParen);
            });
            let timeZone: 'TZ' | 'LTZ' | undefined;
            $.option(6, () => {
              $.consume(0, K.WITH);
              timeZone = $.option(7, () => $.consume(0, K.LOCAL)) ? 'LTZ' : 'TZ';
              $.consume(0, K.TIME);
              $.consume(0, K.ZONE);
            });
            const t: DataType = { kind: 'datatype', name: 'TIMESTAMP', args };
            if (timeZone) t.timeZone = timeZone;
            return t;
          },
        },
        {
          ALT: () => {
            const name = $.or<string>(4, [
              { ALT: () => $.consume(0, K.DATE).image.toUpperCase() },
              { ALT: () => $.consume(0, K.NUMBER).image.toUpperCase() },
              { ALT: () => $.consume(0, K.FLOAT).image.toUpperCase() },
              { ALT: () => $.consume(0, K.INTEGER).image.toUpperCase() },
              { ALT: () => $.consume(0, K.SMALLINT).image.toUpperCase() },
              { ALT: () => $.consume(0, K.DECIMAL).image.toUpperCase() },
              { ALT: () => $.consume(1, K.RAW).image.toUpperCase() },
              { ALT: () => $.consume(0, K.ROWID).image.toUpperCase() },
              { ALT: () => $.consume(0, K.VARCHAR).image.toUpperCase() },
              { ALT: () => $.consume(0, K.VARCHAR2).image.toUpperCase() },
            ]);
            return { kind: 'datatype', name, args: [] };
          },
        },
        {
          // REF type (an object reference attribute); REF CURSOR is a PL/SQL type definition.
          GATE: () => $.LA(2).tokenType !== K.CURSOR,
          ALT: () => {
            $.consume(0, K.REF);
            const first = $.subrule(2, $.identifier);
            const second = $.option(13, () => {
              $.consume(1, T.Dot);
              return $.subrule(3, $.identifier);
            });
            const t: DataType = second
              ? { kind: 'datatype', name: second, schema: first, args: [], ref: true }
              : { kind: 'datatype', name: first, args: [], ref: true };
            return t;
          },
        },
        {
          ALT: () => {
            const first = $.subrule(0, $.identifier);
            const second = $.option(8, () => {
              $.consume(0, T.Dot);
              return $.subrule(1, $.identifier);
            });
            const t: DataType = second
              ? { kind: 'datatype', name: second, schema: first, args: [] }
              : { kind: 'datatype', name: first, args: [] };
            return t;
          },
        },
      ],
    });
    // Generic arguments: (n [BYTE|CHAR] [, s]) and (*, s)
    const args: (number | '*')[] = [];
    let semantics: 'BYTE' | 'CHAR' | undefined;
    let attribute: 'TYPE' | 'ROWTYPE' | undefined;
    $.option(9, {
      GATE: () => dt.name !== 'TIMESTAMP' && dt.name !== 'INTERVAL',
      DEF: () => {
        $.consume(3, T.LParen);
        args.push(
          $.or<number | '*'>(5, [
            { ALT: () => ($.consume(0, T.Star), '*' as const) },
            { ALT: () => Number($.subrule(0, $.signedNumber)) },
          ]),
        );
        $.option(10, () => {
          semantics = $.or(6, [
            { ALT: () => ($.consume(0, K.BYTE), 'BYTE' as const) },
            { ALT: () => ($.consume(1, K.CHAR), 'CHAR' as const) },
          ]);
        });
        $.option(11, () => {
          $.consume(0, T.Comma);
          args.push(Number($.subrule(1, $.signedNumber)));
        });
        $.consume(3, T.RParen);
      },
    });
    $.option(12, () => {
      $.consume(0, T.Percent);
      attribute = $.consume(1, T.Ident).image.toUpperCase() === 'ROWTYPE' ? 'ROWTYPE' : 'TYPE';
    });
    $.ACTION(() => {
      dt.args.push(...args);
      if (semantics) dt.semantics = semantics;
      if (attribute) dt.attribute = attribute;
    });
    return dt;
  });
}
