/**
 * The script of report.html, inlined and allowed by a sha256 Content-Security-Policy (injected
 * markup could not run a script even if escaping failed). It reads the JSON data island and draws
 * the paged object table, the side-by-side view and the action-item groups. Every value from the
 * report is inserted with textContent or setAttribute, never as markup. Plain ES2020, no
 * template literals (the file is itself a template literal).
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var R = DATA.report;
  var CODE = DATA.code;
  var STATUS = DATA.statusLabels;
  var SEV_RANK = { info: 0, warning: 1, error: 2 };
  var STATUS_RANK = { converted: 0, 'converted-with-warnings': 1, 'needs-manual-work': 2, 'failed-to-parse': 3 };
  var CX_RANK = { simple: 0, medium: 1, significant: 2 };

  var objects = R.objects.map(function (o, i) {
    var f = o.location ? o.location.file + ':' + o.location.line : '';
    return { i: i, o: o, where: f, hay: (o.name + ' ' + o.type + ' ' + f).toLowerCase() };
  });
  var objectIndex = new Map();
  R.objects.forEach(function (o, i) { objectIndex.set(o.key, i); });
  var itemsByObject = new Map();
  var itemsByCode = new Map();
  R.actionItems.forEach(function (it) {
    if (it.objectKey !== null) {
      if (!itemsByObject.has(it.objectKey)) itemsByObject.set(it.objectKey, []);
      itemsByObject.get(it.objectKey).push(it);
    }
    if (!itemsByCode.has(it.code)) itemsByCode.set(it.code, []);
    itemsByCode.get(it.code).push(it);
  });

  function h(tag, props) {
    var e = document.createElement(tag);
    if (props) Object.keys(props).forEach(function (k) {
      var v = props[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = String(v);
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, String(v));
    });
    for (var a = 2; a < arguments.length; a++) append(e, arguments[a]);
    return e;
  }
  function append(e, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { append(e, x); }); return; }
    e.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function hours(min) { return (Math.round(min / 6) / 10).toFixed(1) + ' h'; }
  function effortText(min) { return min < 60 ? min + ' min' : hours(min); }
  function sevBadge(s) { return s ? h('span', { class: 'badge sev-' + s, text: s }) : ''; }
  function statusBadge(s) { return h('span', { class: 'badge st-' + s, text: STATUS[s] || s }); }
  function objectLink(i, text) { return h('a', { href: '#object/' + i, text: text }); }
  function cmpStr(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // ── sortable headers ───────────────────────────────────────────────
  function sortable(table, state, draw) {
    table.querySelectorAll('th[data-key]').forEach(function (th) {
      th.querySelector('button').addEventListener('click', function () {
        var key = th.getAttribute('data-key');
        state.dir = state.sort === key ? -state.dir : 1;
        state.sort = key;
        table.querySelectorAll('th[data-key]').forEach(function (x) { x.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
        state.page = 0;
        draw();
      });
    });
  }

  // Static tables (per-type summary): sort by cell text or data-value.
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (th, col) {
      var label = th.textContent;
      clear(th);
      var dir = 1;
      th.appendChild(h('button', { class: 'sort', text: label, onclick: function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var num = th.classList.contains('num');
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          if (num) {
            var nx = parseFloat(x.getAttribute('data-value') || x.textContent);
            var ny = parseFloat(y.getAttribute('data-value') || y.textContent);
            return (nx - ny) * dir;
          }
          return cmpStr(x.textContent, y.textContent) * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
        table.querySelectorAll('th').forEach(function (x) { x.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
        dir = -dir;
      } }));
    });
  });

  // ── objects ────────────────────────────────────────────────────────
  var objState = { q: '', type: '', status: '', severity: '', complexity: '', sort: 'location', dir: 1, page: 0, size: 100 };
  var typeSelect = document.getElementById('obj-type');
  R.objectTypes.forEach(function (t) { typeSelect.appendChild(h('option', { value: t.type, text: t.type + ' (' + t.objects + ')' })); });
  var statusSelect = document.getElementById('obj-status');
  Object.keys(STATUS).forEach(function (s) { statusSelect.appendChild(h('option', { value: s, text: STATUS[s] })); });

  function objectKeyFn(key) {
    switch (key) {
      case 'type': return function (a, b) { return cmpStr(a.o.type, b.o.type) || a.i - b.i; };
      case 'name': return function (a, b) { return cmpStr(a.o.name, b.o.name) || a.i - b.i; };
      case 'status': return function (a, b) { return STATUS_RANK[a.o.status] - STATUS_RANK[b.o.status] || a.i - b.i; };
      case 'complexity': return function (a, b) { return CX_RANK[a.o.complexity] - CX_RANK[b.o.complexity] || a.o.effortMinutes - b.o.effortMinutes || a.i - b.i; };
      case 'items': return function (a, b) { return a.o.actionItems - b.o.actionItems || a.i - b.i; };
      case 'effort': return function (a, b) { return a.o.effortMinutes - b.o.effortMinutes || a.i - b.i; };
      default: return function (a, b) { return a.i - b.i; };
    }
  }

  function filteredObjects() {
    var q = objState.q.toLowerCase();
    var list = objects.filter(function (x) {
      var o = x.o;
      if (objState.type && o.type !== objState.type) return false;
      if (objState.status && o.status !== objState.status) return false;
      if (objState.complexity && o.complexity !== objState.complexity) return false;
      if (objState.severity === 'none' && o.maxSeverity !== null) return false;
      if (objState.severity && objState.severity !== 'none' && o.maxSeverity !== objState.severity) return false;
      return !q || x.hay.indexOf(q) >= 0;
    });
    var f = objectKeyFn(objState.sort);
    var dir = objState.dir;
    list.sort(function (a, b) { return f(a, b) * dir; });
    return list;
  }

  function drawObjects() {
    var list = filteredObjects();
    var size = objState.size === 'all' ? list.length || 1 : Number(objState.size);
    var pages = Math.max(1, Math.ceil(list.length / size));
    if (objState.page >= pages) objState.page = pages - 1;
    var start = objState.page * size;
    var body = document.getElementById('objects-body');
    clear(body);
    var frag = document.createDocumentFragment();
    list.slice(start, start + size).forEach(function (x) {
      var o = x.o;
      var tr = h('tr', { class: 'clickable obj-row', 'data-index': x.i },
        h('td', { text: o.type }),
        h('td', null, objectLink(x.i, o.name)),
        h('td', null, statusBadge(o.status)),
        h('td', { text: o.complexity }),
        h('td', { class: 'num', text: o.actionItems }),
        h('td', { class: 'num', text: effortText(o.effortMinutes) }),
        h('td', { class: 'mono', text: x.where }));
      tr.addEventListener('click', function (ev) {
        if (ev.target && ev.target.tagName === 'A') return;
        location.hash = '#object/' + x.i;
      });
      frag.appendChild(tr);
    });
    body.appendChild(frag);
    document.getElementById('obj-count').textContent = list.length + ' of ' + objects.length + ' objects';
    var pager = document.getElementById('obj-pager');
    clear(pager);
    if (pages > 1) {
      pager.appendChild(h('button', { type: 'button', disabled: objState.page === 0 ? 'disabled' : null, text: '‹ previous',
        onclick: function () { objState.page--; drawObjects(); } }));
      pager.appendChild(h('span', { text: 'page ' + (objState.page + 1) + ' of ' + pages }));
      pager.appendChild(h('button', { type: 'button', disabled: objState.page >= pages - 1 ? 'disabled' : null, text: 'next ›',
        onclick: function () { objState.page++; drawObjects(); } }));
    }
  }

  function bindFilter(id, field, event) {
    document.getElementById(id).addEventListener(event || 'change', function (ev) {
      objState[field] = ev.target.value;
      objState.page = 0;
      drawObjects();
    });
  }
  bindFilter('obj-search', 'q', 'input');
  bindFilter('obj-type', 'type');
  bindFilter('obj-status', 'status');
  bindFilter('obj-severity', 'severity');
  bindFilter('obj-complexity', 'complexity');
  bindFilter('obj-size', 'size');
  sortable(document.getElementById('objects-table'), objState, drawObjects);

  // ── one object: items and code side by side ────────────────────────
  function codePanel(title, text, firstLine, marks, id, focus, emptyText) {
    var panel = h('div', { class: 'code-panel', id: id }, h('h4', { text: title }));
    if (!text) {
      panel.appendChild(h('div', { class: 'empty', text: emptyText || 'nothing to show' }));
      return panel;
    }
    var code = h('div', { class: 'code' });
    var lines = text.split('\n');
    for (var n = 0; n < lines.length; n++) {
      var no = firstLine + n;
      var mark = marks && marks.get(no);
      var row = h('div', { class: 'ln' + (mark ? ' hl-' + mark.severity : '') + (no === focus ? ' focus' : ''), 'data-line': no },
        h('span', { class: 'no', text: no }),
        h('span', { class: 'txt', text: lines[n] }));
      if (mark) {
        row.setAttribute('title', mark.titles.join('\n'));
        row.appendChild(h('span', { class: 'mark', text: '◀ ' + mark.codes.join(', ') }));
      }
      code.appendChild(row);
    }
    panel.appendChild(code);
    return panel;
  }

  function showObject(i) {
    var view = document.getElementById('object-view');
    var o = R.objects[i];
    if (!o) { view.hidden = true; return; }
    var items = itemsByObject.get(o.key) || [];
    var c = CODE.objects[i];
    var stmt = c && c.statement !== null ? CODE.statements[c.statement] : null;
    var marks = new Map();
    items.forEach(function (it) {
      if (it.line === null) return;
      var m = marks.get(it.line) || { severity: it.severity, codes: [], titles: [] };
      if (SEV_RANK[it.severity] > SEV_RANK[m.severity]) m.severity = it.severity;
      if (m.codes.indexOf(it.code) < 0) m.codes.push(it.code);
      m.titles.push(it.code + ': ' + it.message);
      marks.set(it.line, m);
    });
    clear(view);
    var where = o.location ? o.location.file + ':' + o.location.line + (o.endLine && o.endLine !== o.location.line ? '–' + o.endLine : '') : 'no source location';
    view.appendChild(h('div', { class: 'no-print' }, h('a', { href: '#objects', text: '× close' })));
    view.appendChild(h('h3', { id: 'object-title', text: o.name }));
    view.appendChild(h('div', { class: 'meta' }, o.type, ' · ', statusBadge(o.status), ' · ', o.complexity, ' · ',
      effortText(o.effortMinutes), ' · ', h('span', { class: 'mono', text: where }), o.phase ? ' · phase ' + o.phase : ''));
    if (items.length) {
      var ul = h('ul', { class: 'items-list' });
      items.forEach(function (it) {
        var lineLink = it.line !== null ? h('a', { href: '#', class: 'mono', text: 'line ' + it.line + (it.lineExact ? '' : ' (by name)'),
          onclick: function (ev) { ev.preventDefault(); flashLine(it.line); } }) : '';
        ul.appendChild(h('li', null, sevBadge(it.severity), ' ', h('a', { href: '#code/' + it.code, class: 'mono', text: it.code }), ' ',
          it.baseline ? h('span', { class: 'badge bl-' + it.baseline, text: it.baseline }) : '', ' ',
          it.message, ' ', lineLink, ' · ', effortText(it.effortMinutes),
          h('div', { class: 'suggestion', text: it.suggestion })));
      });
      view.appendChild(ul);
    } else {
      view.appendChild(h('p', { class: 'empty', text: 'No action items.' }));
    }
    view.appendChild(h('div', { class: 'side-by-side' },
      codePanel('Oracle' + (stmt ? ' — ' + stmt.file + ':' + stmt.line : ''), stmt ? stmt.text : '', stmt ? stmt.line : 1, marks, 'oracle-code', c ? c.focus : null,
        stmt ? 'no DDL text for this object (catalog snapshot taken without --ddl)' : 'no source statement'),
      codePanel('PostgreSQL', c ? c.target.replace(/\n$/, '') : '', 1, null, 'pg-code', null,
        o.status === 'failed-to-parse' || o.status === 'needs-manual-work' ? 'nothing was emitted: see the action items' : 'nothing emitted')));
    view.hidden = false;
    view.scrollIntoView({ block: 'start' });
    if (c && c.focus !== null && stmt && c.focus !== stmt.line) scrollPanelTo(c.focus);
  }

  function scrollPanelTo(line) {
    var panel = document.getElementById('oracle-code');
    var el = panel && panel.querySelector('.ln[data-line="' + Number(line) + '"]');
    if (el) panel.scrollTop = Math.max(0, el.offsetTop - panel.offsetTop - 60);
  }

  function flashLine(line) {
    var el = document.querySelector('#oracle-code .ln[data-line="' + Number(line) + '"]');
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.classList.add('flash');
    setTimeout(function () { el.classList.remove('flash'); }, 1500);
  }

  // ── action items grouped by ID ─────────────────────────────────────
  var codeState = { q: '', severity: '', baseline: '', effort: false, sort: 'code', dir: 1, open: new Set() };
  var codeInfo = new Map(R.codes.map(function (c) { return [c.code, c]; }));

  function itemMatches(it) {
    if (codeState.severity && it.severity !== codeState.severity) return false;
    if (codeState.baseline && it.baseline !== codeState.baseline) return false;
    if (codeState.effort && it.effortMinutes <= 0) return false;
    if (!codeState.q) return true;
    var q = codeState.q.toLowerCase();
    var c = codeInfo.get(it.code);
    return (it.code + ' ' + (c ? c.title : '') + ' ' + it.message + ' ' + (it.objectKey || '') + ' ' + (it.location ? it.location.file : '')).toLowerCase().indexOf(q) >= 0;
  }

  function drawCodes() {
    var groups = [];
    R.codes.forEach(function (c) {
      var items = (itemsByCode.get(c.code) || []).filter(itemMatches);
      if (!items.length) return;
      var objs = new Set();
      var effort = 0;
      items.forEach(function (it) { if (it.objectKey !== null) objs.add(it.objectKey); effort += it.effortMinutes; });
      groups.push({ c: c, items: items, objects: objs.size, effort: effort + c.baseMinutes });
    });
    var dir = codeState.dir;
    var key = codeState.sort;
    groups.sort(function (a, b) {
      var r = 0;
      if (key === 'title') r = cmpStr(a.c.title, b.c.title);
      else if (key === 'severity') r = SEV_RANK[a.c.severity] - SEV_RANK[b.c.severity];
      else if (key === 'occurrences') r = a.items.length - b.items.length;
      else if (key === 'objects') r = a.objects - b.objects;
      else if (key === 'effort') r = a.effort - b.effort;
      return (r || cmpStr(a.c.code, b.c.code)) * dir;
    });
    var body = document.getElementById('codes-body');
    clear(body);
    var total = 0;
    groups.forEach(function (g) {
      total += g.items.length;
      var open = codeState.open.has(g.c.code);
      var tr = h('tr', { class: 'clickable code-row', id: 'code-' + g.c.code, 'aria-expanded': open ? 'true' : 'false' },
        h('td', { class: 'mono', text: (open ? '▾ ' : '▸ ') + g.c.code }),
        h('td', { text: g.c.title }),
        h('td', null, sevBadge(g.c.severity)),
        h('td', { class: 'num', text: g.items.length }),
        h('td', { class: 'num', text: g.objects }),
        h('td', { class: 'num', text: effortText(g.effort), title: g.c.baseMinutes ? 'includes ' + g.c.baseMinutes + ' one-off minutes' : null }));
      tr.addEventListener('click', function () {
        if (codeState.open.has(g.c.code)) codeState.open.delete(g.c.code); else codeState.open.add(g.c.code);
        drawCodes();
      });
      body.appendChild(tr);
      if (open) body.appendChild(occurrences(g.items));
    });
    document.getElementById('code-count').textContent = groups.length + ' IDs, ' + total + ' occurrences';
  }

  function occurrences(items) {
    var LIMIT = 500;
    var table = h('table', { class: 'occurrences' },
      h('thead', null, h('tr', null, h('th', { text: 'Object' }), h('th', { text: 'Source' }), h('th', { text: 'Message' }),
        h('th', { class: 'num', text: 'Effort' }), h('th', { text: 'Item ID' }))));
    var tbody = h('tbody');
    items.slice(0, LIMIT).forEach(function (it) {
      var idx = it.objectKey !== null ? objectIndex.get(it.objectKey) : undefined;
      tbody.appendChild(h('tr', null,
        h('td', null, idx !== undefined ? objectLink(idx, R.objects[idx].name) : '(script)'),
        h('td', { class: 'mono', text: it.location ? it.location.file + ':' + (it.line || it.location.line) : '' }),
        h('td', null, it.baseline ? h('span', { class: 'badge bl-' + it.baseline, text: it.baseline }) : '', ' ', it.message),
        h('td', { class: 'num', text: effortText(it.effortMinutes) }),
        h('td', { class: 'mono', text: it.itemId })));
    });
    if (items.length > LIMIT) tbody.appendChild(h('tr', null, h('td', { colspan: 5, class: 'empty', text: (items.length - LIMIT) + ' more occurrences: see action-items.csv' })));
    table.appendChild(tbody);
    return h('tr', { class: 'occurrences-row' }, h('td', { colspan: 6 }, table));
  }

  document.getElementById('code-search').addEventListener('input', function (ev) { codeState.q = ev.target.value; drawCodes(); });
  document.getElementById('code-severity').addEventListener('change', function (ev) { codeState.severity = ev.target.value; drawCodes(); });
  document.getElementById('code-effort').addEventListener('change', function (ev) { codeState.effort = ev.target.checked; drawCodes(); });
  var bl = document.getElementById('code-baseline');
  if (bl) bl.addEventListener('change', function (ev) { codeState.baseline = ev.target.value; drawCodes(); });
  sortable(document.getElementById('codes-table'), codeState, drawCodes);

  // ── baseline: resolved items ───────────────────────────────────────
  var resolvedBox = document.getElementById('resolved-list');
  if (resolvedBox && R.baseline) {
    var res = R.baseline.resolved;
    if (!res.length) resolvedBox.appendChild(h('p', { class: 'empty', text: 'None.' }));
    else {
      var tb = h('tbody');
      res.slice(0, 1000).forEach(function (it) {
        tb.appendChild(h('tr', null, h('td', { class: 'mono', text: it.code }), h('td', null, sevBadge(it.severity)),
          h('td', { text: it.objectKey || '(script)' }), h('td', { text: it.message }), h('td', { class: 'mono', text: it.itemId })));
      });
      resolvedBox.appendChild(h('table', null, h('thead', null, h('tr', null, h('th', { text: 'ID' }), h('th', { text: 'Severity' }),
        h('th', { text: 'Object' }), h('th', { text: 'Message' }), h('th', { text: 'Item ID' }))), tb));
    }
  }

  // ── routing: #object/N opens an object, #code/ID opens a group ─────
  function route() {
    var m = /^#object\/(\d+)$/.exec(location.hash);
    if (m) { showObject(Number(m[1])); return; }
    var c = /^#code\/(OPG-[A-Z]+-\d{4})$/.exec(location.hash);
    if (c) {
      codeState.open.add(c[1]);
      drawCodes();
      var row = document.getElementById('code-' + c[1]);
      if (row) row.scrollIntoView({ block: 'start' });
    }
  }
  window.addEventListener('hashchange', route);
  drawObjects();
  drawCodes();
  route();
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;
