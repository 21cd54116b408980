/**
 * Behaviour on PostgreSQL 15 of converted object-type code and conditional compilation:
 * generalized invocation (SELF AS supertype).m(), methods on collection elements, inherited member
 * procedures, TREAT up to a supertype, type hierarchies (substitutability, TREAT down, IS OF,
 * dynamic dispatch, recursive hierarchies with jsonb attributes), SET(collection), MULTISET operators (also on
 * collections of objects), and $IF branches chosen for the target
 * Oracle version and flags. Each conversion is applied in a transaction that is rolled back.
 * Skipped with a message when no server answers on 127.0.0.1:5432.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvertOptions, convertText, PHASES } from '../src/index.js';

const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
let client: pg.Client | undefined;

beforeAll(async () => {
  const c = new pg.Client(admin);
  try {
    await c.connect();
    client = c;
  } catch (e) {
    console.warn(`PostgreSQL server not reachable on 127.0.0.1:5432, object tests skipped: ${(e as Error).message}`);
  }
});

afterAll(async () => {
  await client?.end();
});

const fixture = (name: string) => readFileSync(`fixtures/plsql/${name}/input.sql`, 'utf8');

/** Converts `oracle`, applies it in a transaction, runs `check`, rolls back. */
async function withConverted(oracle: string, options: ConvertOptions, check: (c: pg.Client) => Promise<void>): Promise<void> {
  const r = convertText(oracle, options);
  const c = client!;
  await c.query('BEGIN');
  try {
    for (const phase of PHASES) await c.query(r.phases[phase]);
    await check(c);
  } finally {
    await c.query('ROLLBACK');
  }
}

const one = async (c: pg.Client, sql: string) => Object.values((await c.query(sql)).rows[0])[0];

