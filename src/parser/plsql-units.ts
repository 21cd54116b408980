/**
 * PL/SQL units: CREATE PROCEDURE / FUNCTION / TYPE / TYPE BODY / PACKAGE [BODY] / TRIGGER and
 * anonymous blocks.
 */

import { EOF } from 'chevrotain';
import type { OraName } from '../ast/common.js';
import type { DataType } from '../ast/expr.js';
import type { CompoundTrigger, ExceptionHandler, PlsqlUnitAst, Subprogram, TimingPoint, TriggerDef } from '../ast/plsql.js';
import { K } from './keywords.js';
import type { P } from './plsql.js';
import { plsqlHelpers, spanOf } from './plsql-helpers.js';
import * as T from './tokens.js';

type TypeUnit = Extract<PlsqlUnitAst, { kind: 'type' }>;

export function definePlsqlUnitRules($: P): void {
  const { la, word, isOrAs, accessibleBy, skipUntilIsAs, timingPointAhead } = plsqlHelpers($);

  $.RULE('createPrefix', () => {
    $.consume(0, K.CREATE);
    $.option(0, () => {
      $.consume(0, K.OR);
      $.consume(0, K.REPLACE);
    });
    $.many(0, {
      GATE: () => word(1, 'EDITIONABLE') || word(1, 'NONEDITIONABLE') || word(1, 'EDITIONING'),
      DEF: () => $.consume(0, T.Ident),
    });
  });

  // ── units ────────────────────────────────────────────────────────────
  $.RULE('createSubprogramUnit', (): PlsqlUnitAst => {
    $.subrule(0, $.createPrefix);
    const unit = $.subrule(0, $.subprogramDecl);
    $.option(0, () => $.consume(0, T.Semi));
    return { kind: 'subprogram', unit };
  });

  $.RULE('createTypeUnit', (): PlsqlUnitAst => {
    $.subrule(0, $.createPrefix);
    $.consume(0, K.TYPE);
    const name = $.subrule(0, $.qualifiedName);
    $.option(0, () => $.consume(0, K.FORCE));
    $.option(1, {
      GATE: () => word(1, 'OID'),
      DEF: () => ($.consume(0, T.Ident), $.consume(0, T.StringLit)),
    });
    $.option(2, () => ($.consume(1, K.AUTHID), $.consume(1, T.Ident)));
    const def = $.or<TypeUnit>(0, [
      {
        ALT: () => {
          $.or(1, [{ ALT: () => $.consume(0, K.IS) }, { ALT: () => $.consume(0, K.AS) }]);
          return $.or<TypeUnit>(2, [
            {
              GATE: () => word(1, 'OBJECT'),
              ALT: () => {
                $.consume(2, T.Ident);
                return { kind: 'type' as const, name, def: objectBody(0) };
              },
            },
            {
              ALT: () => {
                const t = $.subrule(0, $.typeDefinition);
                return $.ACTION(() => {
                  if (t.kind !== 'table' && t.kind !== 'varray') throw new Error('not a collection type');
                  return { kind: 'type' as const, name, def: t };
                });
              },
            },
          ]);
        },
      },
      {
        GATE: () => word(1, 'UNDER'),
        ALT: () => {
          $.consume(3, T.Ident);
          const under = $.subrule(1, $.qualifiedName);
          const body = objectBody(1);
          return $.ACTION(() => ({ kind: 'type' as const, name, def: { ...body, under } }));
        },
      },
      {
        // CREATE TYPE t; — an incomplete type, completed by a later CREATE OR REPLACE TYPE.
        GATE: () => la(1) === T.Semi || la(1) === EOF,
        ALT: () => ({
          kind: 'type' as const,
          name,
          def: { kind: 'object' as const, attributes: [], methods: false, incomplete: true },
        }),
      },
    ]);
    $.many(0, { GATE: () => la(1) !== T.Semi && la(1) !== EOF, DEF: () => $.consume(0, T.NonParen) });
    $.option(3, () => $.consume(0, T.Semi));
    return def;
  });

  /** ( attr type, … [, MEMBER … ] ) — attributes kept, method signatures read (their other clauses skipped). */
  const objectBody = (
    i: number,
  ): Extract<import('../ast/plsql.js').SchemaTypeDefinition, { kind: 'object' }> => {
    const attributes: { name: OraName; type: DataType }[] = [];
    let methods = false;
    const methodSpecs: import('../ast/plsql.js').TypeMethodSpec[] = [];
    $.consume(10 + i, T.LParen);
    const element = (j: number) =>
      $.or(10 + 2 * i + j, {
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () =>
              [
                'MEMBER',
                'STATIC',
                'MAP',
                'ORDER',
                'CONSTRUCTOR',
                'FINAL',
                'NOT',
                'OVERRIDING',
                'INSTANTIABLE',
              ].some((w) => word(1, w)) ||
              la(1) === K.ORDER ||
              la(1) === K.NOT,
            ALT: () => {
              methods = true;
              // The signature when it reads as one; whatever follows it (or a declaration
              // it cannot read) is skipped up to the next element.
              const spec = $.option(10 + 2 * i + j, {
                GATE: $.BACKTRACK($.typeMethodHeader),
                DEF: () => $.subrule(40 + 2 * i + j, $.typeMethodHeader),
              });
              $.ACTION(() => spec && methodSpecs.push(spec));
              $.many(10 + 2 * i + j, {
                GATE: () => la(1) !== T.Comma && la(1) !== T.RParen,
                DEF: () =>
                  $.or(20 + 2 * i + j, [
                    { ALT: () => $.consume(20 + 2 * i + j, T.NonParen) },
                    { ALT: () => $.subrule(20 + 2 * i + j, $.balanced) },
                  ]),
              });
            },
          },
          {
            ALT: () => {
              const n = $.subrule(30 + 2 * i + j, $.identifier);
              const t = $.subrule(30 + 2 * i + j, $.plType);
              $.ACTION(() => attributes.push({ name: n, type: t }));
            },
          },
        ],
      });
    element(0);
    $.many(40 + i, () => {
      $.consume(40 + i, T.Comma);
      element(1);
    });
    $.consume(10 + i, T.RParen);
    return { kind: 'object', attributes, methods, ...(methodSpecs.length ? { methodSpecs } : {}) };
  };

  $.RULE('createTypeBodyUnit', (): PlsqlUnitAst => {
    $.subrule(0, $.createPrefix);
    $.consume(0, K.TYPE);
    $.consume(0, K.BODY);
    const name = $.subrule(0, $.qualifiedName);
    isOrAs(0);
    const methods: import('../ast/plsql.js').TypeMethod[] = [];
    $.many(0, {
      GATE: () => la(1) !== K.END && la(1) !== EOF,
      DEF: () => {
        const m = $.subrule(0, $.typeMethod);
        $.ACTION(() => methods.push(m));
      },
    });
    $.consume(0, K.END);
    $.option(0, { GATE: () => la(1) !== T.Semi && la(1) !== EOF, DEF: () => $.subrule(1, $.identifier) });
    $.option(1, () => $.consume(0, T.Semi));
    return { kind: 'type-body', name, methods };
  });

  /**
   * [OVERRIDING] [FINAL] [NOT INSTANTIABLE] [MAP|ORDER] MEMBER|STATIC|CONSTRUCTOR
   * FUNCTION|PROCEDURE name [(params)] [RETURN type | RETURN SELF AS RESULT]: the signature of a
   * method, in a type specification or before the IS of a type body method.
   */
  $.RULE('typeMethodHeader', (): import('../ast/plsql.js').TypeMethodSpec => {
    let kind: import('../ast/plsql.js').TypeMethod['kind'] = 'member';
    $.many(0, {
      GATE: () =>
        [
          'OVERRIDING',
          'FINAL',
          'INSTANTIABLE',
          'NOT',
          'MAP',
          'ORDER',
          'MEMBER',
          'STATIC',
          'CONSTRUCTOR',
        ].some((w) => word(1, w)) ||
        la(1) === K.NOT ||
        la(1) === K.ORDER,
      DEF: () => {
        const w = $.or(0, [
          { ALT: () => $.consume(0, T.Ident).image.toUpperCase() },
          { ALT: () => $.consume(0, K.NOT).image.toUpperCase() },
          { ALT: () => $.consume(0, K.ORDER).image.toUpperCase() },
        ]);
        $.ACTION(() => {
          if (w === 'STATIC') kind = 'static';
          else if (w === 'CONSTRUCTOR') kind = 'constructor';
          else if (w === 'MAP') kind = 'map';
          else if (w === 'ORDER') kind = 'order';
        });
      },
    });
    const unitKind = $.or(1, [
      { ALT: () => ($.consume(0, K.PROCEDURE), 'procedure' as const) },
      { ALT: () => ($.consume(0, K.FUNCTION), 'function' as const) },
    ]);
    const name = $.subrule(0, $.identifier);
    const params = $.option(0, () => $.subrule(0, $.paramList)) ?? [];
    let returnType: DataType | undefined;
    $.option(1, () => {
      $.consume(0, K.RETURN);
      $.or(2, [
        {
          GATE: () => word(1, 'SELF'),
          ALT: () => {
            $.consume(1, T.Ident);
            $.consume(0, K.AS);
            $.consume(2, T.Ident);
          },
        },
        { ALT: () => (returnType = $.subrule(0, $.plType)) },
      ]);
    });
    return $.ACTION(() => ({ kind, unitKind, name, params, ...(returnType ? { returnType } : {}) }));
  });

  /** A type body method: its signature, then IS … END; */
  $.RULE('typeMethod', () => {
    const first = $.LA(1);
    const { kind, unitKind, name: mname, params, returnType } = $.subrule(0, $.typeMethodHeader);
    const attributes: string[] = [];
    $.many(1, {
      GATE: () => la(1) === K.DETERMINISTIC || la(1) === K.PARALLEL_ENABLE || la(1) === K.PIPELINED,
      DEF: () => {
        const a = $.consume(3, T.Ident).image.toUpperCase();
        $.ACTION(() => attributes.push(a));
        // PARALLEL_ENABLE (PARTITION p BY ANY | HASH (c) …): a hint for parallel query, skipped.
        $.option(4, {
          GATE: () => a === 'PARALLEL_ENABLE' && la(1) === T.LParen,
          DEF: () => {
            $.consume(4, T.LParen);
            $.many(5, () =>
              $.or(6, [
                { ALT: () => $.consume(5, T.NonParen) },
                {
                  ALT: () => {
                    $.consume(6, T.LParen);
                    $.many(7, () => $.consume(7, T.NonParen));
                    $.consume(6, T.RParen);
                  },
                },
              ]),
            );
            $.consume(4, T.RParen);
          },
        });
      },
    });
    isOrAs(1);
    const declarations = $.subrule(0, $.declarations);
    $.consume(0, K.BEGIN);
    const body = $.subrule(0, $.blockBody);
    const semi = $.consume(0, T.Semi);
    return $.ACTION(() => {
      const unit: Subprogram = {
        kind: unitKind,
        name: { name: mname },
        params,
        attributes,
        block: { declarations, ...body },
        span: spanOf(first, semi),
      };
      if (returnType) unit.returnType = returnType;
      return { kind, unit };
    });
  });

  $.RULE('anonymousBlockUnit', (): PlsqlUnitAst => {
    const block = $.subrule(0, $.block);
    $.option(0, () => $.consume(0, T.Semi));
    return { kind: 'block', block };
  });

  $.RULE('createPackageUnit', (): PlsqlUnitAst => {
    $.subrule(0, $.createPrefix);
    $.consume(0, K.PACKAGE);
    const name = $.subrule(0, $.qualifiedName);
    let authid: string | undefined;
    $.many(0, {
      GATE: () => la(1) === K.AUTHID || la(1) === K.ACCESSIBLE || word(1, 'SHARING') || word(1, 'DEFAULT'),
      DEF: () => {
        $.or(0, [
          {
            ALT: () => {
              $.consume(0, K.AUTHID);
              authid = $.consume(0, T.Ident).image.toUpperCase();
            },
          },
          { ALT: () => accessibleBy(0) },
          { GATE: () => word(1, 'SHARING') || word(1, 'DEFAULT'), ALT: () => skipUntilIsAs(0) },
        ]);
      },
    });
    isOrAs(0);
    const declarations = $.subrule(0, $.declarations);
    $.consume(0, K.END);
    $.option(1, () => $.subrule(1, $.identifier));
    $.option(2, () => $.consume(0, T.Semi));
    return $.ACTION(() => ({
      kind: 'package' as const,
      spec: authid ? { name, declarations, authid } : { name, declarations },
    }));
  });

  $.RULE('createPackageBodyUnit', (): PlsqlUnitAst => {
    $.subrule(0, $.createPrefix);
    $.consume(0, K.PACKAGE);
    $.consume(0, K.BODY);
    const name = $.subrule(0, $.qualifiedName);
    isOrAs(0);
    const declarations = $.subrule(0, $.declarations);
    const init = $.option(0, () => {
      $.consume(0, K.BEGIN);
      return $.subrule(0, $.blockBody);
    });
    $.option(3, () => {
      // A body without an initialization part ends with END [name].
      $.consume(1, K.END);
      $.option(1, () => $.subrule(1, $.identifier));
    });
    $.option(2, () => $.consume(0, T.Semi));
    return $.ACTION(() => ({
      kind: 'package-body' as const,
      body: init ? { name, declarations, init: { declarations: [], ...init } } : { name, declarations },
    }));
  });

  /** BEFORE STATEMENT | BEFORE EACH ROW | AFTER EACH ROW | AFTER STATEMENT | INSTEAD OF EACH ROW */
  $.RULE('timingPoint', (): TimingPoint =>
    $.or(0, [
      {
        GATE: () => word(1, 'BEFORE') || word(1, 'AFTER'),
        ALT: (): TimingPoint => {
          const w = $.consume(0, T.Ident).image.toUpperCase() as 'BEFORE' | 'AFTER';
          return $.or(1, [
            { ALT: (): TimingPoint => ($.consume(0, K.EACH), $.consume(0, K.ROW), `${w} EACH ROW`) },
            { GATE: () => word(1, 'STATEMENT'), ALT: (): TimingPoint => ($.consume(1, T.Ident), `${w} STATEMENT`) },
          ]);
        },
      },
      {
        ALT: (): TimingPoint => {
          $.consume(0, K.INSTEAD);
          $.consume(0, K.OF);
          $.consume(1, K.EACH);
          $.consume(1, K.ROW);
          return 'INSTEAD OF EACH ROW';
        },
      },
    ]),
  );

  /** timing_point IS [declarations] BEGIN statements [EXCEPTION handlers] END [timing_point]; */
  $.RULE('compoundSection', (): CompoundTrigger['sections'][number] => {
    const timing = $.subrule(0, $.timingPoint);
    $.consume(0, K.IS);
    const declarations = $.subrule(0, $.declarations);
    $.consume(0, K.BEGIN);
    const body = $.subrule(0, $.statements);
    const handlers: ExceptionHandler[] = [];
    $.option(0, () => {
      $.consume(0, K.EXCEPTION);
      $.atLeastOne(0, () => {
        const h = $.subrule(0, $.handler);
        $.ACTION(() => handlers.push(h));
      });
    });
    $.consume(0, K.END);
    $.option(1, { GATE: () => la(1) !== T.Semi, DEF: () => $.subrule(1, $.timingPoint) });
    $.consume(0, T.Semi);
    return { timing, block: { declarations, body, handlers } };
  });

  $.RULE('createTriggerUnit', (): PlsqlUnitAst => {
    $.subrule(0, $.createPrefix);
    $.consume(0, K.TRIGGER);
    const name = $.subrule(0, $.qualifiedName);
    const t: TriggerDef = {
      name,
      timing: 'BEFORE',
      events: [],
      on: { name: '' },
      onKind: 'table',
      forEachRow: false,
      enabled: true,
    };
    $.or(0, [
      { GATE: () => word(1, 'BEFORE'), ALT: () => ($.consume(5, T.Ident), (t.timing = 'BEFORE')) },
      { GATE: () => word(1, 'AFTER'), ALT: () => ($.consume(6, T.Ident), (t.timing = 'AFTER')) },
      { ALT: () => ($.consume(0, K.INSTEAD), $.consume(0, K.OF), (t.timing = 'INSTEAD OF')) },
      { ALT: () => ($.consume(0, K.FOR), (t.timing = 'FOR')) },
    ]);
    const event = (i: number) => {
      const ev = $.or(1 + i, [
        { ALT: () => ($.consume(i, K.INSERT), 'INSERT' as const) },
        { ALT: () => ($.consume(i, K.DELETE), 'DELETE' as const) },
        { ALT: () => ($.consume(i, K.UPDATE), 'UPDATE' as const) },
        // DDL and database events (LOGON, CREATE, SERVERERROR …)
        { ALT: () => $.consume(i, T.Ident).image.toUpperCase() },
        { ALT: () => ($.consume(i, K.CREATE), 'CREATE') },
        { ALT: () => ($.consume(i, K.ALTER), 'ALTER') },
        { ALT: () => ($.consume(i, K.DROP), 'DROP') },
        { ALT: () => ($.consume(i, K.COMMENT), 'COMMENT') },
        { ALT: () => ($.consume(i, K.GRANT), 'GRANT') },
        { ALT: () => ($.consume(i, K.AUDIT), 'AUDIT') },
        { ALT: () => ($.consume(i, K.REVOKE), 'REVOKE') },
      ]);
      const columns = $.option(1 + i, () => {
        $.consume(1 + i, K.OF);
        return $.subrule(i, $.nameList);
      });
      $.ACTION(() => {
        if (ev !== 'INSERT' && ev !== 'UPDATE' && ev !== 'DELETE') {
          t.onKind = 'database';
          (t.ddlEvents ??= []).push(ev);
        } else t.events.push(columns ? { event: ev, columns } : { event: ev });
      });
    };
    event(0);
    $.many(0, () => {
      $.consume(0, K.OR);
      event(1);
    });
    $.consume(0, K.ON);
    $.or(3, [
      {
        GATE: () => word(1, 'NESTED'),
        ALT: () => {
          $.consume(2, T.Ident);
          $.consume(2, K.TABLE);
          $.subrule(2, $.identifier);
          $.consume(3, K.OF);
          t.on = $.subrule(1, $.qualifiedName);
        },
      },
      {
        GATE: () => word(1, 'DATABASE') || (word(1, 'SCHEMA') && la(2) !== T.Dot),
        ALT: () => {
          const w = $.consume(3, T.Ident).image.toUpperCase();
          t.onKind = w === 'DATABASE' ? 'database' : 'schema';
        },
      },
      { ALT: () => (t.on = $.subrule(2, $.qualifiedName)) },
    ]);
    $.option(3, () => {
      $.consume(0, K.REFERENCING);
      const ref: NonNullable<TriggerDef['referencing']> = {};
      $.atLeastOne(0, () => {
        const which = $.or(4, [
          { ALT: () => ($.consume(0, K.OLD), 'old' as const) },
          { ALT: () => ($.consume(0, K.NEW), 'new' as const) },
          { ALT: () => ($.consume(0, K.PARENT), 'parent' as const) },
        ]);
        $.option(4, () => $.consume(0, K.AS));
        const alias = $.subrule(3, $.identifier);
        $.ACTION(() => (ref[which] = alias));
      });
      t.referencing = ref;
    });
    $.option(5, () => {
      $.consume(1, K.FOR);
      $.consume(0, K.EACH);
      $.consume(0, K.ROW);
      t.forEachRow = true;
    });
    $.many(1, {
      GATE: () =>
        ['FOLLOWS', 'PRECEDES', 'ENABLE', 'DISABLE', 'CROSSEDITION', 'FORWARD', 'REVERSE'].some((w) =>
          word(1, w),
        ),
      DEF: () =>
        $.or(7, [
          {
            GATE: () => word(1, 'FOLLOWS') || word(1, 'PRECEDES'),
            ALT: () => {
              const w = $.consume(4, T.Ident).image.toUpperCase();
              const names = [$.subrule(4, $.qualifiedName)];
              $.many(2, () => {
                $.consume(1, T.Comma);
                names.push($.subrule(5, $.qualifiedName));
              });
              $.ACTION(() => {
                if (w === 'FOLLOWS') t.follows = [...(t.follows ?? []), ...names];
                else t.precedes = [...(t.precedes ?? []), ...names];
              });
            },
          },
          {
            GATE: () => word(1, 'ENABLE') || word(1, 'DISABLE'),
            ALT: () => {
              const w = $.consume(7, T.Ident).image.toUpperCase();
              $.ACTION(() => {
                if (w === 'DISABLE') t.enabled = false;
              });
            },
          },
          {
            GATE: () => word(1, 'CROSSEDITION') || word(1, 'FORWARD') || word(1, 'REVERSE'),
            ALT: () => $.consume(8, T.Ident),
          },
        ]),
    });
    $.option(6, () => {
      $.consume(1, K.WHEN);
      $.consume(0, T.LParen);
      t.when = $.subrule(0, $.expr);
      $.consume(0, T.RParen);
    });
    $.or(5, [
      {
        ALT: () => {
          $.consume(0, K.COMPOUND);
          $.consume(2, K.TRIGGER);
          const declarations = $.subrule(0, $.declarations);
          const sections: CompoundTrigger['sections'] = [];
          $.many(3, {
            GATE: timingPointAhead,
            DEF: () => {
              const s = $.subrule(0, $.compoundSection);
              $.ACTION(() => sections.push(s));
            },
          });
          $.consume(0, K.END);
          $.option(8, { GATE: () => la(1) !== T.Semi, DEF: () => $.subrule(9, $.identifier) });
          t.compound = { declarations, sections };
        },
      },
      {
        ALT: () => {
          $.consume(0, K.CALL);
          t.call = $.subrule(1, $.expr);
        },
      },
      { ALT: () => (t.block = $.subrule(0, $.block)) },
    ]);
    $.option(7, () => $.consume(0, T.Semi));
    return { kind: 'trigger', trigger: t };
  });
}
