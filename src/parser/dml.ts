/**
 * DML and transaction control: SELECT as a statement, INSERT (single and multi-table), UPDATE,
 * DELETE, MERGE, COMMIT / ROLLBACK / SAVEPOINT, TRUNCATE, LOCK TABLE, CALL.
 */
import type { IToken } from 'chevrotain';
import type { OraName } from '../ast/common.js';
import type { Statement } from '../ast/ddl.js';
import type {
  DmlTarget,
  InsertInto,
  MergeStmt,
  MultiInsertStmt,
  ReturningClause,
  SetClause,
  TransactionStmt,
} from '../ast/dml.js';
import type { Expr, FuncCall } from '../ast/expr.js';
import type { Query, TableRef } from '../ast/query.js';
import type { $ } from './base.js';
import { K } from './keywords.js';
import { aliasAllowed, hintAfter, isWord } from './query.js';
import * as T from './tokens.js';

export interface DmlRules {
  selectStatement: () => Statement;
  insert: () => Statement;
  update: () => Statement;
  deleteStmt: () => Statement;
  merge: () => Statement;
  commitStmt: () => Statement;
  rollbackStmt: () => Statement;
  savepointStmt: () => Statement;
  truncate: () => Statement;
  lockTable: () => Statement;
  callStmt: () => Statement;
  dmlTarget: () => DmlTarget;
  returningClause: () => ReturningClause;
  setClauses: () => SetClause[];
  insertInto: () => InsertInto;
  columnList: () => OraName[];
  valuesRow: () => Expr[];
}

