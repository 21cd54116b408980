/**
 * Views of the generator: ANSI joins, Oracle (+) outer joins, DECODE/NVL/CASE, aggregates,
 * CONNECT BY hierarchies, analytic functions and EXISTS/UNION ALL. Only columns that exist are
 * referenced.
 */
import { type Column, ident, type Module, numericKinds, objName, type Style, type Table } from './model.js';
import type { Rng } from './prng.js';

type Item = readonly [expr: string, alias: string];

interface ViewBody {
  name: string;
  items: Item[];
  /** Everything after the select list: FROM … [WHERE …] [GROUP BY …] … */
  rest: string;
  /** Further branches (UNION ALL …), already complete. */
  more?: string;
  readOnly?: boolean;
}

const titleCase = (v: string) => v[0] + v.slice(1).toLowerCase();

function selectList(items: Item[], style: Style): string {
  return items
    .map(([expr, alias]) => {
      const bare = expr.split('.').pop();
      return bare === ident(style, alias) ? expr : `${expr} AS ${ident(style, alias)}`;
    })
    .join(',\n       ');
}

/** View column names must be unique: a repeated alias gets a number. */
function uniqueAliases(items: Item[]): Item[] {
  const seen = new Set<string>();
  return items.map(([expr, alias]) => {
    let a = alias;
    for (let k = 2; seen.has(a); k++) a = `${alias.slice(0, 28)}${k}`;
    seen.add(a);
    return [expr, a] as const;
  });
}

function render(r: Rng, m: Module, view: ViewBody): string {
  const s = m.style;
  const v = { ...view, items: uniqueAliases(view.items) };
  const query = `SELECT ${selectList(v.items, s)}\n${v.rest}${v.more ?? ''}`;
  const opt = v.readOnly ? '\n  WITH READ ONLY' : '';
  if (s === 'metadata') {
    const cols = v.items.map(([, a]) => ident(s, a)).join(', ');
    return `\n  CREATE OR REPLACE FORCE EDITIONABLE VIEW ${objName(s, v.name)} (${cols}) AS \n  ${query}${opt};\n`;
  }
  const head = r.weighted([
    ['CREATE OR REPLACE VIEW', 6],
    ['CREATE OR REPLACE FORCE VIEW', 2],
    ['CREATE VIEW', 1],
  ] as const);
  return `${head} ${v.name}\nAS\n${query}${opt};\n`;
}

function money(t: Table): Column | undefined {
  return (
    t.columns.find((c) => numericKinds.has(c.kind) && c.kind !== 'int') ??
    t.columns.find((c) => numericKinds.has(c.kind))
  );
}

function decodeStatus(a: string, t: Table, s: Style): string {
  const vals = t.status.statusValues!;
  const pairs = vals
    .slice(0, 3)
    .map((v) => `'${v}', '${titleCase(v)}'`)
    .join(', ');
  return `DECODE(${a}.${ident(s, t.status.name)}, ${pairs}, 'Other')`;
}

function joinView(r: Rng, t: Table): ViewBody {
  const s = t.module.style;
  const q = (n: string) => ident(s, n);
  const items: Item[] = [
    [`c.${q(t.pk.name)}`, t.pk.name],
    [`c.${q(t.code.name)}`, t.code.name],
    [`c.${q(t.nameCol.name)}`, t.nameCol.name],
    [decodeStatus('c', t, s), 'status_label'],
  ];
  const joins: string[] = [];
  t.fks.forEach((fk, i) => {
    const p = fk.ref!;
    const a = `p${i + 1}`;
    items.push([
      `NVL(${a}.${q(p.nameCol.name)}, '(none)')`,
      `${fk.name.replace(/_id\d*$/, '')}_name`.slice(0, 30),
    ]);
    const kind = fk.notNull && r.chance(0.7) ? 'JOIN' : r.pick(['LEFT JOIN', 'LEFT OUTER JOIN']);
    joins.push(`  ${kind} ${objName(s, p.name)} ${a} ON ${a}.${q(p.pk.name)} = c.${q(fk.name)}`);
  });
  const amt = money(t);
  if (amt)
    items.push([
      `CASE WHEN c.${q(amt.name)} IS NULL THEN 'N/A' WHEN c.${q(amt.name)} > 1000 THEN 'HIGH' ELSE 'LOW' END`,
      'amount_band',
    ]);
  items.push([`TO_CHAR(c.${q(t.created.name)}, 'YYYY-MM')`, 'created_month']);
  const last = t.status.statusValues![t.status.statusValues!.length - 1];
  return {
    name: `${t.name}_v`,
    items,
    rest: `  FROM ${objName(s, t.name)} c\n${joins.map((j) => `${j}\n`).join('')} WHERE c.${q(t.status.name)} <> '${last}'`,
  };
}

