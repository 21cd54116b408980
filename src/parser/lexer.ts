import { type IToken, Lexer, type TokenType } from 'chevrotain';
import { K, keywordByWord } from './keywords.js';
import { Ident, lexerTokens, NonParen, Word } from './tokens.js';

/** All token types the parser knows: lexer tokens, keyword tokens and categories. */
export const allTokenTypes: TokenType[] = [...lexerTokens, ...Object.values(K), Ident, NonParen];

const lexer = new Lexer(lexerTokens, {
  positionTracking: 'full',
  ensureOptimizations: false,
  skipValidations: true,
});

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: { message: string; line: number; column: number; offset: number }[];
}

/** Lexes one statement. Words that are keywords get their keyword token type. */
export function lex(text: string): LexResult {
  const r = lexer.tokenize(text);
  const tokens = r.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.tokenType === Word) {
      const kw = keywordByWord.get(t.image.toUpperCase());
      if (kw) {
        t.tokenType = kw;
        t.tokenTypeIdx = kw.tokenTypeIdx!;
      }
    }
  }
  return {
    tokens,
    comments: (r.groups.comments as IToken[] | undefined) ?? [],
    errors: r.errors.map((e) => ({
      message: e.message,
      line: e.line ?? 1,
      column: e.column ?? 1,
      offset: e.offset,
    })),
  };
}
