/**
 * orapg library API.
 *
 *   import { convert, convertSources, splitScript, parseStatement } from 'orapg';
 */
import { convertSources, type ConvertOptions, type ConvertResult, type SourceText } from './convert/index.js';
import { readSources, readTextFile } from './source/files.js';

export { convertSources, orderObjects, parseSources, PHASES, printObject } from './convert/index.js';
export type { ConvertOptions, ConvertResult, SourceText } from './convert/index.js';
export { type Layout, PHASE_FILES, writeResult } from './convert/write.js';
export { allCatalogEntries, catalog, catalogEntry, type CatalogEntry } from './findings/catalog.js';
export type { Finding, Severity, SourceLocation } from './findings/types.js';
export { parseStatement, classify } from './parser/statement.js';
export { splitScript, type ScriptItem, type ScriptOptions } from './source/script.js';
export { readSources, readTextFile } from './source/files.js';
export { mapType, TYPE_MAPPING_DOC } from './rules/types.js';
export { quoteIdent, quoteLiteral, pgNameOf } from './emit/quote.js';
export type * from './ast/ddl.js';
export type * from './ast/expr.js';
export type * from './ast/query.js';
export type * from './ast/pg.js';

/** Converts Oracle script files or directories (SQL*Plus scripts, includes followed). */
export function convert(paths: string[], options: ConvertOptions = {}): ConvertResult {
  return convertSources(readSources(paths), options, readTextFile);
}

/** Converts one script given as text. */
export function convertText(text: string, options: ConvertOptions = {}, file = 'input.sql'): ConvertResult {
  const sources: SourceText[] = [{ file, text }];
  return convertSources(sources, options, readTextFile);
}