export function defineDmlRules($: $ & DmlRules): void {
  /** Consumes a non-reserved word that the lexer leaves as an identifier (MERGE, MATCHED …). */
  const word = (idx: number, _w: string): IToken => $.consume(idx, T.Ident);
  const gateWord =
    (w: string, n = 1) =>
    () =>
      isWord($.LA(n), w);
  const atReturning = () => isWord($.LA(1), 'RETURNING') || isWord($.LA(1), 'RETURN');

  $.RULE('selectStatement', (): Statement => ({ kind: 'select', query: $.subrule(0, $.query) }));

  $.RULE('dmlTarget', (): DmlTarget => {
    // Joins and TABLE() targets are kept as parsed; the converter reports them.
    return $.subrule(0, $.tableReference) as DmlTarget;
  });

  $.RULE('columnList', (): OraName[] => {
    $.consume(0, T.LParen);
    const cols: OraName[] = [];
    const col = (i: number) => {
      // t.col is accepted by Oracle in INSERT column lists; the qualifier is dropped.
      let name = $.subrule(i, $.identifier);
      $.many(i, () => {
        $.consume(i, T.Dot);
        name = $.subrule(2 + i, $.identifier);
      });
      cols.push(name);
    };
    col(0);
    $.many(2, () => {
      $.consume(0, T.Comma);
      col(1);
    });
    $.consume(0, T.RParen);
    return cols;
  });

  $.RULE('valuesRow', (): Expr[] => {
    $.consume(0, T.LParen);
    const row = $.subrule(0, $.exprList);
    $.consume(0, T.RParen);
    return row;
  });

  $.RULE('returningClause', (): ReturningClause => {
    word(0, 'RETURNING');
    const exprs = $.subrule(0, $.exprList);
    let bulk = false;
    $.option(0, {
      GATE: gateWord('BULK'),
      DEF: () => {
        word(2, 'BULK');
        word(3, 'COLLECT');
        bulk = true;
      },
    });
    $.consume(0, K.INTO);
    const into = $.subrule(1, $.exprList);
    return $.ACTION(() => (bulk ? { exprs, into, bulk } : { exprs, into }));
  });

  /** LOG ERRORS [INTO t] [(tag)] [REJECT LIMIT n|UNLIMITED] — parsed and reported. */
  const logErrors = (idx: number): boolean => {
    let seen = false;
    $.option(idx, {
      GATE: () => isWord($.LA(1), 'LOG') && isWord($.LA(2), 'ERRORS'),
      DEF: () => {
        word(10 + idx, 'LOG');
        word(20 + idx, 'ERRORS');
        $.option(10 + idx, () => {
          $.consume(10 + idx, K.INTO);
          $.subrule(10 + idx, $.qualifiedName);
        });
        $.option(20 + idx, () => {
          $.consume(10 + idx, T.LParen);
          $.subrule(10 + idx, $.expr);
          $.consume(10 + idx, T.RParen);
        });
        $.option(30 + idx, {
          GATE: gateWord('REJECT'),
          DEF: () => {
            word(30 + idx, 'REJECT');
            word(40 + idx, 'LIMIT');
            $.or(10 + idx, [
              { ALT: () => $.consume(20 + idx, T.NumberLit) },
              { ALT: () => word(50 + idx, 'UNLIMITED') },
            ]);
          },
        });
        seen = true;
      },
    });
    return seen;
  };

  const hintOf = (tok: IToken) => $.ACTION(() => hintAfter($, tok));

  $.RULE('insert', (): Statement => {
    const insertTok = $.consume(0, K.INSERT);
    const hint = hintOf(insertTok);
    return $.or(0, [
      {
        ALT: (): Statement => {
          $.consume(0, K.INTO);
          const target = $.subrule(0, $.dmlTarget);
          const columns = $.option(0, {
            GATE: () => $.LA(2).tokenType !== K.SELECT && $.LA(2).tokenType !== K.WITH,
            DEF: () => $.subrule(0, $.columnList),
          });
          let values: Expr[][] | undefined;
          let query: Query | undefined;
          $.or(1, [
            {
              ALT: () => {
                $.consume(0, K.VALUES);
                $.or(7, [
                  {
                    // PL/SQL: INSERT INTO t VALUES record — the record's fields by position, (record).*.
                    GATE: () => $.LA(1).tokenType !== T.LParen,
                    ALT: () => {
                      const record = $.subrule(7, $.expr);
                      values = [[{ kind: 'field', operand: record, field: '*' }]];
                    },
                  },
                  {
                    ALT: () => {
                      const rows = [$.subrule(0, $.valuesRow)];
                      $.many(0, () => {
                        $.consume(0, T.Comma);
                        rows.push($.subrule(1, $.valuesRow));
                      });
                      values = rows;
                    },
                  },
                ]);
              },
            },
            { ALT: () => (query = $.subrule(0, $.query)) },
          ]);
          const returning = $.option(1, { GATE: atReturning, DEF: () => $.subrule(0, $.returningClause) });
          const logged = logErrors(2);
          return $.ACTION(() => {
            const s: Statement = { kind: 'insert', target };
            if (hint) s.hint = hint;
            if (columns) s.columns = columns;
            if (values) s.values = values;
            if (query) s.query = query;
            if (returning) s.returning = returning;
            if (logged) s.logErrors = true;
            return s;
          });
        },
      },
      {
        ALT: (): Statement => {
          const mode = $.or(2, [
            { ALT: () => ($.consume(0, K.ALL), 'ALL' as const) },
            { ALT: () => ($.consume(0, K.FIRST), 'FIRST' as const) },
          ]);
          const branches: MultiInsertStmt['branches'] = [];
          let elseInto: InsertInto[] | undefined;
          $.or(3, [
            {
              ALT: () => {
                const into: InsertInto[] = [];
                $.atLeastOne(0, () => into.push($.subrule(1, $.insertInto)));
                branches.push({ into });
              },
            },
            {
              ALT: () => {
                $.atLeastOne(1, () => {
                  $.consume(0, K.WHEN);
                  const when = $.subrule(1, $.expr);
                  $.consume(0, K.THEN);
                  const into: InsertInto[] = [];
                  $.atLeastOne(2, () => into.push($.subrule(2, $.insertInto)));
                  branches.push({ when, into });
                });
                $.option(3, () => {
                  $.consume(0, K.ELSE);
                  const into: InsertInto[] = [];
                  $.atLeastOne(3, () => into.push($.subrule(3, $.insertInto)));
                  elseInto = into;
                });
              },
            },
          ]);
          const query = $.subrule(1, $.query);
          return $.ACTION(() => {
            const s: MultiInsertStmt = { kind: 'insert-multi', mode, branches, query };
            if (hint) s.hint = hint;
            if (elseInto) s.else = elseInto;
            return s;
          });
        },
      },
    ]);
  });

  $.RULE('insertInto', (): InsertInto => {
    $.consume(0, K.INTO);
    const name = $.subrule(0, $.qualifiedName);
    const alias = $.option(0, { GATE: () => aliasAllowed($), DEF: () => $.subrule(0, $.identifier) });
    const columns = $.option(1, () => $.subrule(0, $.columnList));
    const values = $.option(2, () => {
      $.consume(0, K.VALUES);
      return $.subrule(0, $.valuesRow);
    });
    logErrors(3);
    return $.ACTION(() => {
      const target: TableRef = { kind: 'table', name };
      if (alias) target.alias = alias;
      const i: InsertInto = { target };
      if (columns) i.columns = columns;
      if (values) i.values = values;
      return i;
    });
  });

  $.RULE('setClauses', (): SetClause[] => {
    const out: SetClause[] = [];
    const one = (i: number) => {
      const c = $.or(i, [
        {
          ALT: (): SetClause => {
            $.consume(i, T.LParen);
            const cols: OraName[][] = [];
            const col = (j: number) => {
              const parts = [$.subrule(10 * i + j, $.identifier)];
              $.many(10 * i + j, () => {
                $.consume(10 * i + j, T.Dot);
                parts.push($.subrule(10 * i + j + 4, $.identifier));
              });
              cols.push(parts);
            };
            col(0);
            $.many(10 * i + 2, () => {
              $.consume(10 * i + 2, T.Comma);
              col(1);
            });
            $.consume(i, T.RParen);
            $.consume(i, T.Equals);
            const value = $.subrule(i, $.expr);
            return { columns: cols, value };
          },
        },
        {
          ALT: (): SetClause => {
            const parts = [$.subrule(20 + i, $.identifier)];
            $.many(20 + i, () => {
              $.consume(20 + i, T.Dot);
              parts.push($.subrule(30 + i, $.identifier));
            });
            $.consume(10 + i, T.Equals);
            const value = $.subrule(10 + i, $.expr);
            return { columns: [parts], value };
          },
        },
      ]);
      out.push(c);
    };
    one(0);
    $.many(40, () => {
      $.consume(40, T.Comma);
      one(1);
    });
    return out;
  });

  /** WHERE cond | WHERE CURRENT OF cursor */
  const whereClause = (idx: number): { where?: Expr; currentOf?: OraName } => {
    const r: { where?: Expr; currentOf?: OraName } = {};
    $.option(idx, () => {
      $.consume(idx, K.WHERE);
      $.or(idx, [
        {
          GATE: () => $.LA(1).tokenType === K.CURRENT && $.LA(2).tokenType === K.OF,
          ALT: () => {
            $.consume(idx, K.CURRENT);
            $.consume(idx, K.OF);
            r.currentOf = $.subrule(idx, $.identifier);
          },
        },
        { ALT: () => (r.where = $.subrule(idx, $.expr)) },
      ]);
    });
    return r;
  };

  $.RULE('update', (): Statement => {
    const tok = $.consume(0, K.UPDATE);
    const hint = hintOf(tok);
    const target = $.subrule(0, $.dmlTarget);
    $.consume(0, K.SET);
    let setRow: Expr | undefined;
    const set = $.or(3, [
      {
        // PL/SQL: UPDATE t SET ROW = record
        GATE: () => $.LA(1).tokenType === K.ROW && $.LA(2).tokenType === T.Equals,
        ALT: (): SetClause[] => {
          $.consume(0, K.ROW);
          $.consume(1, T.Equals);
          setRow = $.subrule(1, $.expr);
          return [];
        },
      },
      { ALT: () => $.subrule(0, $.setClauses) },
    ]);
    const w = whereClause(0);
    const returning = $.option(1, { GATE: atReturning, DEF: () => $.subrule(0, $.returningClause) });
    const logged = logErrors(2);
    return $.ACTION(() => {
      const s: Statement = { kind: 'update', target, set, ...w };
      if (setRow) s.setRow = setRow;
      if (hint) s.hint = hint;
      if (returning) s.returning = returning;
      if (logged) s.logErrors = true;
      return s;
    });
  });

  $.RULE('deleteStmt', (): Statement => {
    const tok = $.consume(0, K.DELETE);
    const hint = hintOf(tok);
    $.option(0, () => $.consume(0, K.FROM));
    const target = $.subrule(0, $.dmlTarget);
    const w = whereClause(1);
    const returning = $.option(2, { GATE: atReturning, DEF: () => $.subrule(0, $.returningClause) });
    const logged = logErrors(3);
    return $.ACTION(() => {
      const s: Statement = { kind: 'delete', target, ...w };
      if (hint) s.hint = hint;
      if (returning) s.returning = returning;
      if (logged) s.logErrors = true;
      return s;
    });
  });

  $.RULE('merge', (): Statement => {
    const tok = word(0, 'MERGE');
    const hint = hintOf(tok);
    $.consume(0, K.INTO);
    const name = $.subrule(0, $.qualifiedName);
    const alias = $.option(0, {
      GATE: () => aliasAllowed($) && !isWord($.LA(1), 'USING'),
      DEF: () => $.subrule(0, $.identifier),
    });
    $.consume(0, K.USING);
    const using = $.subrule(0, $.tableReference);
    $.consume(0, K.ON);
    const on = $.subrule(0, $.expr);
    const m: Partial<MergeStmt> = {};
    const whenClause = (i: number) => {
      $.consume(i, K.WHEN);
      $.or(i, [
        {
          GATE: gateWord('MATCHED'),
          ALT: () => {
            word(10 + i, 'MATCHED');
            $.consume(i, K.THEN);
            $.consume(i, K.UPDATE);
            $.consume(i, K.SET);
            const set = $.subrule(i, $.setClauses);
            const matched: NonNullable<MergeStmt['matched']> = { set };
            $.option(10 + i, () => {
              $.consume(10 + i, K.WHERE);
              matched.where = $.subrule(10 + i, $.expr);
            });
            $.option(20 + i, () => {
              $.consume(i, K.DELETE);
              $.consume(20 + i, K.WHERE);
              matched.deleteWhere = $.subrule(20 + i, $.expr);
            });
            m.matched = matched;
          },
        },
        {
          ALT: () => {
            $.consume(i, K.NOT);
            word(20 + i, 'MATCHED');
            $.consume(10 + i, K.THEN);
            $.consume(i, K.INSERT);
            const columns = $.option(30 + i, () => $.subrule(i, $.columnList));
            $.consume(i, K.VALUES);
            const values = $.subrule(i, $.valuesRow);
            const nm: NonNullable<MergeStmt['notMatched']> = { values };
            $.option(40 + i, () => {
              $.consume(30 + i, K.WHERE);
              nm.where = $.subrule(30 + i, $.expr);
            });
            $.ACTION(() => {
              if (columns) nm.columns = columns;
            });
            m.notMatched = nm;
          },
        },
      ]);
    };
    whenClause(0);
    $.option(50, () => whenClause(1));
    const logged = logErrors(60);
    return $.ACTION(() => {
      const target: TableRef = { kind: 'table', name };
      if (alias) target.alias = alias;
      const s: MergeStmt = { kind: 'merge', target, using, on, ...m };
      if (hint) s.hint = hint;
      if (logged) s.logErrors = true;
      return s;
    });
  });

  $.RULE('commitStmt', (): Statement => {
    word(0, 'COMMIT');
    $.option(0, { GATE: gateWord('WORK'), DEF: () => word(1, 'WORK') });
    const ignored: string[] = [];
    $.many(0, {
      GATE: () => $.LA(1).tokenType !== T.Semi,
      DEF: () => {
        ignored.push($.consume(0, T.NonParen).image);
      },
    });
    return $.ACTION(() => {
      const s: TransactionStmt = { kind: 'transaction', verb: 'COMMIT' };
      if (ignored.length) s.ignored = ignored;
      return s;
    });
  });

  $.RULE('rollbackStmt', (): Statement => {
    word(0, 'ROLLBACK');
    $.option(0, { GATE: gateWord('WORK'), DEF: () => word(1, 'WORK') });
    const savepoint = $.option(1, () => {
      $.consume(0, K.TO);
      $.option(2, { GATE: gateWord('SAVEPOINT'), DEF: () => word(2, 'SAVEPOINT') });
      return $.subrule(0, $.identifier);
    });
    const ignored: string[] = [];
    $.option(3, () => {
      $.consume(0, K.FORCE);
      ignored.push('FORCE', $.consume(0, T.StringLit).image);
    });
    return $.ACTION(() => {
      const s: TransactionStmt = { kind: 'transaction', verb: 'ROLLBACK' };
      if (savepoint) s.savepoint = savepoint;
      if (ignored.length) s.ignored = ignored;
      return s;
    });
  });

  $.RULE('savepointStmt', (): Statement => {
    word(0, 'SAVEPOINT');
    const savepoint = $.subrule(0, $.identifier);
    return { kind: 'transaction', verb: 'SAVEPOINT', savepoint };
  });

  $.RULE('truncate', (): Statement => {
    $.consume(0, K.TRUNCATE);
    $.consume(0, K.TABLE);
    const name = $.subrule(0, $.qualifiedName);
    const ignored: string[] = [];
    let cascade = false;
    $.many(0, {
      GATE: () => $.LA(1).tokenType !== T.Semi,
      DEF: () => {
        const t = $.consume(0, T.NonParen);
        $.ACTION(() => {
          if (t.tokenType === K.CASCADE) cascade = true;
          else ignored.push(t.image.toUpperCase());
        });
      },
    });
    return $.ACTION(() => {
      const s: Statement = { kind: 'truncate', table: { kind: 'table', name } };
      if (cascade) s.cascade = true;
      if (ignored.length) s.ignored = ignored;
      return s;
    });
  });

  $.RULE('lockTable', (): Statement => {
    $.consume(0, K.LOCK);
    $.consume(0, K.TABLE);
    const tables: TableRef[] = [{ kind: 'table', name: $.subrule(0, $.qualifiedName) }];
    $.many(0, () => {
      $.consume(0, T.Comma);
      tables.push({ kind: 'table', name: $.subrule(1, $.qualifiedName) });
    });
    $.consume(0, K.IN);
    const words: string[] = [];
    $.atLeastOne(0, {
      GATE: () => $.LA(1).tokenType !== K.MODE,
      DEF: () => {
        words.push($.consume(0, T.NonParen).image.toUpperCase());
      },
    });
    $.consume(0, K.MODE);
    let nowait = false;
    let wait: number | undefined;
    $.option(0, () =>
      $.or(0, [
        { ALT: () => ($.consume(0, K.NOWAIT), (nowait = true)) },
        {
          ALT: () => {
            $.consume(0, K.WAIT);
            wait = Number($.consume(0, T.NumberLit).image);
          },
        },
      ]),
    );
    return $.ACTION(() => {
      const s: Statement = { kind: 'lock', tables, mode: words.join(' ') };
      if (nowait) s.nowait = true;
      if (wait !== undefined) s.wait = wait;
      return s;
    });
  });

  $.RULE('callStmt', (): Statement => {
    word(0, 'CALL');
    const e = $.subrule(0, $.primary);
    const into = $.option(0, () => {
      $.consume(0, K.INTO);
      return $.subrule(1, $.primary);
    });
    return $.ACTION(() => {
      const call: FuncCall =
        e.kind === 'call'
          ? e
          : e.kind === 'column'
            ? { kind: 'call', name: e.parts, args: [] }
            : (() => {
                throw new Error('CALL needs a procedure or function name');
              })();
      const s: Statement = { kind: 'call', call };
      if (into) s.into = into;
      return s;
    });
  });
}
