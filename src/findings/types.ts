/** Where something came from in the user's Oracle source. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type Severity = 'info' | 'warning' | 'error';

/** One action item or diagnostic attached to an object. */
export interface Finding {
  id: string;
  severity: Severity;
  /** Message with the template's placeholders filled in. */
  message: string;
  suggestion: string;
  /** Estimated manual effort in minutes for this occurrence. */
  effortMinutes: number;
  /** Object the finding belongs to, e.g. `TABLE HR.EMPLOYEES` (Oracle spelling). */
  object?: string;
  location?: SourceLocation;
}