function outerJoinView(r: Rng, t: Table): ViewBody {
  const s = t.module.style;
  const q = (n: string) => ident(s, n);
  const items: Item[] = [
    [`c.${q(t.pk.name)}`, t.pk.name],
    [`c.${q(t.code.name)}`, t.code.name],
  ];
  const from = [`${objName(s, t.name)} c`];
  const where: string[] = [];
  t.fks.forEach((fk, i) => {
    const p = fk.ref!;
    const a = `p${i + 1}`;
    from.push(`${objName(s, p.name)} ${a}`);
    items.push([`${a}.${q(p.code.name)}`, `${fk.name.replace(/_id\d*$/, '')}_code`.slice(0, 30)]);
    items.push([
      `NVL2(${a}.${q(p.pk.name)}, 'Y', 'N')`,
      `has_${fk.name.replace(/_id\d*$/, '')}`.slice(0, 30),
    ]);
    where.push(`${a}.${q(p.pk.name)} (+) = c.${q(fk.name)}`);
    if (r.chance(0.5)) where.push(`${a}.${q(p.status.name)} (+) = '${p.status.statusValues![0]}'`);
  });
  const amt = money(t);
  if (amt) items.push([`NVL(c.${q(amt.name)}, 0)`, `${amt.name}_nvl`]);
  if (r.chance(0.3)) where.push('ROWNUM <= 10000');
  return {
    name: `${t.name}_oj_v`,
    items,
    rest: `  FROM ${from.join(',\n       ')}\n WHERE ${where.join('\n   AND ')}`,
  };
}

function summaryView(r: Rng, parent: Table, child: Table, fk: Column): ViewBody {
  const s = parent.module.style;
  const q = (n: string) => ident(s, n);
  const items: Item[] = [
    [`p.${q(parent.pk.name)}`, parent.pk.name],
    [`p.${q(parent.code.name)}`, parent.code.name],
    [`COUNT(c.${q(child.pk.name)})`, `${child.singular}_count`.slice(0, 30)],
  ];
  const groupBy = [`p.${q(parent.pk.name)}`, `p.${q(parent.code.name)}`];
  const amt = money(child);
  if (amt) {
    items.push([`SUM(NVL(c.${q(amt.name)}, 0))`, `total_${amt.name}`.slice(0, 30)]);
    items.push([`ROUND(AVG(c.${q(amt.name)}), 2)`, `avg_${amt.name}`.slice(0, 30)]);
  }
  items.push([`MAX(c.${q(child.created.name)})`, 'last_created_at']);
  items.push([`MIN(TRUNC(c.${q(child.created.name)}, 'MM'))`, 'first_month']);
  return {
    name: `${parent.name}_sum_v`,
    items,
    rest: `  FROM ${objName(s, parent.name)} p\n  LEFT OUTER JOIN ${objName(s, child.name)} c\n    ON c.${q(fk.name)} = p.${q(parent.pk.name)}\n GROUP BY ${groupBy.join(', ')}${r.chance(0.5) ? `\nHAVING COUNT(c.${q(child.pk.name)}) > 0` : ''}`,
    readOnly: r.chance(0.5),
  };
}

