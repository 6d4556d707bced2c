// Fails when the server library has an import cycle, between files or between the context folders
// of libs/server/src/lib (e.g. audit → auth → audit). Run by `nx run server:cycles`, which the
// server's lint target depends on. Type-only imports count: a folder that names another's types
// depends on it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LIB = join(ROOT, 'libs/server/src/lib');

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.ts$/.test(name) && !/\.(spec|int-spec)\.ts$/.test(name))
      files.push(path);
  }
})(LIB);

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}
const folderOf = (file) =>
  relative(LIB, file).split('/')[0].replace(/\.ts$/, '');

const fileEdges = new Map(files.map((f) => [f, new Set()]));
const folderEdges = new Map();
const why = new Map();
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(IMPORT)) {
    const target = resolveImport(file, m[1] ?? m[2]);
    if (!target || !target.startsWith(LIB)) continue;
    fileEdges.get(file)?.add(target);
    const [a, b] = [folderOf(file), folderOf(target)];
    if (a === b) continue;
    if (!folderEdges.has(a)) folderEdges.set(a, new Set());
    folderEdges.get(a).add(b);
    const key = `${a} -> ${b}`;
    if (!why.has(key))
      why.set(key, `${relative(LIB, file)} imports ${relative(LIB, target)}`);
  }
}

/** Tarjan's strongly connected components: every component of more than one node is a cycle. */
function cycles(edges) {
  let index = 0;
  const stack = [];
  const state = new Map();
  const found = [];
  const visit = (v) => {
    state.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!state.has(w)) {
        visit(w);
        state.get(v).low = Math.min(state.get(v).low, state.get(w).low);
      } else if (state.get(w).onStack)
        state.get(v).low = Math.min(state.get(v).low, state.get(w).index);
    }
    if (state.get(v).low === state.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        state.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component);
    }
  };
  for (const v of edges.keys()) if (!state.has(v)) visit(v);
  return found;
}

const folderCycles = cycles(folderEdges);
const fileCycles = cycles(fileEdges);
for (const component of folderCycles) {
  console.error(
    `Folder cycle in libs/server/src/lib: ${component.sort().join(', ')}`,
  );
  for (const a of component)
    for (const b of folderEdges.get(a) ?? [])
      if (component.includes(b)) console.error(`  ${why.get(`${a} -> ${b}`)}`);
}
for (const component of fileCycles)
  console.error(
    `File cycle: ${component
      .map((f) => relative(LIB, f))
      .sort()
      .join(', ')}`,
  );
if (folderCycles.length || fileCycles.length) process.exit(1);
console.log(
  `No import cycles among ${files.length} files in ${folderEdges.size} folders of libs/server/src/lib.`,
);
