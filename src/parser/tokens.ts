/**
 * Token types of the Oracle SQL / PL/SQL lexer.
 *
 * Words are lexed by one `Word` pattern and then turned into keyword token types by a table
 * lookup (see lexer.ts): one regex for all words is much faster than one per keyword, and
 * keywords that Oracle does not reserve belong to the `Ident` category so the grammar can
 * still use them as names.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Any token that can name something: plain words, quoted identifiers, non-reserved keywords. */
export const Ident = createToken({ name: 'Ident', pattern: Lexer.NA });
/** Every token except parentheses: used to skip clauses we parse only to drop. */
export const NonParen = createToken({ name: 'NonParen', pattern: Lexer.NA });

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  // Unicode spaces too (U+3000 ideographic space, U+2000–U+200A, U+FEFF …): Oracle skips them.
  pattern: /[ \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/,
  group: Lexer.SKIPPED,
});
export const LineComment = createToken({ name: 'LineComment', pattern: /--[^\n\r]*/, group: 'comments' });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: 'comments',
});

/** q'[...]', nq'{...}' alternative-quoting literals (custom matcher: the delimiter is dynamic). */
function matchQQuote(text: string, offset: number): RegExpExecArray | null {
  let i = offset;
  if (text[i] === 'n' || text[i] === 'N') i++;
  if (text[i] !== 'q' && text[i] !== 'Q') return null;
  if (text[i + 1] !== "'") return null;
  const open = text[i + 2];
  if (open === undefined || /\s/.test(open)) return null;
  const close = ({ '[': ']', '{': '}', '(': ')', '<': '>' } as Record<string, string>)[open] ?? open;
  const end = text.indexOf(`${close}'`, i + 3);
  if (end < 0) return null;
  const image = text.slice(offset, end + 2);
  const result = [image] as unknown as RegExpExecArray;
  result.index = offset;
  result.input = text;
  return result;
}

export const QString = createToken({
  name: 'QString',
  pattern: { exec: matchQQuote },
  line_breaks: true,
  start_chars_hint: ['q', 'Q', 'n', 'N'],
  categories: [NonParen],
});
export const NString = createToken({
  name: 'NString',
  pattern: /[nN]'(?:[^']|'')*'/,
  line_breaks: true,
  categories: [NonParen],
});
export const StringLit = createToken({
  name: 'StringLit',
  pattern: /'(?:[^']|'')*'/,
  line_breaks: true,
  categories: [NonParen],
});
export const QuotedIdent = createToken({
  name: 'QuotedIdent',
  pattern: /"[^"\n]*"/,
  categories: [Ident, NonParen],
});
/** Numbers: 12, 1.5, .5, 1e10, 1.5d / 2f (binary literals); `1..10` lexes as 1 .. 10. */
export const NumberLit = createToken({
  name: 'NumberLit',
  pattern: /(?:\d+(?:\.(?!\.)\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:[fFdD](?![\w$#]))?/,
  categories: [NonParen],
});
export const BindVar = createToken({
  name: 'BindVar',
  pattern: /:(?:[A-Za-z][\w$#]*|\d+|"[^"]*")/,
  categories: [NonParen],
});
/**
 * PL/SQL conditional compilation: selection directives ($IF $THEN $ELSIF $ELSE $END), $ERROR, and
 * inquiry directives ($$PLSQL_UNIT, $$flag). `$` never starts any other token.
 */
export const Directive = createToken({
  name: 'Directive',
  pattern: /\$\$?[A-Za-z][\w$#]*/,
  categories: [NonParen],
});
export const Word = createToken({
  name: 'Word',
  // Letters outside ASCII, but not the Unicode spaces WhiteSpace skips.
  pattern:
    /[A-Za-z\u00aa-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff\u3001-\ufefe\uff00-\uffff][\w$#\u00aa-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff\u3001-\ufefe\uff00-\uffff]*/,
  categories: [Ident, NonParen],
});

function punct(name: string, pattern: RegExp | string): TokenType {
  return createToken({ name, pattern, categories: [NonParen] });
}

export const OuterJoin = punct('OuterJoin', /\(\s*\+\s*\)/);
export const LParen = createToken({ name: 'LParen', pattern: '(' });
export const RParen = createToken({ name: 'RParen', pattern: ')' });
export const Assign = punct('Assign', ':=');
export const Arrow = punct('Arrow', '=>');
/**
 * Oracle also reads compound operators with blanks or comments inside (`| |`, `< >`, `! =`,
 * `^ /* … *\/ =`): its lexer reads the characters as tokens and its parser joins them.
 */
export const Concat = punct('Concat', /\|(?:\s|\/\*[\s\S]*?\*\/)*\|/);
export const LessEq = punct('LessEq', /<(?:\s|\/\*[\s\S]*?\*\/)*=/);
export const GreaterEq = punct('GreaterEq', />(?:\s|\/\*[\s\S]*?\*\/)*=/);
export const NotEq = punct('NotEq', /<(?:\s|\/\*[\s\S]*?\*\/)*>|[!^~](?:\s|\/\*[\s\S]*?\*\/)*=/);
export const Power = punct('Power', '**');
export const DotDot = punct('DotDot', '..');
export const LabelOpen = punct('LabelOpen', '<<');
export const LabelClose = punct('LabelClose', '>>');
export const Comma = punct('Comma', ',');
export const Semi = punct('Semi', ';');
export const Dot = punct('Dot', '.');
export const Plus = punct('Plus', '+');
export const Minus = punct('Minus', '-');
export const Star = punct('Star', '*');
export const Slash = punct('Slash', '/');
export const Equals = punct('Equals', '=');
export const Less = punct('Less', '<');
export const Greater = punct('Greater', '>');
export const At = punct('At', '@');
export const Percent = punct('Percent', '%');
export const Colon = punct('Colon', ':');
export const Amp = punct('Amp', '&');
export const Pipe = punct('Pipe', '|');
export const Question = punct('Question', '?');
export const LBracket = punct('LBracket', '[');
export const RBracket = punct('RBracket', ']');
/** Braces only occur in opaque clauses (external tables' ACCESS PARAMETERS, JSON-like driver options). */
export const LBrace = punct('LBrace', '{');
export const RBrace = punct('RBrace', '}');

/** Lexer order matters: longer and more specific patterns first. */
export const lexerTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  QString,
  NString,
  StringLit,
  QuotedIdent,
  NumberLit,
  BindVar,
  Directive,
  Word,
  OuterJoin,
  LParen,
  RParen,
  Assign,
  Arrow,
  Concat,
  LabelOpen,
  LabelClose,
  LessEq,
  GreaterEq,
  NotEq,
  Power,
  DotDot,
  Comma,
  Semi,
  Dot,
  Plus,
  Minus,
  Star,
  Slash,
  Equals,
  Less,
  Greater,
  At,
  Percent,
  Colon,
  Amp,
  Pipe,
  Question,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
];