function treeView(r: Rng, t: Table): ViewBody {
  const s = t.module.style;
  const q = (n: string) => ident(s, n);
  const parent = t.parent!;
  const items: Item[] = [
    ['LEVEL', 'tree_level'],
    [`t.${q(t.pk.name)}`, t.pk.name],
    [`t.${q(parent.name)}`, parent.name],
    [`LPAD(' ', 2 * (LEVEL - 1)) || t.${q(t.nameCol.name)}`, 'indented_name'],
    [`SYS_CONNECT_BY_PATH(t.${q(t.code.name)}, '/')`, 'code_path'],
    [`CONNECT_BY_ROOT t.${q(t.code.name)}`, 'root_code'],
    ['CONNECT_BY_ISLEAF', 'is_leaf'],
  ];
  const nocycle = r.chance(0.3) ? 'NOCYCLE ' : '';
  return {
    name: `${t.name}_tree_v`,
    items,
    rest: `  FROM ${objName(s, t.name)} t\n WHERE t.${q(t.status.name)} <> '${t.status.statusValues![t.status.statusValues!.length - 1]}'\n START WITH t.${q(parent.name)} IS NULL\nCONNECT BY ${nocycle}PRIOR t.${q(t.pk.name)} = t.${q(parent.name)}\n ORDER SIBLINGS BY t.${q(t.nameCol.name)}`,
  };
}

function latestView(r: Rng, t: Table, fk: Column): ViewBody {
  const s = t.module.style;
  const q = (n: string) => ident(s, n);
  const cols = [t.pk, t.code, fk, t.status, t.created];
  const items: Item[] = cols.map((c) => [`x.${q(c.name)}`, c.name] as const);
  const inner = cols.map((c) => `c.${q(c.name)}`).join(', ');
  const months = r.pick([3, 6, 12, 24]);
  return {
    name: `${t.name}_last_v`,
    items,
    rest: `  FROM (SELECT ${inner},\n               ROW_NUMBER() OVER (PARTITION BY c.${q(fk.name)} ORDER BY c.${q(t.created.name)} DESC, c.${q(t.pk.name)} DESC) AS rn\n          FROM ${objName(s, t.name)} c\n         WHERE c.${q(t.created.name)} >= ADD_MONTHS(TRUNC(SYSDATE), -${months})) x\n WHERE x.rn = 1`,
  };
}

function activityView(r: Rng, parent: Table, child: Table, fk: Column): ViewBody {
  const s = parent.module.style;
  const q = (n: string) => ident(s, n);
  const open = child.status.statusValues![0];
  const items: Item[] = [
    [`p.${q(parent.pk.name)}`, parent.pk.name],
    [`p.${q(parent.code.name)}`, parent.code.name],
    ["'ACTIVE'", 'activity'],
  ];
  const sub = (neg: string, extra: string) =>
    `${neg}EXISTS (SELECT 1\n                 FROM ${objName(s, child.name)} c\n                WHERE c.${q(fk.name)} = p.${q(parent.pk.name)}${extra})`;
  return {
    name: `${parent.name}_act_v`,
    items,
    rest: `  FROM ${objName(s, parent.name)} p\n WHERE ${sub('', `\n                  AND c.${q(child.status.name)} = '${open}'`)}`,
    more: `\nUNION ALL\nSELECT p.${q(parent.pk.name)}, p.${q(parent.code.name)}, 'IDLE'\n  FROM ${objName(s, parent.name)} p\n WHERE ${sub('NOT ', '')}${r.chance(0.5) ? `\n   AND p.${q(parent.created.name)} < SYSDATE - ${r.pick([30, 90, 365])}` : ''}`,
  };
}

/** 1–6 views over the module's tables. */
export function moduleViews(r: Rng, m: Module): string[] {
  const out: string[] = [];
  const withFk = m.tables.filter((t) => t.fks.length > 0);
  const tree = m.tables.filter((t) => t.parent);
  for (const t of r.sample(withFk, Math.min(withFk.length, r.int(1, 3))))
    out.push(render(r, m, r.chance(0.6) ? joinView(r, t) : outerJoinView(r, t)));
  const local = withFk.flatMap((t) => t.fks.filter((f) => f.ref!.module === m).map((f) => [t, f] as const));
  if (local.length && r.chance(0.7)) {
    const [child, fk] = r.pick(local);
    out.push(render(r, m, summaryView(r, fk.ref!, child, fk)));
  }
  if (tree.length && r.chance(0.8)) out.push(render(r, m, treeView(r, r.pick(tree))));
  if (local.length && r.chance(0.4)) {
    const [child, fk] = r.pick(local);
    out.push(render(r, m, latestView(r, child, fk)));
  }
  if (local.length && r.chance(0.3)) {
    const [child, fk] = r.pick(local);
    out.push(render(r, m, activityView(r, fk.ref!, child, fk)));
  }
  return out;
}