describe('object types, SET and conditional compilation on PostgreSQL 15', () => {
  it('calls the supertype method, methods of collection elements and inherited procedures', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-method-calls'), {}, async (c) => {
      // ring is held in the hierarchy's composite type shape (opg_type, name, radius).
      const list = "ARRAY[ROW('RING', 'a', 2)::ring, ROW('RING', 'b', 1)::ring]::ring_list";
      // describe() of a circle calls shape's describe() through (SELF AS shape), then adds r=…;
      // set_name (inherited from shape) renames l_c; TREAT(l_c AS shape) is still a ring (Oracle's
      // substitutability), so l_base.describe() runs ring's describe (dynamic dispatch).
      expect(await one(c, `SELECT rings_report(${list})`)).toBe('shape a r=2;shape b r=1;shape renamed r=1 area=12');
    });
  });

  // Oracle Object-Relational Developer's Guide: "Substitutable Types", "TREAT", "IS OF type",
  // "Dynamic Method Dispatch".
  it('type hierarchy: substitutability, TREAT down, IS OF [ONLY], dynamic dispatch, super call', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-type-hierarchy'), {}, async (c) => {
      // A shape variable holds a ring / square / big_ring; describe() runs the dynamic type's
      // implementation (ring's calls shape's through (SELF AS shape)), also from shape.kind();
      // TREAT(… AS ring) gives the value for ring and big_ring, NULL otherwise.
      expect(await one(c, 'SELECT shape_demo(1)')).toBe('shape r1! r=2|kind:shape r1! r=2|treat=2|ring=12|of_ring=y|only_ring=y|not_square=y|same_type=y');
      expect(await one(c, 'SELECT shape_demo(2)')).toBe('square s1! side=3|kind:square s1! side=3|treat=null|ring=null|of_ring=n|only_ring=n|not_square=n|same_type=n');
      expect(await one(c, 'SELECT shape_demo(3)')).toBe('shape b1! r=4|kind:shape b1! r=4|treat=4|ring=48|of_ring=y|only_ring=n|not_square=n|same_type=n');
      expect(await one(c, 'SELECT shape_demo(4)')).toBe('shape p!|kind:shape p!|treat=null|ring=null|of_ring=n|only_ring=n|not_square=y|same_type=n');
      // Dispatch on the elements of a collection of the supertype.
      const list = "ARRAY[ROW('RING', 'a', 1, NULL, NULL)::shape, ROW('SQUARE', 'b', NULL, NULL, 2)::shape, ROW('SHAPE', 'c', NULL, NULL, NULL)::shape]::shape_list";
      expect(await one(c, `SELECT shapes_report(${list})`)).toBe('shape a r=1;square b side=2;shape c;');
      // A NULL SELF is not dispatched (Oracle raises ORA-30625).
      await expect(c.query('SELECT shape_describe_dispatch(NULL::shape)')).rejects.toThrow(/method dispatch/);
    });
  });

  it('type hierarchy: sibling attributes of one name in shared or own columns, constructors by name', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-type-hierarchy-attributes'), {}, async (c) => {
      // l_v (value_t) holds a str_value: show() dispatches to str_value's, which reads the
      // data_value of str_value (a VARCHAR2, its own column); num_value's is a NUMBER. describe()
      // (value_t's) calls kind(), which only the subtypes implement, through the dispatcher.
      expect(await one(c, 'SELECT show_values()')).toBe('s=ABCD/txt;n=42/int;abcd;kind k:string;kind k:number');
    });
  });

  it('type hierarchy of schema-qualified types: constructor, dispatch, IS OF and TREAT', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-type-hierarchy-schema'), {}, async (c) => {
      // Method functions are called unqualified (as for types without a schema): on the path.
      await c.query('SET LOCAL search_path = app, public');
      // l.f() is sub_t's (id + x = 3), TREAT(l AS app.sub_t).x is 2.
      expect(Number(await one(c, 'SELECT app.g()'))).toBe(5);
    });
  });

  // A subtype holding a collection of its root (Oracle Object-Relational Developer's Guide,
  // "Substitutable Types": an element of a TABLE OF item holds any subtype of item).
  it('recursive type hierarchy: a tree of suites and tests walked with TREAT / IS OF, dispatched, changed in place', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-type-hierarchy-recursive'), {}, async (c) => {
      // items is jsonb in the composite type item; the elements keep their dynamic type.
      expect(await one(c, "SELECT string_agg(e->>'opg_type', ',' ORDER BY o) FROM jsonb_array_elements((build_tree()).items) WITH ORDINALITY AS t(e, o)")).toBe('TEST,SUITE');
      // The value round-trips through jsonb: nested suite, discriminators and NULL attributes.
      expect(await one(c, 'SELECT jsonb_populate_record(NULL::item, to_jsonb(build_tree()))::text = build_tree()::text')).toBe(true);
      // walk() narrows with TREAT and tests IS OF (test) on every element, recursively; the
      // suite's describe() calls describe() of each element (dispatched: a suite describes its items).
      expect(await one(c, 'SELECT tree_demo(0)')).toBe('S:root(2) T:t1=- S:child(2) T:t2=- T:t3=ok | root[t1;child[t2;t3;];] | second is suite: y | only item: n | nested: t3');
      // mark, NOT INSTANTIABLE in item, called on an item variable holding a suite: suite's mark
      // runs, which calls mark on every element (test's for tests, suite's for the sub-suite).
      expect(await one(c, 'SELECT tree_demo(1)')).toBe('S:root(2) T:t1=skipped S:child(2) T:t2=skipped T:t3=skipped | root[t1;child[t2;t3;];] | second is suite: y | only item: n | nested: t3');
      // An attribute of an element and an element of the nested suite changed, read back.
      expect(await one(c, 'SELECT tree_demo(2)')).toBe('S:root(2) T:first=skipped S:child(2) T:t9=new T:t3=skipped | root[first;child[t9;t3;];] | second is suite: y | only item: n | nested: t3');
      // items passed to an IN OUT parameter (add_test appends a test).
      expect(await one(c, 'SELECT tree_demo(3)')).toBe('S:root(3) T:first=skipped S:child(2) T:t9=new T:t3=skipped T:t4=added | root[first;child[t9;t3;];t4;] | second is suite: y | only item: n | nested: t3');
      // size_of, named without parentheses: suite's sums its elements' (dispatched), test's is 1.
      expect(Number(await one(c, 'SELECT tree_size(build_tree())'))).toBe(3);
      // A suite whose items are NULL (TREAT and the attribute tested in an IF condition).
      expect(await one(c, "SELECT walk(ROW('SUITE', 's', NULL, NULL)::item)")).toBe('empty');
      // EXTEND appends a NULL element, counted and read back as NULL.
      expect(await one(c, 'SELECT null_element_demo()')).toBe('1:null');
    });
  });

  it('TREAT of a supertype parameter down to a subtype: the value or NULL', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-treat-to-subtype'), {}, async (c) => {
      expect(Number(await one(c, "SELECT truck_payload(ROW('TRUCK', 1, 7)::vehicle)"))).toBe(7);
      expect(await one(c, "SELECT truck_payload(ROW('VEHICLE', 1, NULL)::vehicle) IS NULL")).toBe(true);
    });
  });

  it('SET keeps each element once in first-occurrence order, one NULL, NULL for NULL', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('collection-set-function'), {}, async (c) => {
      expect(await one(c, 'SELECT distinct_nums(ARRAY[3, 1, 3, NULL, 1, NULL, 2])::text')).toBe('{3,1,NULL,2}');
      expect(await one(c, "SELECT distinct_nums('{}')::text")).toBe('{}');
      expect(await one(c, 'SELECT distinct_nums(NULL) IS NULL')).toBe(true);
    });
  });

  it('MULTISET UNION [ALL | DISTINCT] / EXCEPT DISTINCT, an element of a function result', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('collection-multiset-operators'), {}, async (c) => {
      expect(await one(c, 'SELECT ms_union_all(ARRAY[1, 2, 2], ARRAY[2, 3])::text')).toBe('{1,2,2,2,3}');
      expect(await one(c, 'SELECT ms_union_all(ARRAY[1], NULL) IS NULL')).toBe(true);
      expect(await one(c, 'SELECT ms_union(ARRAY[3, 1, 3], ARRAY[2, 1, 4])::text')).toBe('{3,1,2,4}');
      expect(Number(await one(c, 'SELECT ms_except_count(ARRAY[1, 2, 2, 3, NULL], ARRAY[2])'))).toBe(3);
      expect(Number(await one(c, 'SELECT second_of_union(ARRAY[7], ARRAY[8, 9])'))).toBe(8);
    });
  });

  // Oracle SQL Language Reference, "SET", "Multiset Operators", "CARDINALITY": objects of a type
  // without a MAP or ORDER method are equal when their attributes are; EXCEPT / INTERSECT are ALL
  // unless DISTINCT is written (m - n and min(m, n) copies); CARDINALITY of an empty nested table is NULL.
  it('SET, MULTISET operators, MEMBER OF, IS A SET, SUBMULTISET and CARDINALITY on nested tables of objects', async (ctx) => {
    if (!client) ctx.skip();
    const oracle = fixture('collection-set-objects');
    await withConverted(oracle, {}, async (c) => {
      const m = (file: string, owner: string | null, line: number) => `row('${file}', ${owner ? `'${owner}'` : 'NULL'}, ${line})::file_map`;
      const a = `ARRAY[${m('a.sql', 'APP', 1)}, ${m('b.sql', 'APP', 2)}, ${m('a.sql', 'APP', 1)}, NULL, ${m('a.sql', 'APP', 1)}, NULL, ${m('c.sql', null, 3)}, ${m('c.sql', null, 3)}]::file_maps`;
      const b = `ARRAY[${m('a.sql', 'APP', 1)}, NULL, ${m('c.sql', null, 3)}, ${m('d.sql', 'X', 4)}]::file_maps`;
      // Whole objects, first occurrences in order, one NULL element (not an object of NULLs).
      expect(await one(c, `SELECT distinct_maps(${a})::text`)).toBe('{"(a.sql,APP,1)","(b.sql,APP,2)",NULL,"(c.sql,,3)"}');
      expect(await one(c, `SELECT (distinct_maps(${a}))[3] IS NOT DISTINCT FROM NULL::file_map`)).toBe(true);
      expect(await one(c, `SELECT (hold_distinct(${a})).maps::text`)).toBe('{"(a.sql,APP,1)","(b.sql,APP,2)",NULL,"(c.sql,,3)"}');
      const combine = async (op: string) => one(c, `SELECT combine_maps(${a}, ${b}, '${op}')::text`);
      expect(await combine('UNION DISTINCT')).toBe('{"(a.sql,APP,1)","(b.sql,APP,2)",NULL,"(c.sql,,3)","(d.sql,X,4)"}');
      // a.sql 3 - 1 = 2 copies, b.sql 1, NULL 2 - 1, c.sql 2 - 1.
      expect(await combine('EXCEPT')).toBe('{"(b.sql,APP,2)","(a.sql,APP,1)","(a.sql,APP,1)",NULL,"(c.sql,,3)"}');
      expect(await combine('EXCEPT DISTINCT')).toBe('{"(b.sql,APP,2)"}');
      // min(3, 1) a.sql, min(2, 1) NULL, min(2, 1) c.sql.
      expect(await combine('INTERSECT')).toBe('{"(a.sql,APP,1)",NULL,"(c.sql,,3)"}');
      expect(await combine('INTERSECT DISTINCT')).toBe('{"(a.sql,APP,1)",NULL,"(c.sql,,3)"}');
      expect(Number(await one(c, `SELECT cardinality(combine_maps(${a}, ${b}, 'UNION'))`))).toBe(12);
      expect(await one(c, `SELECT combine_maps(${a}, NULL, 'EXCEPT') IS NULL`)).toBe(true);
      expect(await one(c, 'SELECT distinct_maps(NULL) IS NULL')).toBe(true);
      expect(await one(c, "SELECT distinct_maps('{}')::text")).toBe('{}');
      // MEMBER OF compares the attributes; CARDINALITY of an empty nested table is NULL.
      expect(await one(c, `SELECT map_facts(${a}, ${m('c.sql', null, 3)})`)).toBe('member 8 4');
      expect(await one(c, `SELECT map_facts(${a}, ${m('c.sql', 'X', 3)})`)).toBe('not member 8 4');
      expect(await one(c, `SELECT map_facts('{}', ${m('c.sql', 'X', 3)})`)).toBe('not member null ');
      // IS A SET: no element twice (NULL once), TRUE when empty, NULL for NULL; SUBMULTISET: every
      // element at most as often as in b, NULL when either is NULL.
      const s = `ARRAY[${m('a.sql', 'APP', 1)}, NULL]::file_maps`;
      expect(await one(c, `SELECT map_sets(${a}, ${b})`)).toBe('bag not sub');
      expect(await one(c, `SELECT map_sets(${s}, ${b})`)).toBe('set sub');
      expect(await one(c, `SELECT map_sets(${b}, ${s})`)).toBe('set not sub');
      expect(await one(c, `SELECT map_sets('{}', '{}')`)).toBe('set sub');
      expect(await one(c, `SELECT map_sets(NULL, ${b})`)).toBe('null null');
    });
    // version_t has a MAP method: Oracle's SET keeps one object per sort_key (the type's
    // operators compare through it), not one per distinct attributes.
    await withConverted(oracle, {}, async (c) => {
      const v = (major: number, label: string) => `row(${major}, '${label}')::version_t`;
      expect(Number(await one(c, `SELECT distinct_versions(ARRAY[${v(1, 'a')}, ${v(1, 'b')}, ${v(2, 'a')}]::versions)`))).toBe(2);
    });
    const r = convertText(oracle, {});
    expect(r.findings.filter((f) => f.id === 'OPG-PLSQL-0062')).toEqual([]);
  });

  // Oracle Object-Relational Developer's Guide, "Comparing Objects": objects of a type with a MAP
  // method compare by its value, with an ORDER method by its sign, in =, <, ORDER BY, DISTINCT,
  // MEMBER OF and SET; the attributes are not compared.
  it('compares objects through their MAP or ORDER method', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-map-order-compare'), {}, async (c) => {
      // a and b weigh the same (labels differ); versions 2.1 and 2.9 are equal (major only);
      // ('q', 1) is a member (as ('c', 1)); SET keeps one per weight; sorted by weight, then label.
      expect(await one(c, 'SELECT mo_compare()')).toBe('a=b z<a v1=v2 v3<v1 member set:2 c x y');
      await c.query("INSERT INTO mo_parcel VALUES (1, row('zz', 9)), (2, row('aa', 30)), (3, row('mm', 9)), (4, row('bb', 1))");
      // ORDER BY w follows the weights (1, 9, 9, 30), COUNT(DISTINCT w) counts 3 weights.
      expect(await one(c, 'SELECT mo_parcels()')).toBe('4,1,3,2;3');
    });
  });

  // PL/SQL Language Reference, "Object Types": IS NULL is true only for an atomically null object;
  // an object whose attributes are all NULL, or some, IS NOT NULL.
  it('IS [NOT] NULL tests the object, not its attributes', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-atomic-null'), {}, async (c) => {
      expect(await one(c, 'SELECT oan_demo()')).toBe('null set set set half');
    });
  });

  // PL/SQL Language Reference, "Predefined Exceptions": ACCESS_INTO_NULL when an attribute of an
  // atomically null object is assigned, SELF_IS_NULL when a member method is called on one.
  it('raises SELF_IS_NULL and ACCESS_INTO_NULL on a NULL object', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-exception-handlers'), {}, async (c) => {
      expect(await one(c, 'SELECT oeh_demo()')).toBe('self is null, access into null');
    });
  });

  // SQL Language Reference, "Object Access Expressions": in SQL, a member function of a NULL
  // object is not invoked and gives NULL.
  it('gives NULL for a member function called in SQL on a NULL object column', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-method-null-in-sql'), {}, async (c) => {
      await c.query('INSERT INTO sq_tab VALUES (1, row(5)), (2, NULL), (3, row(NULL))');
      expect(await one(c, 'SELECT sq_demo()')).toBe('1=f5 2=null 3=f0 ');
    });
  });

  // SQL Language Reference, "INSERT" into an object table: VALUES (object) inserts the object.
  it('inserts an object into an object table as its attributes', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-table-insert-object'), {}, async (c) => {
      expect(await one(c, 'SELECT oti_demo()')).toBe('3:Ann,Bob,Cy:Cy');
    });
  });

  it('assigns attributes of object attributes and elements; ACCESS_INTO_NULL through a NULL attribute', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-nested-attribute-assign'), {}, async (c) => {
      expect(await one(c, 'SELECT ns_demo()')).toBe('Bergen:12345:Ann2:Bergen:Ann:ain');
    });
  });

  it('IS [NOT] NULL on an object column tests the object (a view, a query in PL/SQL)', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-column-is-null'), {}, async (c) => {
      await c.query('INSERT INTO sin2_tab VALUES (1, row(1, 2)), (2, NULL), (3, row(NULL, NULL)), (4, row(1, NULL))');
      expect(await one(c, 'SELECT sin2_demo()')).toBe('2;1,3,4');
      expect(await one(c, "SELECT string_agg(id::text, ',' ORDER BY id) FROM sin2_v")).toBe('2');
    });
  });

  it('calls member functions of an object column in a view, NULL for a NULL object', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-method-in-view'), {}, async (c) => {
      await c.query('INSERT INTO vm_tab VALUES (1, row(5)), (2, NULL), (3, row(NULL))');
      const sql = "SELECT string_agg(id || '=' || coalesce(fv, 'null') || '/' || coalesce(pv::text, 'null'), ' ' ORDER BY id) FROM vm_v";
      expect(await one(c, sql)).toBe('1=f5/15 2=null/null 3=f0/10');
    });
  });

  it('selects $IF branches for the target Oracle version and flags', async (ctx) => {
    if (!client) ctx.skip();
    const oracle = fixture('conditional-compilation');
    await withConverted(oracle, {}, async (c) => {
      expect(await one(c, 'SELECT cc_version_info()')).toBe('CC_VERSION_INFO:modern:12.2+');
    });
    await withConverted(oracle, { oracleVersion: '12.1' }, async (c) => {
      expect(await one(c, 'SELECT cc_version_info()')).toBe('CC_VERSION_INFO:legacy:12.1');
    });
    // With the flag set, the trace branch is compiled: it writes a notice.
    const notices: string[] = [];
    client!.on('notice', (n) => notices.push(n.message ?? ''));
    await withConverted(oracle, { ccflags: { trace_on: 'TRUE' } }, async (c) => {
      expect(await one(c, 'SELECT cc_version_info()')).toBe('CC_VERSION_INFO:modern:12.2+');
    });
    expect(notices).toContain('trace: CC_VERSION_INFO:modern:12.2+');
    // Oracle 11g: the branch with $ERROR is selected, the unit is not converted.
    const r = convertText(oracle, { oracleVersion: '11.2' });
    expect(r.findings.some((f) => f.id === 'OPG-PLSQL-0002' && f.message.includes('$ERROR'))).toBe(true);
    expect(r.phases.code).toContain('NOT CONVERTED');
  });
});
