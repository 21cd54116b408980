/** Reads script files and directories as conversion sources. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { SourceText } from '../convert/index.js';
import { readSnapshotSource } from './oracle/to-model.js';
import { isSnapshotPath } from './oracle/snapshot.js';

const SCRIPT_EXT = new Set([
  '.sql',
  '.pls',
  '.pks',
  '.pkb',
  '.plb',
  '.prc',
  '.fnc',
  '.trg',
  '.vw',
  '.tab',
  '.seq',
  '.ddl',
  '.typ',
  '.tps',
  '.tpb',
]);

export function readTextFile(path: string): string | undefined {
  try {
    if (!existsSync(path) || !statSync(path).isFile()) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function listScripts(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listScripts(p));
    else if (SCRIPT_EXT.has(extname(e.name).toLowerCase())) out.push(p);
  }
  return out;
}

/** Paths of files a script includes with @, @@ or START (first word after the command). */
function includedPaths(file: string, text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:@@?|START\s+|STA\s+)\s*([^\s;]+)/i.exec(line);
    if (!m) continue;
    const name = extname(m[1]) ? m[1] : `${m[1]}.sql`;
    out.push(resolve(dirname(file), name));
  }
  return out;
}

/**
 * Expands files and directories into root scripts. In a directory, files included by another
 * script of the set (an install script's @@ children) are read through the include, not twice.
 */
export function readSources(inputs: string[], cwd = process.cwd()): SourceText[] {
  const files: string[] = [];
  const snapshots: SourceText[] = [];
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    if (!existsSync(abs)) throw new Error(`no such file or directory: ${input}`);
    if (isSnapshotPath(abs)) snapshots.push(readSnapshotSource(abs, relative(cwd, abs) || basename(abs)));
    else if (statSync(abs).isDirectory()) files.push(...listScripts(abs));
    else files.push(abs);
  }
  const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const included = new Set<string>();
  for (const [f, t] of texts) for (const p of includedPaths(f, t)) if (p !== f) included.add(p);
  const scripts = files
    .filter((f) => !included.has(f))
    .map((f) => ({ file: relative(cwd, f) || basename(f), text: texts.get(f)! }));
  return [...snapshots, ...scripts];
}
