/**
 * Error recovery for PACKAGE BODY, TYPE BODY and PACKAGE (specification) units. When such a unit
 * does not parse as a whole (one member uses syntax the grammar does not know), its members are
 * found on the token stream and each is parsed on its own with the rule the unit uses for it
 * (`declarations` for a package's declarations and subprograms, `blockBody` for a body's
 * initialization section, `typeMethod` for a type body's methods). The unit's AST is built from the members that parse; the others are
 * kept as their Oracle text (`UnparsedMember`) with an OPG-PARSE-0001 finding at the real error.
 *
 * Finding the members needs no grammar: in the declaration section of a body, a member ends at a
 * `;` outside parentheses, outside any BEGIN/IF/LOOP/CASE … END, outside any $IF … $END, and
 * outside any subprogram still open (a subprogram is open from the IS / AS of its heading to the
 * END of its body; nested subprograms open and close inside it). When the structure cannot be
 * followed (unbalanced END), there is no recovery and the unit fails as a whole, as before.
 */
import type { IToken } from 'chevrotain';
import type { QualifiedName } from '../ast/common.js';
import type {
  Declaration,
  PackageBody,
  PlsqlUnitAst,
  Subprogram,
  TypeMethod,
  UnparsedMember,
} from '../ast/plsql.js';
import type { SourceLocation } from '../findings/types.js';
import { nameOf } from './base.js';
import { K } from './keywords.js';
import type { PlsqlRules } from './plsql.js';
import { isWord } from './query.js';
import * as T from './tokens.js';

/** The units recovered member by member. */
export type RecoveredKind = 'PACKAGE' | 'PACKAGE BODY' | 'TYPE BODY';

/** A run of tokens [start, end] (inclusive) of the body: a member, or the initialization section. */
interface Segment {
  start: number;
  end: number;
  init?: boolean;
}

/** A member that did not parse: its tokens, the error token, and what it is. */
export interface FailedMember {
  member: UnparsedMember;
  /** The token the parser stopped at (the last token of the member when it ran out of input). */
  errorToken: IToken;
  atEnd: boolean;
}

/** The parser as recovery uses it: rules callable on a token array. */
type RecoveryParser = PlsqlRules & { input: IToken[]; errors: { token: IToken }[] };

/** Index of the IS / AS that ends the heading (the first outside parentheses after PACKAGE / BODY). */
function headingEnd(tokens: IToken[], unitKind: RecoveredKind): number {
  const at = tokens.findIndex((t) => t.tokenType === (unitKind === 'PACKAGE' ? K.PACKAGE : K.BODY));
  if (at < 0) return -1;
  let parens = 0;
  for (let i = at + 1; i < tokens.length; i++) {
    const tt = tokens[i].tokenType;
    if (tt === T.LParen) parens++;
    else if (tt === T.RParen) parens--;
    else if (!parens && (tt === K.IS || tt === K.AS)) return i;
    else if (tt === T.Semi) return -1;
  }
  return -1;
}

/**
 * The members of a body's declaration section starting at `from`, and the index of the END that
 * closes the body (for a body with an initialization section, the segment ends with that END).
 */
