/**
 * PL/SQL grammar: CREATE PROCEDURE / FUNCTION / TRIGGER / PACKAGE [BODY], anonymous blocks,
 * declarations and statements. SQL inside PL/SQL uses the query and DML rules.
 */
import type { OraName, QualifiedName } from '../ast/common.js';
import type { DmlStatement } from '../ast/dml.js';
import type { DataType, Expr } from '../ast/expr.js';
import type {
  BindArg,
  Block,
  Declaration,
  ExceptionHandler,
  Param,
  PlsqlUnitAst,
  PlStatement,
  Subprogram,
  TriggerDef,
  TypeDefinition,
} from '../ast/plsql.js';
import type { Query, SelectQuery } from '../ast/query.js';
import { EOF } from 'chevrotain';
import type { $ } from './base.js';
import type { DmlRules } from './dml.js';
import { K } from './keywords.js';
import { isWord } from './query.js';
import * as T from './tokens.js';

export interface PlsqlRules {
  createSubprogramUnit: () => PlsqlUnitAst;
  createTriggerUnit: () => PlsqlUnitAst;
  createPackageUnit: () => PlsqlUnitAst;
  createPackageBodyUnit: () => PlsqlUnitAst;
  anonymousBlockUnit: () => PlsqlUnitAst;
  createTypeUnit: () => PlsqlUnitAst;
  createTypeBodyUnit: () => PlsqlUnitAst;
  typeMethod: () => import('../ast/plsql.js').TypeMethod;
  createPrefix: () => void;
  subprogramHeading: () => Subprogram;
  subprogramDecl: () => Subprogram;
  paramList: () => Param[];
  param: () => Param;
  plType: () => DataType;
  declarations: () => Declaration[];
  declaration: () => Declaration[];
  typeDefinition: () => TypeDefinition;
  block: () => Block;
  blockBody: () => Omit<Block, 'declarations'>;
  statements: () => PlStatement[];
  statement: () => PlStatement;
  handler: () => ExceptionHandler;
  ifStatement: () => PlStatement;
  caseStatement: () => PlStatement;
  loopStatement: () => PlStatement;
  forStatement: () => PlStatement;
  forallStatement: () => PlStatement;
  exitStatement: () => PlStatement;
  openStatement: () => PlStatement;
  fetchStatement: () => PlStatement;
  executeImmediate: () => PlStatement;
  bindArgs: () => BindArg[];
  assignOrCall: () => PlStatement;
  sqlStatement: () => PlStatement;
  label: () => OraName;
  endLoop: () => void;
  intoTargets: () => Expr[];
}

type P = $ & DmlRules & PlsqlRules;
type TypeUnit = Extract<PlsqlUnitAst, { kind: 'type' }>;

/** Statement-level keywords that end a statement list. */
const LIST_END = new Set([K.END, K.ELSE, K.ELSIF, K.WHEN, K.EXCEPTION]);

