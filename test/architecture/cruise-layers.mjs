// Cruises the project with .dependency-cruiser.cjs through dependency-cruiser's JS API and prints
// { modules, violations } as JSON. Its own process because dependency-cruiser is ESM only, which a
// CommonJS jest test cannot import on Node 20 (jest loads ESM only under --experimental-vm-modules).
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

// dependency-cruiser names modules relative to the working directory, as the rules expect.
process.chdir(path.resolve(import.meta.dirname, '../..'));
const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const tsConfig = options.tsConfig?.fileName ? extractTSConfig(options.tsConfig.fileName) : undefined;
const { output } = await cruise(['.'], options, {}, { tsConfig });
const result = typeof output === 'string' ? JSON.parse(output) : output;
process.stdout.write(JSON.stringify({
  modules: result.modules.map((m) => m.source),
  violations: result.summary.violations.map((v) => ({ from: v.from, to: v.to, rule: v.rule.name, cycle: v.cycle?.map((c) => c.name) })),
}));
