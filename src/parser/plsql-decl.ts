/** PL/SQL subprogram headings, parameters, PL/SQL types and declarations. */

import { EOF } from 'chevrotain';
import type { DataType, Expr } from '../ast/expr.js';
import type { Declaration, Param, Subprogram, TypeDefinition } from '../ast/plsql.js';
import { K } from './keywords.js';
import type { P } from './plsql.js';
import { plsqlHelpers, spanOf } from './plsql-helpers.js';
import * as T from './tokens.js';

export function definePlsqlDeclRules($: P): void {
  const { la, word, directive, ccEnd, isOrAs, accessibleBy, timingPointAhead } = plsqlHelpers($);

  // ── subprograms ──────────────────────────────────────────────────────
  $.RULE('subprogramHeading', (): Subprogram => {
    const kind = $.or(0, [
      { ALT: () => ($.consume(0, K.PROCEDURE), 'procedure' as const) },
      { ALT: () => ($.consume(0, K.FUNCTION), 'function' as const) },
    ]);
    const name = $.subrule(0, $.qualifiedName);
    const params = $.option(0, () => $.subrule(0, $.paramList)) ?? [];
    const returnType = $.option(1, () => {
      $.consume(0, K.RETURN);
      return $.subrule(0, $.plType);
    });
    const attributes: string[] = [];
    $.many(0, {
      GATE: () =>
        [K.DETERMINISTIC, K.PIPELINED, K.PARALLEL_ENABLE, K.RESULT_CACHE, K.AUTHID, K.ACCESSIBLE].includes(
          la(1),
        ) || word(1, 'SHARING'),
      DEF: () =>
        $.or(1, [
          { ALT: () => attributes.push($.consume(0, K.DETERMINISTIC).image.toUpperCase()) },
          { ALT: () => attributes.push($.consume(0, K.PIPELINED).image.toUpperCase()) },
          {
            ALT: () => {
              attributes.push($.consume(0, K.PARALLEL_ENABLE).image.toUpperCase());
              $.option(2, () => {
                $.consume(0, T.LParen);
                $.many(1, () =>
                  $.or(2, [
                    { ALT: () => $.consume(1, T.NonParen) },
                    { ALT: () => ($.consume(1, T.LParen), $.consume(1, T.RParen)) },
                  ]),
                );
                $.consume(0, T.RParen);
              });
            },
          },
          {
            ALT: () => {
              attributes.push($.consume(0, K.RESULT_CACHE).image.toUpperCase());
              $.option(3, {
                GATE: () => word(1, 'RELIES_ON'),
                DEF: () => {
                  $.consume(0, T.Ident);
                  $.consume(2, T.LParen);
                  $.many(2, () => $.consume(2, T.NonParen));
                  $.consume(2, T.RParen);
                },
              });
            },
          },
          {
            ALT: () => (
              $.consume(0, K.AUTHID), attributes.push(`AUTHID ${$.consume(1, T.Ident).image.toUpperCase()}`)
            ),
          },
          { ALT: () => (accessibleBy(0), attributes.push('ACCESSIBLE BY')) },
          {
            GATE: () => word(1, 'SHARING'),
            ALT: () => ($.consume(2, T.Ident), $.consume(0, T.Equals), $.consume(3, T.Ident)),
          },
        ]),
    });
    return $.ACTION(() => {
      const s: Subprogram = { kind, name, params, attributes };
      if (returnType) s.returnType = returnType;
      return s;
    });
  });

  /** Heading followed by IS/AS body, LANGUAGE/EXTERNAL spec, or nothing (declaration). */
  $.RULE('subprogramDecl', (): Subprogram => {
    const s = $.subrule(0, $.subprogramHeading);
    $.option(0, () => {
      isOrAs(0);
      $.or(0, [
        {
          GATE: () => la(1) === K.LANGUAGE || word(1, 'EXTERNAL'),
          ALT: () => {
            const words: string[] = [];
            $.many(0, {
              GATE: () => la(1) !== T.Semi,
              DEF: () => {
                words.push(
                  $.or(1, [
                    { ALT: () => $.consume(0, T.NonParen).image },
                    { ALT: () => $.consume(0, T.LParen).image },
                    { ALT: () => $.consume(0, T.RParen).image },
                  ]),
                );
              },
            });
            $.ACTION(() => (s.external = words.join(' ')));
          },
        },
        {
          ALT: () => {
            const declarations = $.subrule(0, $.declarations);
            $.consume(0, K.BEGIN);
            const body = $.subrule(0, $.blockBody);
            $.ACTION(() => (s.block = { declarations, ...body }));
          },
        },
      ]);
    });
    return s;
  });

  $.RULE('paramList', (): Param[] => {
    $.consume(0, T.LParen);
    const params = [$.subrule(0, $.param)];
    $.many(0, () => {
      $.consume(0, T.Comma);
      params.push($.subrule(1, $.param));
    });
    $.consume(0, T.RParen);
    return params;
  });

  $.RULE('param', (): Param => {
    const name = $.subrule(0, $.identifier);
    let mode: Param['mode'] = 'IN';
    let nocopy = false;
    $.option(0, {
      GATE: () => la(1) === K.IN || la(1) === K.OUT,
      DEF: () =>
        $.or(0, [
          {
            ALT: () => {
              $.consume(0, K.IN);
              $.option(1, {
                GATE: () => la(1) === K.OUT,
                DEF: () => ($.consume(0, K.OUT), (mode = 'IN OUT')),
              });
            },
          },
          { ALT: () => ($.consume(1, K.OUT), (mode = 'OUT')) },
        ]),
    });
    $.option(2, () => ($.consume(0, K.NOCOPY), (nocopy = true)));
    const type = $.subrule(0, $.plType);
    const dflt = $.option(3, () => {
      $.or(1, [{ ALT: () => $.consume(0, T.Assign) }, { ALT: () => $.consume(0, K.DEFAULT) }]);
      return $.subrule(0, $.expr);
    });
    return $.ACTION(() => {
      const p: Param = { name, mode, type };
      if (nocopy) p.nocopy = true;
      if (dflt) p.default = dflt;
      return p;
    });
  });

  /** A PL/SQL type: SQL types, %TYPE / %ROWTYPE, user types, REF CURSOR types by name. */
  $.RULE('plType', (): DataType => {
    const t = $.subrule(0, $.dataType);
    // pkg.type / schema.pkg.type: dataType reads two parts; a third part follows a dot.
    $.option(0, () => {
      $.consume(0, T.Dot);
      const third = $.subrule(0, $.identifier);
      const attr = $.option(1, () => {
        $.consume(0, T.Percent);
        return $.consume(0, T.Ident).image.toUpperCase();
      });
      $.ACTION(() => {
        t.schema = `${t.schema ? `${t.schema}.` : ''}${t.name}`;
        t.name = third;
        if (attr) t.attribute = attr === 'ROWTYPE' ? 'ROWTYPE' : 'TYPE';
      });
    });
    return t;
  });

  // ── declarations ─────────────────────────────────────────────────────
  $.RULE('declarations', (): Declaration[] => {
    const out: Declaration[] = [];
    $.many(0, {
      // A compound trigger's declarations end at its first timing-point section.
      GATE: () => la(1) !== K.BEGIN && la(1) !== K.END && la(1) !== EOF && !ccEnd() && !timingPointAhead(),
      DEF: () => {
        const d = $.subrule(0, $.declaration);
        $.ACTION(() => out.push(...d));
      },
    });
    return out;
  });

  /** $IF … $THEN declarations {$ELSIF …} [$ELSE …] $END, or $ERROR message $END. */
  $.RULE('ccDeclaration', (): Declaration =>
    $.or(0, [
      {
        GATE: () => directive(1, '$ERROR'),
        ALT: (): Declaration => {
          $.consume(0, T.Directive);
          const message = $.subrule(0, $.expr);
          $.consume(1, T.Directive);
          return { kind: 'cc-error', message };
        },
      },
      {
        GATE: () => directive(1, '$IF'),
        ALT: (): Declaration => {
          const line = $.consume(2, T.Directive).startLine;
          const cond = $.subrule(1, $.expr);
          $.consume(3, T.Directive);
          const branches: { cond: Expr; items: Declaration[] }[] = [{ cond, items: $.subrule(0, $.declarations) }];
          $.many(0, {
            GATE: () => directive(1, '$ELSIF'),
            DEF: () => {
              $.consume(4, T.Directive);
              const c = $.subrule(2, $.expr);
              $.consume(5, T.Directive);
              branches.push({ cond: c, items: $.subrule(1, $.declarations) });
            },
          });
          const elseItems = $.option(0, {
            GATE: () => directive(1, '$ELSE'),
            DEF: () => ($.consume(6, T.Directive), $.subrule(2, $.declarations)),
          });
          $.consume(7, T.Directive);
          return elseItems ? { kind: 'conditional', branches, else: elseItems, line } : { kind: 'conditional', branches, line };
        },
      },
    ]),
  );

  $.RULE('declaration', (): Declaration[] =>
    $.or(0, {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => la(1) === T.Directive, ALT: (): Declaration[] => [$.subrule(0, $.ccDeclaration)] },
        {
          GATE: () => la(1) === K.PROCEDURE || la(1) === K.FUNCTION,
          ALT: (): Declaration[] => {
            const first = $.LA(1);
            const unit = $.subrule(0, $.subprogramDecl);
            const semi = $.consume(0, T.Semi);
            $.ACTION(() => (unit.span = spanOf(first, semi)));
            return [{ kind: 'subprogram', unit }];
          },
        },
        {
          GATE: () => la(1) === K.CURSOR,
          ALT: (): Declaration[] => {
            $.consume(0, K.CURSOR);
            const name = $.subrule(0, $.identifier);
            const params = $.option(0, () => $.subrule(0, $.paramList)) ?? [];
            const returnType = $.option(1, () => ($.consume(0, K.RETURN), $.subrule(0, $.plType)));
            const query = $.option(2, () => ($.consume(0, K.IS), $.subrule(0, $.query)));
            $.consume(1, T.Semi);
            return $.ACTION(() => {
              const d: Declaration = { kind: 'cursor', name, params };
              if (returnType) d.returnType = returnType;
              if (query) d.query = query;
              return [d];
            });
          },
        },
        {
          GATE: () => la(1) === K.TYPE,
          ALT: (): Declaration[] => {
            $.consume(0, K.TYPE);
            const name = $.subrule(1, $.identifier);
            $.or(1, [{ ALT: () => $.consume(1, K.IS) }, { ALT: () => $.consume(1, K.AS) }]);
            const def = $.subrule(0, $.typeDefinition);
            $.consume(2, T.Semi);
            return [{ kind: 'type', name, def }];
          },
        },
        {
          GATE: () => la(1) === K.SUBTYPE,
          ALT: (): Declaration[] => {
            $.consume(0, K.SUBTYPE);
            const name = $.subrule(2, $.identifier);
            $.consume(2, K.IS);
            const base = $.subrule(1, $.plType);
            let notNull = false;
            const range = $.option(3, {
              GATE: () => word(1, 'RANGE'),
              DEF: () => {
                $.consume(0, T.Ident);
                const low = $.subrule(0, $.additive);
                $.consume(0, T.DotDot);
                const high = $.subrule(1, $.additive);
                return { low, high };
              },
            });
            $.option(4, () => ($.consume(0, K.NOT), $.consume(0, K.NULL), (notNull = true)));
            $.consume(3, T.Semi);
            return [{ kind: 'subtype', name, base, notNull, ...(range ? { range } : {}) }];
          },
        },
        {
          GATE: () => la(1) === K.PRAGMA,
          ALT: (): Declaration[] => {
            $.consume(0, K.PRAGMA);
            const name = $.consume(1, T.Ident).image.toUpperCase();
            const args = $.option(5, () => {
              $.consume(0, T.LParen);
              const a = $.subrule(0, $.exprList);
              $.consume(0, T.RParen);
              return a;
            });
            $.consume(4, T.Semi);
            return [{ kind: 'pragma', name, args: args ?? [] }];
          },
        },
        {
          GATE: () => la(2) === K.EXCEPTION,
          ALT: (): Declaration[] => {
            const name = $.subrule(3, $.identifier);
            $.consume(0, K.EXCEPTION);
            $.consume(5, T.Semi);
            return [{ kind: 'exception', name }];
          },
        },
        {
          ALT: (): Declaration[] => {
            const name = $.subrule(4, $.identifier);
            const constant = !!$.option(6, () => $.consume(0, K.CONSTANT));
            const type = $.subrule(2, $.plType);
            let notNull = false;
            $.option(7, () => ($.consume(1, K.NOT), $.consume(1, K.NULL), (notNull = true)));
            const dflt = $.option(8, () => {
              $.or(2, [{ ALT: () => $.consume(0, T.Assign) }, { ALT: () => $.consume(0, K.DEFAULT) }]);
              return $.subrule(0, $.expr);
            });
            $.consume(6, T.Semi);
            return $.ACTION(() => {
              const d: Declaration = { kind: 'variable', name, type, constant, notNull };
              if (dflt) d.default = dflt;
              return [d];
            });
          },
        },
      ],
    }),
  );

  $.RULE(
    'typeDefinition',
    (): TypeDefinition =>
      $.or(0, [
        {
          ALT: (): TypeDefinition => {
            $.consume(0, K.RECORD);
            $.consume(0, T.LParen);
            const fields: Extract<TypeDefinition, { kind: 'record' }>['fields'] = [];
            const fieldDef = (i: number) => {
              const name = $.subrule(i, $.identifier);
              const type = $.subrule(i, $.plType);
              let notNull = false;
              $.option(i, () => ($.consume(i, K.NOT), $.consume(i, K.NULL), (notNull = true)));
              const dflt = $.option(2 + i, () => {
                $.or(1 + i, [{ ALT: () => $.consume(i, T.Assign) }, { ALT: () => $.consume(i, K.DEFAULT) }]);
                return $.subrule(i, $.expr);
              });
              $.ACTION(() =>
                fields.push(dflt ? { name, type, notNull, default: dflt } : { name, type, notNull }),
              );
            };
            fieldDef(0);
            $.many(0, () => {
              $.consume(0, T.Comma);
              fieldDef(1);
            });
            $.consume(0, T.RParen);
            return { kind: 'record', fields };
          },
        },
        {
          ALT: (): TypeDefinition => {
            $.consume(0, K.TABLE);
            $.consume(0, K.OF);
            const of = $.subrule(2, $.plType);
            let notNull = false;
            $.option(4, () => ($.consume(2, K.NOT), $.consume(2, K.NULL), (notNull = true)));
            const indexBy = $.option(5, () => {
              $.consume(0, K.INDEX);
              $.consume(0, K.BY);
              return $.subrule(3, $.plType);
            });
            return $.ACTION(() =>
              indexBy ? { kind: 'table', of, indexBy, notNull } : { kind: 'table', of, notNull },
            );
          },
        },
        {
          ALT: (): TypeDefinition => {
            $.or(3, [
              { ALT: () => $.consume(0, K.VARRAY) },
              { ALT: () => ($.consume(0, K.VARYING), $.consume(0, T.Ident)) },
            ]);
            $.consume(1, T.LParen);
            const size = Number($.consume(0, T.NumberLit).image);
            $.consume(1, T.RParen);
            $.consume(1, K.OF);
            const of = $.subrule(4, $.plType);
            let notNull = false;
            $.option(6, () => ($.consume(3, K.NOT), $.consume(3, K.NULL), (notNull = true)));
            return { kind: 'varray', size, of, notNull };
          },
        },
        {
          ALT: (): TypeDefinition => {
            $.consume(0, K.REF);
            $.consume(0, K.CURSOR);
            const returnType = $.option(7, () => ($.consume(0, K.RETURN), $.subrule(5, $.plType)));
            return returnType ? { kind: 'ref-cursor', returnType } : { kind: 'ref-cursor' };
          },
        },
      ]),
  );
}
