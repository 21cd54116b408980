import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTION_ITEMS_PATH,
  entryAnchor,
  REPO_ROOT,
  renderDocs,
  slug,
  TYPE_EXAMPLES,
  TYPE_MAPPING_PATH,
  typeMappingRows,
} from '../scripts/gen-docs.js';
import { allCatalogEntries, catalog } from '../src/findings/catalog.js';
import { TYPE_MAPPING_DOC } from '../src/rules/types.js';

const docs = renderDocs();
const FINDING_ID = /OPG-[A-Z]+-\d{4}/g;

/** Anchors of a markdown file's headings, computed the way the generator links them. */
function headingAnchors(md: string): Set<string> {
  const anchors = new Set<string>();
  for (const m of md.matchAll(/^#{1,6} (.+)$/gm)) anchors.add(slug(m[1].replace(/\\(.)/g, '$1')));
  return anchors;
}

/**
 * Places where TYPE_MAPPING_DOC and mapType disagree today, with the reason. The tests assert that
 * they still disagree, so fixing one makes the test fail until it is removed from these lists.
 */
const KNOWN_TYPE_MISMATCHES: Record<string, string> = {
  REAL: 'doc row says double precision; mapType maps REAL (Oracle FLOAT(63)) to numeric',
  'DOUBLE PRECISION': 'doc row says double precision; mapType maps it (Oracle FLOAT(126)) to numeric',
};
const KNOWN_NOTE_MISMATCHES: Record<string, string> = {
  DATE: 'note says "(finding)" but mapType raises none for DATE (OPG-TYPE-0011 is never raised)',
  'DECIMAL(p,s), NUMERIC(p,s), DEC': 'DEC / DECIMAL without precision raise OPG-TYPE-0012; the note is empty',
  'RAW(n), LONG RAW, BLOB': 'LONG RAW raises OPG-TYPE-0005; the note is empty',
};

describe('generated docs', () => {
  for (const [path, expected] of Object.entries(docs)) {
    it(`${path} is up to date`, () => {
      let actual: string | undefined;
      try {
        actual = readFileSync(join(REPO_ROOT, path), 'utf8');
      } catch {
        actual = undefined;
      }
      expect(actual, `${path} is missing or out of date: run \`npm run docs\` and commit the result`).toBe(
        expected,
      );
    });
  }
});

describe('findings catalog', () => {
  it('has well-formed, unique IDs and no empty fields', () => {
    const seen = new Set<string>();
    for (const e of allCatalogEntries) {
      expect(e.id, 'ID format').toMatch(/^OPG-[A-Z]+-\d{4}$/);
      expect(seen.has(e.id), `duplicate ID ${e.id}`).toBe(false);
      seen.add(e.id);
      for (const field of ['title', 'message', 'suggestion', 'why', 'rule'] as const)
        expect(e[field].trim(), `${e.id}.${field} is empty`).not.toBe('');
      expect(['info', 'warning', 'error']).toContain(e.severity);
      expect(Number.isInteger(e.effortMinutes) && e.effortMinutes >= 0, `${e.id}.effortMinutes`).toBe(true);
    }
    expect(catalog.size).toBe(allCatalogEntries.length);
  });

  it('gives every catalog ID exactly one heading in action-items.md, and no other ID a heading', () => {
    const md = docs[ACTION_ITEMS_PATH];
    const headingIds = [...md.matchAll(/^#{1,6} (OPG-[A-Z]+-\d{4})\b/gm)].map((m) => m[1]);
    for (const e of allCatalogEntries)
      expect(
        headingIds.filter((id) => id === e.id),
        e.id,
      ).toHaveLength(1);
    expect(headingIds.filter((id) => !catalog.has(id))).toEqual([]);
    expect(headingIds).toHaveLength(allCatalogEntries.length);
  });

  it('links the table of contents to existing headings', () => {
    const md = docs[ACTION_ITEMS_PATH];
    const anchors = headingAnchors(md);
    const links = [...md.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(allCatalogEntries.length);
    expect(links.filter((l) => !anchors.has(l))).toEqual([]);
    for (const e of allCatalogEntries) expect(anchors.has(entryAnchor(e.id)), e.id).toBe(true);
  });
});

describe('type mapping', () => {
  const rows = typeMappingRows();

  it('only references finding IDs that exist in the catalog', () => {
    const inTable = TYPE_MAPPING_DOC.flatMap((row) => row.flatMap((c) => c.match(FINDING_ID) ?? []));
    const derived = rows.flatMap((r) => r.findingIds);
    const inDoc = docs[TYPE_MAPPING_PATH].match(FINDING_ID) ?? [];
    expect(derived.length).toBeGreaterThan(0);
    expect([...inTable, ...derived, ...inDoc].filter((id) => !catalog.has(id))).toEqual([]);
  });

  it('links findings to existing headings of action-items.md', () => {
    const anchors = headingAnchors(docs[ACTION_ITEMS_PATH]);
    const links = [...docs[TYPE_MAPPING_PATH].matchAll(/\]\(action-items\.md#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !anchors.has(l))).toEqual([]);
  });

  it('has examples for every TYPE_MAPPING_DOC row and none for rows that no longer exist', () => {
    const oracle = new Set(TYPE_MAPPING_DOC.map((r) => r[0]));
    const missing = [...oracle].filter((o) => !TYPE_EXAMPLES[o]?.length);
    expect(missing, 'add examples for these rows to TYPE_EXAMPLES in scripts/gen-docs.ts').toEqual([]);
    expect(
      Object.keys(TYPE_EXAMPLES).filter((k) => !oracle.has(k)),
      'stale TYPE_EXAMPLES keys',
    ).toEqual([]);
  });

  it('emits for each example the PostgreSQL type its row documents', () => {
    for (const r of rows) {
      for (const x of r.examples) {
        const base = x.pg.replace(/\(.*$/, '');
        // The row's PostgreSQL column documents the default; option-driven targets are in its note.
        const documented = x.narrowIntegers ? `${r.pg} ${r.note}` : r.pg;
        const agrees = r.pg === 'same name' ? x.pg === x.type.toLowerCase() : documented.includes(base);
        const known = KNOWN_TYPE_MISMATCHES[x.type];
        expect(
          agrees,
          known
            ? `${x.type} was fixed; remove it from KNOWN_TYPE_MISMATCHES`
            : `${x.type} → ${x.pg}, row says ${r.pg}`,
        ).toBe(!known);
      }
    }
  });

  it('mentions a finding in a row note exactly when its examples raise one', () => {
    for (const r of rows) {
      const noteSays = /finding/i.test(r.note) || FINDING_ID.test(r.note);
      const raised = r.examples.some((x) => x.findings.length > 0);
      const known = KNOWN_NOTE_MISMATCHES[r.oracle];
      expect(
        noteSays === raised,
        known
          ? `${r.oracle} was fixed; remove it from KNOWN_NOTE_MISMATCHES`
          : `${r.oracle}: note "${r.note}", findings raised: ${raised}`,
      ).toBe(!known);
    }
  });
});
