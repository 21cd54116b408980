/**
 * Members of a PACKAGE BODY / TYPE BODY that the parser could not read while the rest of the body
 * parsed (parser/plsql-recovery.ts). Each is one object kept as its Oracle text with OPG-PLSQL-0001
 * (the OPG-PARSE-0001 of the parse says where the error is); the rest of the body is converted.
 * Calls of an unparsed subprogram resolve through its declaration (the spec's, or the heading the
 * parser still read) and their callers get OPG-PLSQL-0034 (callees.ts). A package variable or
 * type whose declaration did not parse makes the members that use it unconvertible, with a reason.
 */
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { PgObject } from '../../ast/pg.js';
import type { UnparsedMember } from '../../ast/plsql.js';
import { makeFinding } from '../../findings/make.js';
import type { Finding } from '../../findings/types.js';
import { unparsedMemberLabel } from '../../parser/plsql-recovery.js';
import type { PackageInfo } from './packages.js';

/** The unparsed members of a parsed body. */
export function unparsedMembers(unit: PlsqlUnit): UnparsedMember[] {
  const ast = unit.ast;
  if (ast?.kind === 'package') return ast.spec.unparsed ?? [];
  if (ast?.kind === 'package-body') return ast.body.unparsed ?? [];
  if (ast?.kind === 'type-body') return ast.unparsed ?? [];
  return [];
}

/** The unit's label, as its findings name it (PACKAGE BODY [SCHEMA.]NAME). */
const unitLabel = (unit: PlsqlUnit) =>
  `${unit.unitKind} ${unit.name.schema ? `${unit.name.schema}.` : ''}${unit.name.name}`;

/** Whether `f` is the OPG-PARSE-0001 of one of the unit's unparsed members (it goes with that member's object). */
export function isMemberParseError(unit: PlsqlUnit, f: Finding): boolean {
  const at = f.location;
  if (f.id !== 'OPG-PARSE-0001' || !at) return false;
  const object = unitLabel(unit);
  return unparsedMembers(unit).some(
    (m) =>
      unparsedMemberLabel(object, m) === f.object &&
      at.file === m.loc.file &&
      at.line >= m.loc.line &&
      at.line < m.loc.line + m.text.split('\n').length,
  );
}

/** One commented-out object per unparsed member of the unit, with its parse error (from `errors`). */
export function unparsedObjects(unit: PlsqlUnit, object: string, errors: Finding[] = []): PgObject[] {
  return unparsedMembers(unit).map((m) => {
    const label = unparsedMemberLabel(object, m);
    const lines = m.text.split('\n').length;
    return {
      phase: 'code',
      object: label,
      // A body's subprogram is a routine (callees.ts reports its callers); a spec's is a declaration.
      objectType:
        unit.unitKind === 'PACKAGE'
          ? unit.unitKind
          : m.kind === 'function'
            ? 'FUNCTION'
            : m.kind === 'procedure'
              ? 'PROCEDURE'
              : unit.unitKind,
      nodes: [{ kind: 'comment-block', text: `NOT CONVERTED (see findings): ${label}\n${m.text}` }],
      findings: [
        ...errors.filter((f) => f.object === label),
        makeFinding(
          'OPG-PLSQL-0001',
          { object: label, lines },
          { object: label, location: m.loc },
          Math.max(1, lines / 50),
        ),
      ],
      location: unit.loc,
    };
  });
}

/** Package variables and types whose declaration did not parse: the members using them fail with this reason. */
export function noteUnparsedDeclarations(info: PackageInfo, members: UnparsedMember[] | undefined): void {
  for (const m of members ?? []) {
    if (!m.name) continue;
    const why = `its declaration at line ${m.loc.line} could not be parsed`;
    if (m.kind === 'variable' && !info.variables.has(m.name)) info.variableFailures.set(m.name, why);
    if (m.kind === 'type' && !info.typeDecls.some((d) => d.name === m.name))
      info.typeFailures.set(m.name, why);
  }
}