function bodySegments(tokens: IToken[], from: number): { segments: Segment[]; end: number } | undefined {
  const segments: Segment[] = [];
  /** Open BEGIN / IF / LOOP / CASE: what each opened. */
  const blocks: ('body' | 'init' | 'other')[] = [];
  let subprograms = 0;
  let heading: 'none' | 'heading' | 'external' = 'none';
  let parens = 0;
  let cc = 0;
  let start = from;
  /** The index of a member that starts with $IF / $ERROR. */
  let outerDirective = -1;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    const tt = t.tokenType;
    if (i === start && tt === T.Directive) outerDirective = i;
    if (tt === T.LParen) parens++;
    else if (tt === T.RParen) {
      if (--parens < 0) return undefined;
    } else if (tt === T.Directive) {
      const w = t.image.toUpperCase();
      if (w === '$IF' || w === '$ERROR') cc++;
      else if (w === '$END') {
        if (--cc < 0) return undefined;
        // $IF … $END around declarations is one member ($IF inside a declaration ends at its ';').
        if (!cc && start === outerDirective && !blocks.length && !subprograms) {
          segments.push({ start, end: i });
          start = i + 1;
        }
      }
    } else if (parens > 0) continue;
    else if ((tt === K.PROCEDURE || tt === K.FUNCTION) && !blocks.length && heading === 'none')
      heading = 'heading';
    else if ((tt === K.IS || tt === K.AS) && heading === 'heading') {
      const next = tokens[i + 1];
      if (next && (next.tokenType === K.LANGUAGE || isWord(next, 'EXTERNAL'))) heading = 'external';
      else {
        heading = 'none';
        subprograms++;
      }
    } else if (tt === T.Semi) {
      // A forward declaration or an external subprogram ends at its ';'.
      heading = 'none';
      if (!blocks.length && !subprograms && !cc) {
        segments.push({ start, end: i });
        start = i + 1;
      }
    } else if (tt === K.BEGIN) {
      if (blocks.length) blocks.push('other');
      // In a declaration section: the body of the innermost open subprogram.
      else if (subprograms) blocks.push('body');
      else {
        // The body's initialization section, which its END closes.
        if (start !== i || cc) return undefined;
        blocks.push('init');
      }
    } else if (tt === K.IF || tt === K.LOOP || tt === K.CASE) blocks.push('other');
    else if (tt === K.END) {
      if (!blocks.length) {
        // END [name]; of a body without an initialization section.
        if (subprograms || cc || start !== i) return undefined;
        return { segments, end: i };
      }
      const opened = blocks.pop();
      const next = tokens[i + 1]?.tokenType;
      if (next === K.IF || next === K.LOOP || next === K.CASE) i++;
      if (opened === 'body') subprograms--;
      if (opened === 'init') {
        if (cc) return undefined;
        segments.push({ start, end: i, init: true });
        return { segments, end: i };
      }
    }
  }
  return undefined;
}

/** After the body's END: [name] [;] and nothing else. */
function tailIsEnd(tokens: IToken[], end: number): boolean {
  let i = end + 1;
  if (i < tokens.length && tokens[i].tokenType !== T.Semi) i++;
  if (i < tokens.length && tokens[i].tokenType === T.Semi) i++;
  return i >= tokens.length;
}

/** What a member is and its name, from its first tokens. */
function describe(tokens: IToken[]): Pick<UnparsedMember, 'kind' | 'name'> {
  // $IF … $END: conditional declarations, one or more.
  if (tokens[0]?.tokenType === T.Directive) return { kind: 'declaration' };
  // PROCEDURE | FUNCTION name, after the modifiers of a type body method
  // ([OVERRIDING] [FINAL] [NOT INSTANTIABLE] [MAP | ORDER] MEMBER | STATIC | CONSTRUCTOR).
  for (let j = 0; j < Math.min(tokens.length - 1, 8); j++) {
    const tt = tokens[j].tokenType;
    if (tt === K.PROCEDURE || tt === K.FUNCTION)
      return { kind: tt === K.PROCEDURE ? 'procedure' : 'function', name: nameOf(tokens[j + 1]) };
  }
  const [first, second] = tokens;
  if (!first || !second) return { kind: 'declaration' };
  if (first.tokenType === K.TYPE || first.tokenType === K.SUBTYPE)
    return { kind: 'type', name: nameOf(second) };
  if (first.tokenType === K.CURSOR) return { kind: 'cursor', name: nameOf(second) };
  if (first.tokenType === K.PRAGMA) return { kind: 'declaration' };
  return { kind: 'variable', name: nameOf(first) };
}

/** Runs one rule on a token array; the result, or the error token when it does not parse. */
function runRule<R>(
  p: RecoveryParser,
  tokens: IToken[],
  rule: () => R,
): { ok: true; value: R } | { ok: false; token: IToken; atEnd: boolean } {
  p.input = tokens;
  let value: R | undefined;
  try {
    value = rule.call(p);
  } catch {
    return { ok: false, token: tokens[0], atEnd: false };
  }
  if (p.errors.length) {
    const tok = p.errors[0].token;
    const atEnd = tok.tokenType?.name === 'EOF';
    return { ok: false, token: atEnd ? tokens[tokens.length - 1] : tok, atEnd };
  }
  return { ok: true, value: value as R };
}

/**
 * The heading of a subprogram member (PROCEDURE|FUNCTION … up to its IS / AS), parsed on its own:
 * the package still knows the member's signature (a forward declaration) when its body fails.
 */
function memberHeading(p: RecoveryParser, tokens: IToken[]): Subprogram | undefined {
  const from = tokens.findIndex((t) => t.tokenType === K.PROCEDURE || t.tokenType === K.FUNCTION);
  if (from < 0) return undefined;
  let parens = 0;
  for (let i = from; i < tokens.length; i++) {
    const tt = tokens[i].tokenType;
    if (tt === T.LParen) parens++;
    else if (tt === T.RParen) parens--;
    else if (parens === 0 && (tt === K.IS || tt === K.AS || tt === T.Semi)) {
      const r = runRule(p, tokens.slice(from, i), p.subprogramHeading);
      return r.ok ? r.value : undefined;
    }
  }
  return undefined;
}

