/** Stylesheet of report.html (inlined; the page loads nothing). Print rules make a usable PDF. */
export const STYLE = `
:root {
  --fg: #1d2330; --muted: #5b6475; --line: #d9dde5; --bg: #ffffff; --panel: #f6f7f9;
  --error: #b42318; --error-bg: #fde8e6; --warning: #9a5b00; --warning-bg: #fff3d6;
  --info: #1f5fa8; --info-bg: #e6f0fb; --ok: #1b7a3d; --ok-bg: #e4f5ea; --accent: #2f4b8f;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: var(--bg); }
body { margin: 0; }
header.top { padding: 20px 32px 12px; border-bottom: 1px solid var(--line); }
header.top h1 { margin: 0 0 4px; font-size: 22px; }
header.top .meta { color: var(--muted); font-size: 13px; }
nav.toc { position: sticky; top: 0; z-index: 5; background: var(--bg); border-bottom: 1px solid var(--line); padding: 6px 32px; display: flex; gap: 18px; flex-wrap: wrap; }
nav.toc a { color: var(--accent); text-decoration: none; font-weight: 600; }
main { padding: 8px 32px 40px; max-width: 1600px; }
section { margin-top: 28px; scroll-margin-top: 40px; }
.object-view, tr.code-row { scroll-margin-top: 72px; }
h2 { font-size: 18px; margin: 0 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 26px; font-weight: 700; margin-top: 2px; }
.card .sub { color: var(--muted); font-size: 12px; }
.grade-A { color: var(--ok); } .grade-B { color: var(--warning); } .grade-C { color: var(--error); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 16px; margin-top: 16px; align-items: start; }
.chart { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.chart svg { width: 100%; height: auto; display: block; }
.chart svg text { font: 15px system-ui, sans-serif; fill: var(--fg); }
ul.reasons { margin: 6px 0 0; padding-left: 18px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); font-weight: 600; white-space: nowrap; position: sticky; top: 33px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button.sort { all: unset; cursor: pointer; }
th button.sort::after { content: " \\2195"; color: var(--muted); font-size: 11px; }
th[aria-sort="ascending"] button.sort::after { content: " \\2191"; color: var(--fg); }
th[aria-sort="descending"] button.sort::after { content: " \\2193"; color: var(--fg); }
tr.clickable { cursor: pointer; } tr.clickable:hover td { background: #f0f3fa; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 6px 0 10px; }
.controls input[type=search] { min-width: 260px; }
.controls input, .controls select, .controls button { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.count { color: var(--muted); }
.pager { display: flex; gap: 8px; align-items: center; margin-top: 8px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.sev-error { color: var(--error); background: var(--error-bg); }
.sev-warning { color: var(--warning); background: var(--warning-bg); }
.sev-info { color: var(--info); background: var(--info-bg); }
.st-converted { color: var(--ok); background: var(--ok-bg); }
.st-converted-with-warnings { color: var(--warning); background: var(--warning-bg); }
.st-needs-manual-work { color: var(--error); background: var(--error-bg); }
.st-failed-to-parse { color: #fff; background: var(--error); }
.bl-new { color: #fff; background: var(--accent); }
.bl-unchanged { color: var(--muted); background: var(--panel); }
.bl-resolved { color: var(--ok); background: var(--ok-bg); }
code, .mono { font-family: var(--mono); font-size: 12.5px; }
.object-view { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; background: #fff; }
.object-view[hidden] { display: none; }
.object-view .meta { color: var(--muted); margin-bottom: 8px; }
.items-list { list-style: none; margin: 0 0 12px; padding: 0; }
.items-list li { padding: 6px 0; border-bottom: 1px dashed var(--line); }
.items-list .suggestion { color: var(--muted); }
.side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.code-panel { border: 1px solid var(--line); border-radius: 6px; overflow: auto; max-height: 75vh; background: var(--panel); }
.code-panel h4 { margin: 0; padding: 6px 10px; font-size: 13px; background: #e9ecf2; position: sticky; top: 0; }
.code { font-family: var(--mono); font-size: 12.5px; line-height: 1.5; padding: 4px 0; min-width: max-content; }
.code .ln { display: flex; white-space: pre; }
.code .no { display: inline-block; min-width: 4.5em; padding-right: 10px; text-align: right; color: var(--muted); user-select: none; flex: none; }
.code .txt { padding-right: 12px; }
.code .ln.focus { background: #eef2fb; }
.code .ln.hl-error { background: var(--error-bg); box-shadow: inset 3px 0 var(--error); }
.code .ln.hl-warning { background: var(--warning-bg); box-shadow: inset 3px 0 var(--warning); }
.code .ln.hl-info { background: var(--info-bg); box-shadow: inset 3px 0 var(--info); }
.code .ln .mark { margin-left: 12px; font-family: system-ui, sans-serif; font-size: 11px; color: var(--muted); }
.code .ln.flash { outline: 2px solid var(--accent); }
.code .ln.focus .no { color: var(--accent); font-weight: 700; }
.empty { color: var(--muted); font-style: italic; padding: 8px 10px; }
.occurrences td { background: #fbfbfd; }
.method dt { font-weight: 600; margin-top: 8px; }
.method dd { margin-left: 18px; }
footer { color: var(--muted); font-size: 12px; padding: 16px 32px; border-top: 1px solid var(--line); }
@media (max-width: 900px) { .side-by-side { grid-template-columns: 1fr; } main, header.top { padding-left: 12px; padding-right: 12px; } }
@media print {
  nav.toc, .controls, .pager, .no-print { display: none !important; }
  th { position: static; }
  main { max-width: none; padding: 0 8mm; }
  section { break-inside: auto; }
  .chart, .card, tr { break-inside: avoid; }
  .code-panel { max-height: none; overflow: visible; }
  .side-by-side { grid-template-columns: 1fr 1fr; }
  a { color: inherit; text-decoration: none; }
}
`;
