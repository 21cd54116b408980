/**
 * report.html: one self-contained file (inline CSS, inline script, data as a JSON island, charts
 * as inline SVG). It loads nothing: the Content-Security-Policy is `default-src 'none'` and only
 * the page's own script, identified by its sha256, may run.
 */
import { createHash } from 'node:crypto';
import type { ReportCode } from './build.js';
import type { Report } from './schema.js';
import { CLIENT_SCRIPT } from './templates/client.js';
import { page } from './templates/page.js';
import { STYLE } from './templates/style.js';

export function renderHtml(report: Report, code: ReportCode): string {
  const scriptHash = createHash('sha256').update(CLIENT_SCRIPT, 'utf8').digest('base64');
  return page({ report, code, style: STYLE, script: CLIENT_SCRIPT, scriptHash }).value;
}