/**
 * Member-by-member parse of a PACKAGE [BODY] or TYPE BODY that failed as a whole. Returns the AST
 * built from the members that parse and the members that do not; undefined when the body's
 * structure cannot be followed or when every member parses (the error is then outside the
 * members: the heading or the end).
 */
export function recoverBody(
  p: RecoveryParser,
  unitKind: RecoveredKind,
  name: QualifiedName,
  tokens: IToken[],
  text: string,
  locate: (tok: IToken) => SourceLocation,
): { ast: PlsqlUnitAst; failed: FailedMember[] } | undefined {
  const isAs = headingEnd(tokens, unitKind);
  if (isAs < 0) return undefined;
  const found = bodySegments(tokens, isAs + 1);
  if (!found || !tailIsEnd(tokens, found.end)) return undefined;
  // A specification has no initialization section.
  if (unitKind === 'PACKAGE' && found.segments.some((g) => g.init)) return undefined;
  // The heading must parse: the unit's rule on the heading and the END that closes the unit
  // (an error there is not a member's, and the unit then fails as a whole).
  const rule = {
    PACKAGE: p.createPackageUnit,
    'PACKAGE BODY': p.createPackageBodyUnit,
    'TYPE BODY': p.createTypeBodyUnit,
  }[unitKind];
  const heading = runRule(p, [...tokens.slice(0, isAs + 1), ...tokens.slice(found.end)], rule);
  if (!heading.ok) return undefined;
  const failed: FailedMember[] = [];
  const declarations: Declaration[] = [];
  const methods: TypeMethod[] = [];
  let init: PackageBody['init'];
  const fail = (
    slice: IToken[],
    r: { token: IToken; atEnd: boolean },
    what: Pick<UnparsedMember, 'kind' | 'name'>,
  ) => {
    const first = slice[0];
    const last = slice[slice.length - 1];
    const member: UnparsedMember = {
      ...what,
      text: text.slice(first.startOffset, (last.endOffset ?? last.startOffset) + 1),
      loc: locate(first),
    };
    failed.push({ member, errorToken: r.token, atEnd: r.atEnd });
  };
  for (const seg of found.segments) {
    if (seg.init) {
      // BEGIN statements [EXCEPTION handlers] END, parsed after the BEGIN.
      const slice = tokens.slice(seg.start, seg.end + 1);
      const r = runRule(p, slice.slice(1), p.blockBody);
      if (r.ok) init = { declarations: [], ...r.value };
      else fail(slice, r, { kind: 'init' });
      continue;
    }
    const slice = tokens.slice(seg.start, seg.end + 1);
    if (unitKind === 'TYPE BODY') {
      const r = runRule(p, slice, p.typeMethod);
      if (r.ok) methods.push(r.value);
      else fail(slice, r, describe(slice));
      continue;
    }
    const r = runRule(p, slice, p.declarations);
    if (r.ok) {
      declarations.push(...r.value);
      continue;
    }
    const what = describe(slice);
    fail(slice, r, what);
    // The signature of a subprogram that does not parse stays known (calls of it resolve).
    if (what.kind === 'procedure' || what.kind === 'function') {
      const heading = memberHeading(p, slice);
      if (heading) declarations.push({ kind: 'subprogram', unit: heading });
    }
  }
  if (!failed.length) return undefined;
  const unparsed = failed.map((f) => f.member);
  if (unitKind === 'TYPE BODY') return { ast: { kind: 'type-body', name, methods, unparsed }, failed };
  if (unitKind === 'PACKAGE') {
    const spec = heading.value.kind === 'package' ? heading.value.spec : { name, declarations: [] };
    return { ast: { kind: 'package', spec: { ...spec, declarations, unparsed } }, failed };
  }
  const body: PackageBody = { name, declarations, unparsed };
  if (init) body.init = init;
  return { ast: { kind: 'package-body', body }, failed };
}

/** The object label of an unparsed member: `PACKAGE BODY P.MEMBER` (also in its findings). */
export function unparsedMemberLabel(object: string, m: UnparsedMember): string {
  if (m.name) return `${object}.${m.name}`;
  return `${object} ${m.kind === 'init' ? '(initialization section)' : `(declaration at line ${m.loc.line})`}`;
}
