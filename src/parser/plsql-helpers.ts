/** Small grammar helpers shared by the PL/SQL rule files (they consume inside the calling rule). */
import type { IToken } from 'chevrotain';
import type { OraName } from '../ast/common.js';
import type { TextSpan } from '../ast/plsql.js';
import { K } from './keywords.js';
import type { P } from './plsql.js';
import { isWord } from './query.js';
import * as T from './tokens.js';

export function plsqlHelpers($: P) {
  const la = (n: number) => $.LA(n).tokenType;
  const word = (n: number, w: string) => isWord($.LA(n), w);
  /** A conditional compilation directive ($IF, $THEN, $END …; upper case). */
  const directive = (n: number, w: string) => la(n) === T.Directive && $.LA(n).image.toUpperCase() === w;
  /** $ELSIF / $ELSE / $END: the end of a conditional branch. */
  const ccEnd = () => directive(1, '$ELSIF') || directive(1, '$ELSE') || directive(1, '$END');
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
  /** BEFORE STATEMENT / BEFORE EACH ROW / AFTER … / INSTEAD OF EACH ROW: a compound trigger section. */
  const timingPointAhead = () =>
    ((word(1, 'BEFORE') || word(1, 'AFTER')) && (word(2, 'STATEMENT') || (la(2) === K.EACH && la(3) === K.ROW))) ||
    (la(1) === K.INSTEAD && la(2) === K.OF && la(3) === K.EACH);
  return { la, word, directive, ccEnd, dotted, isOrAs, accessibleBy, skipUntilIsAs, timingPointAhead };
}

/** The text span from one token to another (both included), as the unit's text has them. */
export function spanOf(first: IToken, last: IToken): TextSpan {
  return {
    start: first.startOffset,
    end: last.endOffset ?? last.startOffset,
    line: first.startLine ?? 1,
    column: first.startColumn ?? 1,
  };
}
