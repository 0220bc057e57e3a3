import { execFile } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../config';

// The rooms' table (which room may import which) and no-circular, as .dependency-cruiser.cjs
// encodes them; type-only imports count.
interface Violation {
  from: string;
  to: string;
  rule: string;
  cycle?: string[];
}

function cruiseLayers(): Promise<{ modules: string[]; violations: Violation[] }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(__dirname, 'cruise-layers.mjs')], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`dependency-cruiser failed: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout) as { modules: string[]; violations: Violation[] });
    });
  });
}

const describeViolation = (v: Violation) => `${v.from} → ${v.to} (${v.rule})${v.cycle ? `: ${[v.from, ...v.cycle].join(' → ')}` : ''}`;

let result: Awaited<ReturnType<typeof cruiseLayers>>;
beforeAll(async () => {
  result = await cruiseLayers();
});

test('the cruise reaches the rooms, so an empty list of violations means something', () => {
  for (const room of ['domain/', 'workflows/', 'activities/', 'db/', 'api/', 'worker/', 'config/']) {
    expect(result.modules.some((m) => m.startsWith(room))).toBe(true);
  }
});

test('no room imports what the plan forbids it, and nothing imports in a circle', () => {
  expect(result.violations.map(describeViolation)).toEqual([]);
});
