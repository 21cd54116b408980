/**
 * Behaviour on PostgreSQL 15 of queries inside PL/SQL that read object values: attributes of an
 * object-typed column of a FROM item (alias.column.attribute, nested), TABLE() of a scalar
 * collection joined (column_value), a collection attribute of a parameter's attribute in TABLE(),
 * NEXT with a VARCHAR2 index variable, and constructors called with named notation on types that
 * also have user-defined constructors (inside and outside a type hierarchy). The golden fixture's
 * expected.pg.sql is loaded into a scratch database.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('query_objects', 'query object attributes', async (s) => {
  await s.query(readFileSync('fixtures/plsql/query-object-attributes/expected.pg.sql', 'utf8'));
});

describe('object values in queries inside PL/SQL (PostgreSQL 15)', () => {
  // Oracle: s.obj.city reads attribute city of column obj of FROM item s; TABLE(c) c2 JOIN … ON
  // x = c2.column_value joins the scalar elements; coll.NEXT(i) with i a VARCHAR2 holding an index
  // converts it to a number; site_t(name => …, city => …, pos => …) is the attribute-value
  // constructor (no user-defined constructor has those parameters), site_t('Nowhere') the
  // user-defined one.
  it('reads attributes of object columns, joins scalar collections, walks NEXT with a VARCHAR2 index', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const opts =
        "row(row(ARRAY['Rome', 'Nowhere', 'X'])::filter_t, row(ARRAY['unknown'])::filter_t)::options_t";
      expect(await one(a, `SELECT site_report(${opts})`)).toBe(
        'North:59.9;Nowhere:0;+Rome*Nowhere*Rome#Oslo#Rome#unknown',
      );
      const noExclude = "row(row(ARRAY['Rome', 'Nowhere', 'X'])::filter_t, row('{}')::filter_t)::options_t";
      expect(await one(a, `SELECT site_report(${noExclude})`)).toBe(
        'North:59.9;Nowhere:0;+Nowhere+Rome*Nowhere*Rome#Oslo#Rome#unknown',
      );
    } finally {
      await a.end();
    }
  });

  // Oracle: TREAT(VALUE(x) AS test_t) of the test_t elements, then s.t.name / s.t.weight in the
  // INSERT's query; test_t(name => 'heavy', weight => 5) is the attribute-value constructor of a
  // subtype, test_t('light') its user-defined constructor (weight 1).
  it('inserts attributes of TREATed elements read as alias.column.attribute', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT cache_items()')).toBe('heavy=5;light=1;');
    } finally {
      await a.end();
    }
  });
  // Oracle: UPDATE place p SET p.site.city = … changes one attribute of the object column; the
  // WHERE tests of UPDATE, DELETE and MERGE read attributes through the target's alias.
  it('updates, deletes and merges through alias.column.attribute', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT move_places()')).toBe('1=OSLO;2=Milan;');
    } finally {
      await a.end();
    }
  });
});