export function definePlsqlRules($: P): void {
  const la = (n: number) => $.LA(n).tokenType;
  const word = (n: number, w: string) => isWord($.LA(n), w);

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
    ]);
    $.many(0, { GATE: () => la(1) !== T.Semi && la(1) !== EOF, DEF: () => $.consume(0, T.NonParen) });
    $.option(3, () => $.consume(0, T.Semi));
    return def;
  });

  /** ( attr type, … [, MEMBER … ] ) — attributes kept, methods noted and skipped. */
  const objectBody = (i: number): Extract<import('../ast/plsql.js').SchemaTypeDefinition, { kind: 'object' }> => {
    const attributes: { name: OraName; type: DataType }[] = [];
    let methods = false;
    $.consume(10 + i, T.LParen);
    const element = (j: number) =>
      $.or(10 + 2 * i + j, {
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () =>
              ['MEMBER', 'STATIC', 'MAP', 'ORDER', 'CONSTRUCTOR', 'FINAL', 'NOT', 'OVERRIDING', 'INSTANTIABLE'].some((w) =>
                word(1, w),
              ) || la(1) === K.ORDER || la(1) === K.NOT,
            ALT: () => {
              methods = true;
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
    return { kind: 'object', attributes, methods };
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

  /** [OVERRIDING] [FINAL] [MAP|ORDER] MEMBER|STATIC|CONSTRUCTOR FUNCTION|PROCEDURE … IS … END; */
  $.RULE('typeMethod', () => {
    let kind: import('../ast/plsql.js').TypeMethod['kind'] = 'member';
    $.many(0, {
      GATE: () => ['OVERRIDING', 'FINAL', 'INSTANTIABLE', 'NOT', 'MAP', 'ORDER', 'MEMBER', 'STATIC', 'CONSTRUCTOR'].some((w) => word(1, w)) || la(1) === K.NOT || la(1) === K.ORDER,
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
    const mname = $.subrule(0, $.identifier);
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
    $.many(1, { GATE: () => la(1) === K.DETERMINISTIC || la(1) === K.PARALLEL_ENABLE || la(1) === K.PIPELINED, DEF: () => $.consume(3, T.Ident) });
    isOrAs(1);
    const declarations = $.subrule(0, $.declarations);
    $.consume(0, K.BEGIN);
    const body = $.subrule(0, $.blockBody);
    $.consume(0, T.Semi);
    return $.ACTION(() => {
      const unit: Subprogram = { kind: unitKind, name: { name: mname }, params, attributes: [], block: { declarations, ...body } };
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
        { ALT: () => ($.consume(i, T.Ident), 'OTHER' as const) },
        { ALT: () => ($.consume(i, K.CREATE), 'OTHER' as const) },
        { ALT: () => ($.consume(i, K.ALTER), 'OTHER' as const) },
        { ALT: () => ($.consume(i, K.DROP), 'OTHER' as const) },
      ]);
      const columns = $.option(1 + i, () => {
        $.consume(1 + i, K.OF);
        return $.subrule(i, $.nameList);
      });
      $.ACTION(() => {
        if (ev === 'OTHER') t.onKind = 'database';
        else t.events.push(columns ? { event: ev, columns } : { event: ev });
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
              $.consume(4, T.Ident);
              $.subrule(4, $.qualifiedName);
              $.many(2, () => {
                $.consume(1, T.Comma);
                $.subrule(5, $.qualifiedName);
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
          t.compound = true;
          // Timing-point sections are not converted; the rest of the text is skipped.
          $.many(3, () =>
            $.or(6, [
              { ALT: () => $.consume(0, T.NonParen) },
              { ALT: () => $.consume(1, T.LParen) },
              { ALT: () => $.consume(1, T.RParen) },
            ]),
          );
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

  /** name or pkg.name (package cursors), as one dotted string. */
  const dotted = (i: number): OraName => {
    let n = $.subrule(100 + i, $.identifier);
    $.option(100 + i, () => {
      $.consume(100 + i, T.Dot);
      n = `${n}.${$.subrule(110 + i, $.identifier)}`;
    });
    return n;
  };
  const isOrAs = (i: number) =>
    $.or(100 + i, [{ ALT: () => $.consume(50 + i, K.IS) }, { ALT: () => $.consume(50 + i, K.AS) }]);
  const accessibleBy = (i: number) => {
    $.consume(60 + i, K.ACCESSIBLE);
    $.consume(60 + i, K.BY);
    $.consume(60 + i, T.LParen);
    $.many(60 + i, () => $.consume(60 + i, T.NonParen));
    $.consume(60 + i, T.RParen);
  };
  const skipUntilIsAs = (i: number) => {
    $.consume(80 + i, T.NonParen);
    $.many(70 + i, {
      GATE: () => la(1) !== K.IS && la(1) !== K.AS,
      DEF: () => $.consume(70 + i, T.NonParen),
    });
  };

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
      GATE: () => la(1) !== K.BEGIN && la(1) !== K.END && la(1) !== EOF,
      DEF: () => {
        const d = $.subrule(0, $.declaration);
        $.ACTION(() => out.push(...d));
      },
    });
    return out;
  });

  $.RULE('declaration', (): Declaration[] =>
    $.or(0, {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => la(1) === K.PROCEDURE || la(1) === K.FUNCTION,
          ALT: (): Declaration[] => {
            const unit = $.subrule(0, $.subprogramDecl);
            $.consume(0, T.Semi);
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
            $.option(3, {
              GATE: () => word(1, 'RANGE'),
              DEF: () => {
                $.consume(0, T.Ident);
                $.subrule(0, $.additive);
                $.consume(0, T.DotDot);
                $.subrule(1, $.additive);
              },
            });
            $.option(4, () => ($.consume(0, K.NOT), $.consume(0, K.NULL), (notNull = true)));
            $.consume(3, T.Semi);
            return [{ kind: 'subtype', name, base, notNull }];
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

  // ── blocks and statements ────────────────────────────────────────────
  $.RULE('block', (): Block => {
    const label = $.option(0, () => $.subrule(0, $.label));
    const declarations = $.option(1, () => ($.consume(0, K.DECLARE), $.subrule(0, $.declarations))) ?? [];
    $.consume(0, K.BEGIN);
    const body = $.subrule(0, $.blockBody);
    return $.ACTION(() => (label ? { label, declarations, ...body } : { declarations, ...body }));
  });

  /** After BEGIN: statements [EXCEPTION handlers] END [name] */
  $.RULE('blockBody', (): Omit<Block, 'declarations'> => {
    const body = $.subrule(0, $.statements);
    const handlers: ExceptionHandler[] = [];
    $.option(0, () => {
      $.consume(0, K.EXCEPTION);
      $.atLeastOne(0, () => handlers.push($.subrule(0, $.handler)));
    });
    $.consume(0, K.END);
    $.option(1, {
      GATE: () => la(1) !== T.Semi && la(1) !== EOF && la(1) !== K.IF && la(1) !== K.LOOP && la(1) !== K.CASE,
      DEF: () => $.subrule(0, $.identifier),
    });
    return { body, handlers };
  });

  $.RULE('handler', (): ExceptionHandler => {
    $.consume(0, K.WHEN);
    const names: OraName[] = [];
    const exName = (i: number) => {
      let n = $.subrule(i, $.identifier);
      $.many(i, () => {
        $.consume(i, T.Dot);
        n = `${n}.${$.subrule(2 + i, $.identifier)}`;
      });
      names.push(n);
    };
    exName(0);
    $.many(2, () => {
      $.consume(0, K.OR);
      exName(1);
    });
    $.consume(0, K.THEN);
    const body = $.subrule(0, $.statements);
    return { names, body };
  });

  $.RULE('label', (): OraName => {
    $.consume(0, T.LabelOpen);
    const name = $.subrule(0, $.identifier);
    $.consume(0, T.LabelClose);
    return name;
  });

  $.RULE('statements', (): PlStatement[] => {
    const out: PlStatement[] = [];
    $.many(0, {
      GATE: () => !LIST_END.has(la(1)) && la(1) !== EOF,
      DEF: () => out.push($.subrule(0, $.statement)),
    });
    return out;
  });

  $.RULE('statement', (): PlStatement => {
    const labels: OraName[] = [];
    $.many(0, {
      GATE: () => la(1) === T.LabelOpen && !(la(4) === K.DECLARE || la(4) === K.BEGIN),
      DEF: () => labels.push($.subrule(0, $.label)),
    });
    const line = $.LA(1).startLine;
    const s: PlStatement = $.or(0, {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => la(1) === K.IF, ALT: () => $.subrule(0, $.ifStatement) },
        { GATE: () => la(1) === K.CASE, ALT: () => $.subrule(0, $.caseStatement) },
        { GATE: () => la(1) === K.LOOP || la(1) === K.WHILE, ALT: () => $.subrule(0, $.loopStatement) },
        { GATE: () => la(1) === K.FOR, ALT: () => $.subrule(0, $.forStatement) },
        { GATE: () => la(1) === K.FORALL, ALT: () => $.subrule(0, $.forallStatement) },
        { GATE: () => la(1) === K.EXIT || la(1) === K.CONTINUE, ALT: () => $.subrule(0, $.exitStatement) },
        {
          GATE: () => la(1) === K.NULL && la(2) === T.Semi,
          ALT: (): PlStatement => ($.consume(0, K.NULL), $.consume(0, T.Semi), { kind: 'null' }),
        },
        {
          GATE: () => la(1) === K.RETURN,
          ALT: (): PlStatement => {
            $.consume(0, K.RETURN);
            const value = $.option(1, () => $.subrule(0, $.expr));
            $.consume(1, T.Semi);
            return value ? { kind: 'return', value } : { kind: 'return' };
          },
        },
        {
          GATE: () => la(1) === K.GOTO,
          ALT: (): PlStatement => {
            $.consume(0, K.GOTO);
            const label = $.subrule(1, $.identifier);
            $.consume(2, T.Semi);
            return { kind: 'goto', label };
          },
        },
        {
          GATE: () => la(1) === K.RAISE,
          ALT: (): PlStatement => {
            $.consume(0, K.RAISE);
            let name: OraName | undefined;
            $.option(2, () => {
              name = $.subrule(2, $.identifier);
              $.many(1, () => {
                $.consume(0, T.Dot);
                name = `${name}.${$.subrule(3, $.identifier)}`;
              });
            });
            $.consume(3, T.Semi);
            return name ? { kind: 'raise', name } : { kind: 'raise' };
          },
        },
        { GATE: () => la(1) === K.OPEN, ALT: () => $.subrule(0, $.openStatement) },
        { GATE: () => la(1) === K.FETCH, ALT: () => $.subrule(0, $.fetchStatement) },
        {
          GATE: () => la(1) === K.CLOSE,
          ALT: (): PlStatement => {
            $.consume(0, K.CLOSE);
            const cursor = dotted(9);
            $.consume(4, T.Semi);
            return { kind: 'close', cursor };
          },
        },
        {
          GATE: () => la(1) === K.EXECUTE && la(2) === K.IMMEDIATE,
          ALT: () => $.subrule(0, $.executeImmediate),
        },
        {
          GATE: () => la(1) === K.PIPE,
          ALT: (): PlStatement => {
            $.consume(0, K.PIPE);
            $.consume(0, K.ROW);
            $.consume(0, T.LParen);
            const value = $.subrule(1, $.expr);
            $.consume(0, T.RParen);
            $.consume(5, T.Semi);
            return { kind: 'pipe-row', value };
          },
        },
        {
          GATE: () => la(1) === K.DECLARE || la(1) === K.BEGIN || la(1) === T.LabelOpen,
          ALT: (): PlStatement => {
            const block = $.subrule(0, $.block);
            $.consume(6, T.Semi);
            return { kind: 'block', block };
          },
        },
        {
          GATE: () =>
            la(1) === K.SELECT ||
            la(1) === K.WITH ||
            la(1) === K.INSERT ||
            la(1) === K.UPDATE ||
            la(1) === K.DELETE ||
            la(1) === K.LOCK ||
            (la(1) === T.LParen && la(2) === K.SELECT) ||
            (word(1, 'MERGE') && la(2) === K.INTO) ||
            ((word(1, 'COMMIT') || word(1, 'ROLLBACK') || word(1, 'SAVEPOINT')) &&
              la(2) !== T.Assign &&
              la(2) !== T.LParen &&
              la(2) !== T.Dot) ||
            (la(1) === K.SET && word(2, 'TRANSACTION')),
          ALT: () => $.subrule(0, $.sqlStatement),
        },
        { ALT: () => $.subrule(0, $.assignOrCall) },
      ],
    });
    return $.ACTION(() => {
      if (labels.length) s.labels = labels;
      s.line = line;
      return s;
    });
  });

  $.RULE('ifStatement', (): PlStatement => {
    $.consume(0, K.IF);
    const branches: { cond: Expr; body: PlStatement[] }[] = [];
    const cond = $.subrule(0, $.expr);
    $.consume(0, K.THEN);
    branches.push({ cond, body: $.subrule(0, $.statements) });
    $.many(0, () => {
      $.consume(0, K.ELSIF);
      const c = $.subrule(1, $.expr);
      $.consume(1, K.THEN);
      branches.push({ cond: c, body: $.subrule(1, $.statements) });
    });
    const elseBody = $.option(0, () => ($.consume(0, K.ELSE), $.subrule(2, $.statements)));
    $.consume(0, K.END);
    $.consume(1, K.IF);
    $.consume(0, T.Semi);
    return $.ACTION(() => (elseBody ? { kind: 'if', branches, else: elseBody } : { kind: 'if', branches }));
  });

  $.RULE('caseStatement', (): PlStatement => {
    $.consume(0, K.CASE);
    const selector = $.option(0, { GATE: () => la(1) !== K.WHEN, DEF: () => $.subrule(0, $.expr) });
    const whens: { when: Expr; body: PlStatement[] }[] = [];
    $.atLeastOne(0, () => {
      $.consume(0, K.WHEN);
      const when = $.subrule(1, $.expr);
      $.consume(0, K.THEN);
      whens.push({ when, body: $.subrule(0, $.statements) });
    });
    const elseBody = $.option(1, () => ($.consume(0, K.ELSE), $.subrule(1, $.statements)));
    $.consume(0, K.END);
    $.consume(1, K.CASE);
    $.option(2, () => $.subrule(0, $.identifier));
    $.consume(0, T.Semi);
    return $.ACTION(() => {
      const s: PlStatement = { kind: 'case', whens };
      if (selector) s.selector = selector;
      if (elseBody) s.else = elseBody;
      return s;
    });
  });

  $.RULE('endLoop', () => {
    $.consume(0, K.END);
    $.consume(0, K.LOOP);
    $.option(0, () => $.subrule(0, $.identifier));
    $.consume(0, T.Semi);
  });

  $.RULE('loopStatement', (): PlStatement => {
    const cond = $.option(0, () => ($.consume(0, K.WHILE), $.subrule(0, $.expr)));
    $.consume(0, K.LOOP);
    const body = $.subrule(0, $.statements);
    $.subrule(0, $.endLoop);
    return $.ACTION(() => (cond ? { kind: 'while', cond, body } : { kind: 'loop', body }));
  });

  $.RULE('forStatement', (): PlStatement => {
    $.consume(0, K.FOR);
    const index = $.subrule(0, $.identifier);
    $.consume(0, K.IN);
    const reverse = !!$.option(0, () => $.consume(0, K.REVERSE));
    const s: PlStatement = $.or(0, {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => la(1) === T.LParen && (la(2) === K.SELECT || la(2) === K.WITH),
          ALT: (): PlStatement => {
            $.consume(0, T.LParen);
            const query = $.subrule(0, $.query);
            $.consume(0, T.RParen);
            return { kind: 'for-query', record: index, query, body: [] };
          },
        },
        {
          GATE: () => {
            // cursor [ (args) ] LOOP — not a range (no ".." before LOOP)
            let depth = 0;
            for (let i = 1; i < 200; i++) {
              const t = la(i);
              if (t === EOF) return false;
              if (t === T.LParen) depth++;
              else if (t === T.RParen) depth--;
              else if (t === T.DotDot && depth === 0) return false;
              else if (t === K.LOOP && depth === 0) return true;
            }
            return false;
          },
          ALT: (): PlStatement => {
            const cursor = $.subrule(1, $.identifier);
            const args = $.option(1, () => {
              $.consume(1, T.LParen);
              const a = $.subrule(0, $.exprList);
              $.consume(1, T.RParen);
              return a;
            });
            return { kind: 'for-cursor', record: index, cursor, args: args ?? [], body: [] };
          },
        },
        {
          ALT: (): PlStatement => {
            const lower = $.subrule(0, $.additive);
            $.consume(0, T.DotDot);
            const upper = $.subrule(1, $.additive);
            return { kind: 'for-range', index, reverse, lower, upper, body: [] };
          },
        },
      ],
    });
    $.consume(0, K.LOOP);
    const body = $.subrule(0, $.statements);
    $.subrule(0, $.endLoop);
    return $.ACTION(() => {
      (s as { body: PlStatement[] }).body = body;
      return s;
    });
  });

  $.RULE('forallStatement', (): PlStatement => {
    $.consume(0, K.FORALL);
    const index = $.subrule(0, $.identifier);
    $.consume(0, K.IN);
    const s: Extract<PlStatement, { kind: 'forall' }> = {
      kind: 'forall',
      index,
      statement: { kind: 'null' },
    };
    $.or(0, [
      {
        ALT: () => {
          $.consume(0, K.INDICES);
          $.consume(0, K.OF);
          s.indicesOf = $.subrule(0, $.primary);
        },
      },
      {
        ALT: () => {
          $.consume(0, K.VALUES);
          $.consume(1, K.OF);
          s.valuesOf = $.subrule(1, $.primary);
        },
      },
      {
        ALT: () => {
          s.lower = $.subrule(0, $.additive);
          $.consume(0, T.DotDot);
          s.upper = $.subrule(1, $.additive);
        },
      },
    ]);
    $.option(0, { GATE: () => word(1, 'SAVE'), DEF: () => ($.consume(0, T.Ident), $.consume(1, T.Ident)) });
    s.statement = $.subrule(0, $.sqlStatement);
    return s;
  });

  $.RULE('exitStatement', (): PlStatement => {
    const verb = $.or(0, [
      { ALT: () => ($.consume(0, K.EXIT), 'EXIT' as const) },
      { ALT: () => ($.consume(0, K.CONTINUE), 'CONTINUE' as const) },
    ]);
    const label = $.option(0, { GATE: () => la(1) !== K.WHEN, DEF: () => $.subrule(0, $.identifier) });
    const when = $.option(1, () => ($.consume(0, K.WHEN), $.subrule(0, $.expr)));
    $.consume(0, T.Semi);
    return $.ACTION(() => {
      const s: PlStatement = { kind: 'exit', verb };
      if (label) s.label = label;
      if (when) s.when = when;
      return s;
    });
  });

  $.RULE('openStatement', (): PlStatement => {
    $.consume(0, K.OPEN);
    const cursor = dotted(0);
    const args = $.option(0, () => {
      $.consume(0, T.LParen);
      const a = $.subrule(0, $.exprList);
      $.consume(0, T.RParen);
      return a;
    });
    const s: Extract<PlStatement, { kind: 'open' }> = { kind: 'open', cursor, args: [], using: [] };
    $.option(1, () => {
      $.consume(0, K.FOR);
      $.or<unknown>(0, {
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () => la(1) === K.SELECT || la(1) === K.WITH,
            ALT: () => (s.forQuery = $.subrule(0, $.query)),
          },
          {
            GATE: () => la(1) === T.LParen && la(2) === K.SELECT,
            ALT: () => (s.forQuery = $.subrule(1, $.query)),
          },
          { ALT: () => (s.forDynamic = $.subrule(0, $.expr)) },
        ],
      });
      $.option(2, () => ($.consume(0, K.USING), (s.using = $.subrule(0, $.bindArgs))));
    });
    $.consume(0, T.Semi);
    return $.ACTION(() => {
      if (args) s.args = args;
      return s;
    });
  });

  $.RULE('intoTargets', (): Expr[] => {
    const out = [$.subrule(0, $.unary)];
    $.many(0, () => {
      $.consume(0, T.Comma);
      out.push($.subrule(1, $.unary));
    });
    return out;
  });

  $.RULE('fetchStatement', (): PlStatement => {
    $.consume(0, K.FETCH);
    const cursor = dotted(0);
    const bulk = !!$.option(0, () => ($.consume(0, K.BULK), $.consume(0, K.COLLECT)));
    $.consume(0, K.INTO);
    const into = $.subrule(0, $.intoTargets);
    const limit = $.option(1, () => ($.consume(0, K.LIMIT), $.subrule(0, $.expr)));
    $.consume(0, T.Semi);
    return $.ACTION(() => {
      const s: PlStatement = { kind: 'fetch', cursor, into, bulk };
      if (limit) s.limit = limit;
      return s;
    });
  });

  $.RULE('bindArgs', (): BindArg[] => {
    const out: BindArg[] = [];
    const one = (i: number) => {
      let mode: BindArg['mode'] = 'IN';
      $.option(i, {
        GATE: () => la(1) === K.IN || la(1) === K.OUT,
        DEF: () =>
          $.or(i, [
            {
              ALT: () => (
                $.consume(i, K.IN),
                $.option(2 + i, {
                  GATE: () => la(1) === K.OUT,
                  DEF: () => ($.consume(i, K.OUT), (mode = 'IN OUT')),
                })
              ),
            },
            { ALT: () => ($.consume(2 + i, K.OUT), (mode = 'OUT')) },
          ]),
      });
      const value = $.subrule(i, $.expr);
      $.ACTION(() => out.push({ mode, value }));
    };
    one(0);
    $.many(0, () => {
      $.consume(0, T.Comma);
      one(1);
    });
    return out;
  });

  $.RULE('executeImmediate', (): PlStatement => {
    $.consume(0, K.EXECUTE);
    $.consume(0, K.IMMEDIATE);
    const sql = $.subrule(0, $.expr);
    const s: Extract<PlStatement, { kind: 'execute-immediate' }> = {
      kind: 'execute-immediate',
      sql,
      into: [],
      bulk: false,
      using: [],
      returningInto: [],
    };
    $.many(0, () =>
      $.or(0, [
        {
          ALT: () => {
            const bulk = !!$.option(0, () => ($.consume(0, K.BULK), $.consume(0, K.COLLECT)));
            $.consume(0, K.INTO);
            const into = $.subrule(0, $.intoTargets);
            $.ACTION(() => {
              s.into = into;
              s.bulk = bulk;
            });
          },
        },
        { ALT: () => ($.consume(0, K.USING), (s.using = $.subrule(0, $.bindArgs))) },
        {
          ALT: () => {
            $.or(1, [{ ALT: () => $.consume(0, K.RETURNING) }, { ALT: () => $.consume(0, K.RETURN) }]);
            $.consume(1, K.INTO);
            s.returningInto = $.subrule(1, $.intoTargets);
          },
        },
      ]),
    );
    $.consume(0, T.Semi);
    return s;
  });

  $.RULE('sqlStatement', (): PlStatement => {
    const statement = $.or(0, {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => la(1) === K.SELECT || la(1) === K.WITH || la(1) === T.LParen,
          ALT: () => $.subrule(0, $.selectStatement),
        },
        { GATE: () => la(1) === K.INSERT, ALT: () => $.subrule(0, $.insert) },
        { GATE: () => la(1) === K.UPDATE, ALT: () => $.subrule(0, $.update) },
        { GATE: () => la(1) === K.DELETE, ALT: () => $.subrule(0, $.deleteStmt) },
        { GATE: () => la(1) === K.LOCK, ALT: () => $.subrule(0, $.lockTable) },
        { GATE: () => word(1, 'MERGE'), ALT: () => $.subrule(0, $.merge) },
        { GATE: () => word(1, 'COMMIT'), ALT: () => $.subrule(0, $.commitStmt) },
        { GATE: () => word(1, 'ROLLBACK'), ALT: () => $.subrule(0, $.rollbackStmt) },
        { GATE: () => word(1, 'SAVEPOINT'), ALT: () => $.subrule(0, $.savepointStmt) },
        {
          GATE: () => la(1) === K.SET,
          ALT: () => {
            // SET TRANSACTION …: kept as a no-op statement with a finding at conversion.
            $.consume(0, K.SET);
            $.many(0, { GATE: () => la(1) !== T.Semi, DEF: () => $.consume(0, T.NonParen) });
            return { kind: 'transaction', verb: 'COMMIT', ignored: ['SET TRANSACTION'] } as DmlStatement;
          },
        },
      ],
    });
    $.consume(0, T.Semi);
    return { kind: 'sql', statement: statement as DmlStatement };
  });

  $.RULE('assignOrCall', (): PlStatement => {
    const target = $.subrule(0, $.unary);
    const value = $.option(0, () => ($.consume(0, T.Assign), $.subrule(0, $.expr)));
    $.consume(0, T.Semi);
    return $.ACTION(() => (value ? { kind: 'assign', target, value } : { kind: 'call', call: target }));
  });
}

export type { QualifiedName, Query, SelectQuery };
