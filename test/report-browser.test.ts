/**
 * report.html in a real browser (Debian chromium through playwright-core), opened from file://:
 * the summary shows the numbers of report.json, the object table filters, sorts and pages, an
 * object opens side by side, the action-item groups expand, and a report built from hostile names
 * and code runs nothing but its own script. Screenshots go to test-output/ (a CI artifact).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssessResult, assess, assessSources, writeReport } from '../src/index.js';
import { hours, percent } from '../src/report/templates/page.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve('test-output');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`report-browser.test.ts skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

let browser: Browser;
let hr: AssessResult;
let hrUrl: string;

beforeAll(async () => {
  if (!haveChromium) return;
  hr = assess(['examples/hr'], { now: () => new Date('2024-01-02T03:04:05Z') });
  const dir = join(OUT, 'report-hr');
  writeReport(hr, dir);
  hrUrl = pathToFileURL(join(dir, 'report.html')).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
});

/** Opens a page and records script errors, dialogs (alert …) and blocked requests. */
async function open(url: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
  return { page, problems, dialogs };
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

describe.skipIf(!haveChromium)('report.html in Chromium', () => {
  it('shows the summary of report.json, filters, sorts and pages the objects, opens one side by side', async () => {
    const { page, problems, dialogs } = await open(hrUrl);
    const s = hr.report.summary;
    expect(await text(page, '[data-testid=summary-objects]')).toBe(String(s.objects));
    expect(await text(page, '[data-testid=summary-items]')).toBe(String(s.actionItems.total));
    expect(await text(page, '[data-testid=summary-rate]')).toBe(percent(s.autoConversionRate));
    expect(await text(page, '[data-testid=summary-effort]')).toBe(hours(s.effort.totalMinutes));
    expect(await text(page, '[data-testid=summary-grade]')).toBe(s.grade.label);
    await page.screenshot({ path: join(OUT, 'report-hr-summary.png') });

    // paged: 100 rows of all objects
    expect(await text(page, '#obj-count')).toBe(`${s.objects} of ${s.objects} objects`);
    expect(await page.locator('#objects-body tr').count()).toBe(Math.min(100, s.objects));
    await page.locator('#obj-pager button', { hasText: 'next' }).click();
    expect(await text(page, '#obj-pager span')).toBe(`page 2 of ${Math.ceil(s.objects / 100)}`);

    // filter by type, then by status
    const triggers = hr.report.objects.filter((o) => o.type === 'TRIGGER');
    await page.selectOption('#obj-type', 'TRIGGER');
    expect(await text(page, '#obj-count')).toBe(`${triggers.length} of ${s.objects} objects`);
    const types = await page.locator('#objects-body tr td:first-child').allInnerTexts();
    expect(new Set(types)).toEqual(new Set(['TRIGGER']));
    await page.selectOption('#obj-type', '');
    await page.selectOption('#obj-status', 'needs-manual-work');
    expect(await text(page, '#obj-count')).toBe(`${s.status.needsManualWork} of ${s.objects} objects`);

    // sort by effort, largest first (second click)
    await page.locator('#objects-table th[data-key=effort] button').click();
    await page.locator('#objects-table th[data-key=effort] button').click();
    const most = Math.max(
      ...hr.report.objects.filter((o) => o.status === 'needs-manual-work').map((o) => o.effortMinutes),
    );
    expect(await text(page, '#objects-body tr td:nth-child(6)')).toBe(
      most < 60 ? `${most} min` : hours(most),
    );

    // search, then open the object with the most effort: Oracle source and PostgreSQL side by side,
    // the lines of its action items highlighted
    await page.selectOption('#obj-status', '');
    const target = [...hr.report.objects]
      .filter((o) => o.actionItems > 0 && o.location)
      .sort((a, b) => b.effortMinutes - a.effortMinutes)[0];
    const code = hr.code.objects[hr.report.objects.indexOf(target)];
    await page.fill('#obj-search', target.name.toLowerCase());
    await page.locator('#objects-body').getByRole('link', { name: target.name, exact: true }).click();
    await page.waitForSelector('#object-view:not([hidden])');
    expect(await text(page, '#object-title')).toBe(target.name);
    const firstLine = hr.code.statements[code.statement!].text.split('\n')[0];
    expect(await text(page, '#oracle-code .ln .txt')).toBe(firstLine);
    expect(await page.locator('#oracle-code .ln').first().getAttribute('data-line')).toBe(
      String(target.location!.line),
    );
    expect(await page.locator(`#oracle-code .ln.hl-${target.maxSeverity}`).count()).toBeGreaterThan(0);
    expect(await text(page, '#pg-code')).toContain(code.target.split('\n')[0]);
    await page.locator('#object-view').screenshot({ path: join(OUT, 'report-hr-object.png') });

    // action items grouped by ID: a group opens on its occurrences
    const group = hr.report.codes.find((c) => c.severity === 'error')!;
    await page.locator(`#code-${group.code}`).click();
    expect(await page.locator('.occurrences-row tbody tr').count()).toBe(Math.min(group.occurrences, 500));
    await page.selectOption('#code-severity', 'info');
    expect(await page.locator(`#code-${group.code}`).count()).toBe(0);

    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('runs nothing from hostile object names and code', async () => {
    const hostile = `CREATE TABLE "<img src=x onerror=alert(1)>" (id NUMBER(5) PRIMARY KEY, ts TIMESTAMP WITH TIME ZONE);
CREATE OR REPLACE VIEW "<script>alert(5)</script>" AS SELECT '</script><script>alert(2)</script><!--' AS s FROM dual;
CREATE OR REPLACE PROCEDURE p_x AS
BEGIN
  -- </script><img src=x onerror=alert(4)><svg onload=alert(6)>
  NULL;
END;
/
CREATE TABLE "javascript:alert(7)" (id NUMBER(5));
`;
    const res = assessSources([{ file: '<img src=x onerror=alert(3)>.sql', text: hostile }], {});
    const dir = join(OUT, 'report-xss');
    mkdirSync(dir, { recursive: true });
    writeReport(res, dir);
    const { page, problems, dialogs } = await open(pathToFileURL(join(dir, 'report.html')).href);

    const table = res.report.objects.find((o) => o.name.startsWith('TABLE <img'))!;
    const idx = res.report.objects.indexOf(table);
    await page.goto(`${pathToFileURL(join(dir, 'report.html')).href}#object/${idx}`);
    await page.waitForSelector('#object-view:not([hidden])');
    expect(await text(page, '#object-title')).toBe('TABLE <img src=x onerror=alert(1)>');
    await page.fill('#obj-search', 'script');
    expect(await text(page, '#objects-body')).toContain('VIEW <script>alert(5)</script>');
    const view = res.report.objects.findIndex((o) => o.type === 'VIEW');
    await page.goto(`${pathToFileURL(join(dir, 'report.html')).href}#object/${view}`);
    await page.waitForSelector('#object-view:not([hidden])');
    expect(await text(page, '#oracle-code')).toContain("'</script><script>alert(2)</script><!--'");
    const proc = res.report.objects.findIndex((o) => o.type === 'PROCEDURE');
    await page.goto(`${pathToFileURL(join(dir, 'report.html')).href}#object/${proc}`);
    await page.waitForSelector('#object-view:not([hidden])');
    expect(await text(page, '#oracle-code')).toContain('<svg onload=alert(6)>');

    // a string, evaluated in the page (the tests are compiled without the DOM library)
    const dom = await page.evaluate(`({
      scripts: document.scripts.length,
      images: document.images.length,
      svgOnload: document.querySelectorAll('svg[onload]').length,
      handlers: document.querySelectorAll('[onerror],[onload],[onclick]').length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^javascript:/i.test(a.getAttribute('href'))).length,
    })`);
    expect(dom).toEqual({ scripts: 2, images: 0, svgOnload: 0, handlers: 0, jsLinks: 0 });
    await page.screenshot({ path: join(OUT, 'report-xss.png') });
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
