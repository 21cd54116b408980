import type { SourceLocation } from '../findings/types.js';

/**
 * An Oracle name in catalog form: unquoted names are upper case (EMPLOYEES), quoted names are
 * kept exactly ("Mixed Case" → `Mixed Case`). Two names are the same object iff equal strings.
 */
export type OraName = string;

/** schema.name[@dblink] */
export interface QualifiedName {
  schema?: OraName;
  name: OraName;
  dblink?: string;
}

export interface Located {
  loc?: SourceLocation;
}

export function qualifiedToString(q: QualifiedName): string {
  return (q.schema ? `${q.schema}.` : '') + q.name + (q.dblink ? `@${q.dblink}` : '');
}
