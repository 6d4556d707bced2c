// The production web app's initial JavaScript (what the browser must fetch before the first page:
// the module scripts of index.html and the chunks it preloads) must be under 300 kB gzip-compressed.
// Angular's own budgets (apps/web/project.json) measure raw sizes; this measures what goes over the wire.
//   node scripts/check-bundle.mjs [dist/apps/web/browser]
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT = 300 * 1000;
const dir = resolve(process.argv[2] ?? 'dist/apps/web/browser');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)].map(
  (m) => m[1],
);
const preloads = [
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
].map((m) => m[1]);
const styles = [
  ...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+\.css)"/g),
].map((m) => m[1]);
const files = [...new Set([...scripts, ...preloads])];
if (files.length === 0) {
  console.error(
    `No scripts found in ${join(dir, 'index.html')}: build the web app first (npx nx run web:build).`,
  );
  process.exit(1);
}
const measure = (file) => {
  const bytes = readFileSync(join(dir, file));
  return {
    file,
    raw: statSync(join(dir, file)).size,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
};
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
const js = files.map(measure);
const css = styles.map(measure);
for (const f of [...js, ...css])
  console.log(
    `  ${f.file.padEnd(28)} ${kB(f.raw).padStart(10)} raw ${kB(f.gzip).padStart(10)} gzip`,
  );
const total = js.reduce((n, f) => n + f.gzip, 0);
const totalRaw = js.reduce((n, f) => n + f.raw, 0);
console.log(
  `Initial JavaScript: ${kB(totalRaw)} raw, ${kB(total)} gzip-compressed (limit ${kB(LIMIT)}); CSS ${kB(css.reduce((n, f) => n + f.gzip, 0))} gzip.`,
);
if (total >= LIMIT) {
  console.error(
    `The initial JavaScript is ${kB(total)} gzip-compressed: over the ${kB(LIMIT)} budget. Move code out of the first page (lazy routes, @defer).`,
  );
  process.exit(1);
}
