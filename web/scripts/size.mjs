// `npm run size`: the JavaScript the first page loads (the entry script and the chunks it preloads),
// gzipped, against the budget. Builds first when web/dist is missing. Exits 1 over budget.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('web/dist is missing: run `npm run build` first.');
  process.exit(1);
}
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const firstPage = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g)].map(
  (m) => m[1],
);
const gz = (file) => gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;

const assets = fs
  .readdirSync(path.join(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => ({ file: `assets/${f}`, raw: fs.statSync(path.join(dist, 'assets', f)).size / 1024, gz: gz(`assets/${f}`) }))
  .sort((a, b) => b.gz - a.gz);
let total = 0;
console.log('JavaScript chunks (KB raw / KB gzipped); * = loaded by the first page');
for (const a of assets) {
  const first = firstPage.includes(a.file);
  if (first) total += a.gz;
  console.log(`${first ? '*' : ' '} ${a.file.padEnd(48)} ${a.raw.toFixed(1).padStart(8)} ${a.gz.toFixed(1).padStart(8)}`);
}
console.log(
  `\nfirst page: ${total.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB, ${((total / BUDGET_KB) * 100).toFixed(0)}% of it)`,
);
if (firstPage.length === 0) {
  console.error('No entry script found in web/dist/index.html');
  process.exit(1);
}
process.exit(total <= BUDGET_KB ? 0 : 1);
