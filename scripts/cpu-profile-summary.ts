/**
 * Where the CPU went, from the V8 profiles `npm run bench -- --cpu-profile DIR` leaves:
 * `npm run profile:summary -- DIR [--top N]`. Per process, the self time by package (or by
 * project folder) and by function, over each process's whole life (start-up included).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

type Tally = Map<string, number>;

function add(tally: Tally, key: string, micros: number): void {
  tally.set(key, (tally.get(key) ?? 0) + micros);
}

/** `node_modules/@scope/pkg`, the project's top folder, or the kind of frame V8 reports. */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node';
  const file = url.replace(/^file:\/\//, '');
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? '(elsewhere)' : `./${relative.split(path.sep)[0]}`;
}

function shortUrl(url: string): string {
  const pkg = /node_modules\/(.*)$/.exec(url);
  if (pkg) return pkg[1];
  return path.relative(process.cwd(), url.replace(/^file:\/\//, '')) || url;
}

function summarise(files: string[]) {
  const byPlace: Tally = new Map();
  const byFunction: Tally = new Map();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id)!;
      const micros = profile.timeDeltas[i] ?? 0;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') return;
      total += micros;
      add(byPlace, placeOf(url, functionName), micros);
      add(byFunction, `${functionName || '(anonymous)'}  ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`, micros);
    });
  }
  return { total, byPlace, byFunction };
}

function top(tally: Tally, total: number, n: number): string[] {
  return [...tally.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, micros]) => `  ${(micros / 1000).toFixed(0).padStart(8)} ms  ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`);
}

function profilesUnder(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
}

function main(): number {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string' } } });
  const dir = positionals[0];
  if (!dir || !fs.existsSync(dir)) {
    console.error('usage: npm run profile:summary -- DIR [--top N]   (DIR from npm run bench -- --cpu-profile DIR)');
    return 64;
  }
  const n = Number(values.top ?? 25);
  for (const name of fs.readdirSync(dir).sort()) {
    const processDir = path.join(dir, name);
    if (!fs.statSync(processDir).isDirectory()) continue;
    const { total, byPlace, byFunction } = summarise(profilesUnder(processDir));
    console.log(`\n${name}: ${(total / 1000).toFixed(0)} ms busy (every thread, start-up included)`);
    console.log(' by package or folder');
    console.log(top(byPlace, total, Math.min(n, 15)).join('\n'));
    console.log(' by function (self time)');
    console.log(top(byFunction, total, n).join('\n'));
  }
  return 0;
}

process.exitCode = main();
