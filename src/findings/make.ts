import { catalogEntry } from './catalog.js';
import type { Finding, SourceLocation } from './types.js';

export type FindingArgs = Record<string, string | number>;

/** Fill `{key}` placeholders of a catalog template. Unknown keys stay visible. */
export function fillTemplate(template: string, args: FindingArgs): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) break;
    const close = template.indexOf('}', open);
    if (close < 0) break;
    out += template.slice(i, open);
    const key = template.slice(open + 1, close);
    out += key in args ? String(args[key]) : `{${key}}`;
    i = close + 1;
  }
  return out + template.slice(i);
}

export interface FindingContext {
  object?: string;
  location?: SourceLocation;
}

export function makeFinding(id: string, args: FindingArgs, ctx: FindingContext, effortScale = 1): Finding {
  const e = catalogEntry(id);
  const f: Finding = {
    id,
    severity: e.severity,
    message: fillTemplate(e.message, args),
    suggestion: fillTemplate(e.suggestion, args),
    effortMinutes: Math.round(e.effortMinutes * effortScale),
  };
  if (ctx.object) f.object = ctx.object;
  if (ctx.location) f.location = ctx.location;
  return f;
}
