/** PL/SQL blocks and statements. SQL inside PL/SQL uses the query and DML rules. */

import { EOF } from 'chevrotain';
import type { OraName } from '../ast/common.js';
import type { DmlStatement } from '../ast/dml.js';
import type { Expr } from '../ast/expr.js';
import type { BindArg, Block, ExceptionHandler, PlStatement } from '../ast/plsql.js';
import { K } from './keywords.js';
import type { P } from './plsql.js';
import { plsqlHelpers } from './plsql-helpers.js';
import * as T from './tokens.js';

/** Statement-level keywords that end a statement list. */
const LIST_END = new Set([K.END, K.ELSE, K.ELSIF, K.WHEN, K.EXCEPTION]);

export function definePlsqlStatementRules($: P): void {
  const { la, word, directive, ccEnd, dotted } = plsqlHelpers($);

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
      GATE: () => !LIST_END.has(la(1)) && la(1) !== EOF && !ccEnd(),
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
          // PRAGMA INLINE (subprogram, 'YES' | 'NO') among the statements: an optimizer hint, no effect to keep.
          GATE: () => la(1) === K.PRAGMA,
          ALT: (): PlStatement => {
            $.consume(0, K.PRAGMA);
            $.many(2, {
              GATE: () => la(1) !== T.Semi && la(1) !== EOF,
              DEF: () =>
                $.or(1, [
                  { ALT: () => $.consume(20, T.NonParen) },
                  { ALT: () => $.consume(20, T.LParen) },
                  { ALT: () => $.consume(20, T.RParen) },
                ]),
            });
            $.consume(7, T.Semi);
            return { kind: 'null' };
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
        { GATE: () => la(1) === T.Directive, ALT: () => $.subrule(0, $.ccStatement) },
        { ALT: () => $.subrule(0, $.assignOrCall) },
      ],
    });
    return $.ACTION(() => {
      if (labels.length) s.labels = labels;
      s.line = line;
      return s;
    });
  });

  /** $IF … $THEN statements {$ELSIF …} [$ELSE …] $END, or $ERROR message $END. */
  $.RULE('ccStatement', (): PlStatement =>
    $.or(0, [
      {
        GATE: () => directive(1, '$ERROR'),
        ALT: (): PlStatement => {
          $.consume(0, T.Directive);
          const message = $.subrule(0, $.expr);
          $.consume(1, T.Directive);
          return { kind: 'cc-error', message };
        },
      },
      {
        GATE: () => directive(1, '$IF'),
        ALT: (): PlStatement => {
          $.consume(2, T.Directive);
          const cond = $.subrule(1, $.expr);
          $.consume(3, T.Directive);
          const branches: { cond: Expr; items: PlStatement[] }[] = [{ cond, items: $.subrule(0, $.statements) }];
          $.many(0, {
            GATE: () => directive(1, '$ELSIF'),
            DEF: () => {
              $.consume(4, T.Directive);
              const c = $.subrule(2, $.expr);
              $.consume(5, T.Directive);
              branches.push({ cond: c, items: $.subrule(1, $.statements) });
            },
          });
          const elseItems = $.option(0, {
            GATE: () => directive(1, '$ELSE'),
            DEF: () => ($.consume(6, T.Directive), $.subrule(2, $.statements)),
          });
          $.consume(7, T.Directive);
          return elseItems ? { kind: 'conditional', branches, else: elseItems } : { kind: 'conditional', branches };
        },
      },
    ]),
  );

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
            // cursor or package.cursor
            const cursor = dotted(1);
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
    // LL(2): INDICES OF / VALUES OF vs a bound expression starting with a variable named INDICES.
    $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
      {
        ALT: () => {
          $.consume(0, K.INDICES);
          $.consume(0, K.OF);
          s.indicesOf = $.subrule(0, $.primary);
          $.option(1, {
            DEF: () => {
              $.consume(0, K.BETWEEN);
              s.lower = $.subrule(2, $.additive);
              $.consume(0, K.AND);
              s.upper = $.subrule(3, $.additive);
            },
          });
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
    ]});
    $.option(0, {
      GATE: () => word(1, 'SAVE'),
      DEF: () => {
        $.consume(0, T.Ident);
        $.consume(1, T.Ident);
        s.saveExceptions = true;
      },
    });
    // FORALL i IN … EXECUTE IMMEDIATE 'dml' USING c(i): dynamic DML bound per element.
    s.statement = $.or(1, [
      { GATE: () => la(1) === K.EXECUTE, ALT: () => $.subrule(0, $.executeImmediate) },
      { ALT: () => $.subrule(0, $.sqlStatement) },
    ]);
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
