import fs from 'node:fs';

// `node server/dist/bench/national/profileTop.js FILE.cpuprofile [N]`: the functions a V8 CPU profile
// (node --cpu-prof; BENCH_CPU_PROF_DIR=… npm run bench) spent the most time in, by self time, and the
// same by package or source file: where the time goes, for the rows of bench/results.md not met.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, count = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node server/dist/bench/national/profileTop.js FILE.cpuprofile [N]');
  process.exit(1);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const own = /\/server\/dist\/(.+)$/.exec(url)?.[1];
  if (own) return own;
  return url === '' ? '(native)' : url.startsWith('node:') ? url : url.replace(/^.*\//, '');
};
const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
for (const [id, t] of selfMs) {
  const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
  const name = `${functionName || '(anonymous)'} ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + t);
  byPlace.set(where(url), (byPlace.get(where(url)) ?? 0) + t);
}
const top = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(count))
    .map(([k, t]) => `  ${((t / total) * 100).toFixed(1).padStart(5)}%  ${t.toFixed(0).padStart(7)} ms  ${k}`)
    .join('\n');
console.log(`${file}: ${(total / 1000).toFixed(1)} s sampled\n\nby function (self time):\n${top(byFunction)}`);
console.log(`\nby package or file (self time):\n${top(byPlace)}`);
