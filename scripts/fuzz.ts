// npm run fuzz: Schemathesis against /openapi.json of a private copy of Laurel (Temporal dev server,
// mail catcher, worker, API on free ports, a fresh SQLite database), signed in as the secretariat.
// Prints the figures from Schemathesis's own report and exits non-zero on any failure. Ends with
// `fuzz: N passed, N failed` (test cases) and writes the same totals as JSON, for .ci/run to add up:
// to $TEST_RESULTS_FILE, else var/test-results/fuzz.json.
//
//   npm run fuzz -- [--seed N] [--max-examples N] [--workers N] [--checks a,b]   (or FUZZ_SEED, FUZZ_MAX_EXAMPLES)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configOrExit, loadConfig, loadDotEnv, projectRoot } from '../config';
import type { ChildSpec } from '../devtools/supervisor';
import { Supervisor } from '../devtools/supervisor';
import { schemathesisCommand } from '../devtools/schemathesis';
import { temporalCliPath } from '../devtools/temporal-binaries';
import { waitForPort, waitForTemporal } from '../devtools/wait-for';
import { setup } from './setup';
import { freePort } from './support/free-port';

const DEFAULT_SEED = 20261121;
const DEFAULT_MAX_EXAMPLES = 50;
const STAFF_USER = 'secretariat';
const DEMO_PASSWORD = 'demo-password';

/**
 * Every check that judges a single response against the document. The others need what this
 * document does not give (OpenAPI links for the stateful ones) or judge the API by rules it does
 * not follow on purpose: see the README's "Fuzzing" section.
 */
const DEFAULT_CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance', 'response_headers_conformance'];

/** Failure types (Schemathesis's class names) of a 5xx answer. */
const SERVER_ERRORS = new Set(['ServerError', 'ContentTypeServerError']);

/** Failure types of a response the document does not describe: its status, headers, media type or body. */
const SCHEMA_VIOLATIONS = new Set([
  'UndefinedStatusCode', 'MissingHeaders', 'JsonSchemaError', 'MissingContentType', 'MalformedMediaType',
  'MalformedJson', 'ContentDeserializationError', 'DiscriminatorMismatch', 'UndefinedContentType',
]);

/** The part of Schemathesis's JSON run report this script reads. */
interface RunReport {
  exit_code: number;
  complete: boolean;
  running_time: number | null;
  test_cases: { generated: number; with_failures: number; without_checks: number; errored: number };
  failures: { type: string; code: string; title: string; count: number; operations: string[] }[];
  errors: { title: string; count: number }[];
  warnings: Record<string, string[]>;
}

interface Pass {
  name: string;
  /** Extra Schemathesis arguments: which operations this pass covers. */
  filter: string[];
}

// Signing out revokes the token every other request carries: it gets a pass, and a token, of its own, last.
const LOGOUT = '/api/auth/logout';
const PASSES: Pass[] = [
  { name: 'api', filter: ['--exclude-path', LOGOUT] },
  { name: 'logout', filter: ['--include-path', LOGOUT] },
];

function options() {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, 'max-examples': { type: 'string' }, workers: { type: 'string' }, checks: { type: 'string' } },
  });
  const int = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number, not ${JSON.stringify(raw)}`);
    return Number(raw);
  };
  return {
    seed: int('seed', values.seed ?? process.env.FUZZ_SEED, DEFAULT_SEED),
    maxExamples: int('max-examples', values['max-examples'] ?? process.env.FUZZ_MAX_EXAMPLES, DEFAULT_MAX_EXAMPLES),
    workers: int('workers', values.workers, 1),
    checks: values.checks ? values.checks.split(',') : DEFAULT_CHECKS,
  };
}

function tsEntry(name: string, file: string, env: NodeJS.ProcessEnv, ready?: ChildSpec['ready']): ChildSpec {
  // Not restarted: a crash under the fuzzer is a finding, and must end the run.
  return { name, command: process.execPath, args: ['--import', 'tsx', path.join(projectRoot, file)], cwd: projectRoot, env, restart: false, ready };
}

async function login(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: STAFF_USER, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`signing in as ${STAFF_USER} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

async function getJson<T>(baseUrl: string, token: string, url: string): Promise<T> {
  const response = await fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The smallest PDF the upload checks accept: a header, no active content, and %%EOF at the end. */
const SEALED_FORM = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/**
 * Real identifiers for the fuzzer to mix into its requests: with random ones alone nearly every
 * request about a case, task or campaign stops at 404 before the route's own logic runs. One
 * self-nomination to the demo campaign gives a case and, once its workflow has run, a seal-check task.
 */
async function seedFixtures(baseUrl: string, token: string): Promise<{ ids: string[]; caseIds: string[] }> {
  const nomination = {
    channel: 'self', category: 'individual', field: 'catering', recommendingUnit: '示例大学', nomineeUnit: '示例大学', applicantEmail: 'fuzz-applicant@example.test',
    phone: '13800000000', nominee: { name: '模糊测试候选人', gender: '女', age: 40, ethnicity: '汉族', politicalAffiliation: '群众', post: '食堂主管', title: '高级厨师' },
    duties: '负责学生食堂的日常管理。', story: '多年如一日保障师生用餐安全。', mediaAwards: [], unitOpinion: { text: '同意推荐。', sealedOn: '2025-02-20' },
  };
  const form = new FormData();
  form.append('nomination', JSON.stringify(nomination));
  form.append('sealedForm', new Blob([SEALED_FORM], { type: 'application/pdf' }), 'form.pdf');
  const submitted = await fetch(`${baseUrl}/api/campaigns/demo/nominations`, { method: 'POST', body: form });
  if (submitted.status !== 201) throw new Error(`submitting the fixture nomination answered ${submitted.status}: ${await submitted.text()}`);
  const { caseId } = (await submitted.json()) as { caseId: string };
  const deadline = Date.now() + 60_000;
  let task: { id: string } | undefined;
  while (!task) {
    if (Date.now() > deadline) throw new Error(`the fixture case ${caseId} got no seal-check task within 60 s`);
    const { tasks } = await getJson<{ tasks: { id: string; caseId: string }[] }>(baseUrl, token, '/api/inbox?kind=seal-check');
    task = tasks.find((t) => t.caseId === caseId);
    if (!task) await new Promise((r) => setTimeout(r, 250));
  }
  const { users } = await getJson<{ users: { id: string; username: string }[] }>(baseUrl, token, '/api/users');
  const auditor = users.find((u) => u.username === 'auditor');
  return { ids: ['demo', task.id, ...(auditor ? [auditor.id] : [])], caseIds: [caseId] };
}

/** Schemathesis's configuration: the fixtures' identifiers in half of the requests that take one. */
function schemathesisConfig({ ids, caseIds }: { ids: string[]; caseIds: string[] }): string {
  const list = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  return [
    '[dictionaries.ids]',
    `values = ${list(ids)}`,
    '[dictionaries.cases]',
    `values = ${list(caseIds)}`,
    '[parameters]',
    '"path.id" = { dictionary = "ids", probability = 0.5 }',
    '"path.caseId" = { dictionary = "cases", probability = 0.5 }',
    '"body.caseId" = { dictionary = "cases", probability = 0.5 }',
    '',
  ].join('\n');
}

/** Runs one Schemathesis pass and resolves with its exit code once it has exited; `halt` interrupts it. */
function runSchemathesis(args: string[], cwd: string, halt: AbortSignal): Promise<number> {
  const st = schemathesisCommand(args);
  return new Promise((resolve, reject) => {
    // In the run's temp folder: whatever Schemathesis leaves behind stays out of the repo.
    const child = spawn(st.command, st.args, { cwd, env: st.env, stdio: ['ignore', 'inherit', 'inherit'] });
    // SIGINT, as from a terminal: Schemathesis then stops and still writes its reports.
    const interrupt = () => child.kill('SIGINT');
    halt.addEventListener('abort', interrupt, { once: true });
    child.once('error', (err) => {
      halt.removeEventListener('abort', interrupt);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      halt.removeEventListener('abort', interrupt);
      resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
    });
  });
}

function readReport(file: string): RunReport {
  if (!fs.existsSync(file)) throw new Error(`Schemathesis wrote no report at ${file}`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RunReport;
}

interface Totals {
  passed: number;
  failed: number;
}

/**
 * Test cases, as Schemathesis counts them: a case fails when it finds a failure (with the default
 * checks, a server error or a schema violation) or when its checks cannot run (no response);
 * a case no check applies to is neither. Schemathesis reports each distinct failure once, so a
 * case that only repeats a failure already found counts as passed: `failed` is a floor.
 */
function caseTotals(reports: RunReport[]): Totals {
  let passed = 0;
  let failed = 0;
  for (const { test_cases: cases } of reports) {
    const caseFailures = cases.with_failures + cases.errored;
    failed += caseFailures;
    passed += Math.max(0, cases.generated - caseFailures - cases.without_checks);
  }
  return { passed, failed };
}

function totalsFile(): string {
  if (process.env.TEST_RESULTS_FILE) return path.resolve(process.env.TEST_RESULTS_FILE);
  return path.join(configOrExit().varDir, 'test-results', 'fuzz.json');
}

/** Prints and writes the totals; a run that failed without a failing test case (it never got to fuzz) counts as one failure. */
function recordTotals(file: string, code: number, totals: Totals): void {
  if (code !== 0 && totals.failed === 0) {
    console.log(`fuzz: the run failed (exit ${code}) without a failing test case (counted as one failure)`);
    totals = { ...totals, failed: 1 };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ label: 'fuzz', passed: totals.passed, failed: totals.failed }, null, 2)}\n`);
  console.log(`fuzz: ${totals.passed} passed, ${totals.failed} failed`);
}

function main(opts: ReturnType<typeof options>): Promise<number> {
  loadDotEnv();
  const resultsFile = totalsFile();
  // A report left by an earlier run must never stand in for this one.
  fs.rmSync(resultsFile, { force: true });
  let totals: Totals = { passed: 0, failed: 0 };
  const started = Date.now();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-fuzz-'));
  const varDir = path.join(workDir, 'var');
  const reportDir = path.join(workDir, 'report');
  fs.mkdirSync(reportDir, { recursive: true });

  let interrupted = false;
  const halt = new AbortController();
  let fuzzing: Promise<number> | undefined;
  const systemLog = fs.createWriteStream(path.join(reportDir, 'system.log'));
  const supervisor = new Supervisor({
    stopTimeoutMs: 5_000,
    // The API prints a line for each 500 and little else; the rest would bury the fuzzer's output.
    output: (name, line) => {
      systemLog.write(`${name.padEnd(8)}| ${line}\n`);
      if (name === 'api') console.log(`${name.padEnd(8)}| ${line}`);
    },
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (!interrupted) console.log(`${signal}: stopping`);
    interrupted = true;
    halt.abort();
    void supervisor.stop(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const run = async (): Promise<number> => {
    const [apiPort, temporalPort, uiPort, mailPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    // Every setting that decides where the private copy lives or talks is pinned here, so a
    // developer's .env never points it at their own database, Temporal or mail server.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(apiPort),
      VAR_DIR: varDir,
      DATABASE_URL: `file:${path.join(varDir, 'laurel.db')}`,
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'laurel-fuzz',
      TEMPORAL_TLS: 'false',
      MAIL_CATCHER_PORT: String(mailPort),
      SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
      PUBLIC_URL: baseUrl,
      DEMO_PASSWORD,
    };
    const config = loadConfig(env);
    await setup({ config, fuzzer: true });

    const up = Date.now();
    await supervisor.start({
      name: 'temporal',
      command: temporalCliPath(),
      args: ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(temporalPort), '--ui-port', String(uiPort), '--headless', '--log-level', 'warn'],
      env,
      restart: false,
      ready: (signal) => waitForTemporal(config.temporal.address, config.temporal.namespace, signal),
    });
    await supervisor.start(tsEntry('mail', 'devtools/mail-catcher-main.ts', env, (signal) => waitForPort(mailPort, signal)));
    await supervisor.start(tsEntry('worker', 'worker/main.ts', env));
    await supervisor.start(tsEntry('api', 'api/main.ts', env, (signal) => waitForPort(apiPort, signal)));
    console.log(`fuzz: private Laurel at ${baseUrl} (up in ${((Date.now() - up) / 1000).toFixed(1)} s); seed ${opts.seed}, at most ${opts.maxExamples} examples per operation and phase`);

    // Signed in before the fuzzer floods the sign-in endpoint, whose rate limit would then refuse us.
    const tokens = await Promise.all(PASSES.map(() => login(baseUrl)));
    const configFile = path.join(workDir, 'schemathesis.toml');
    fs.writeFileSync(configFile, schemathesisConfig(await seedFixtures(baseUrl, tokens[0])));
    const reports: RunReport[] = [];
    for (const [i, pass] of PASSES.entries()) {
      const token = tokens[i];
      const file = path.join(reportDir, `${pass.name}.json`);
      const args = [
        '--config-file', configFile,
        'run', `${baseUrl}/openapi.json`,
        '--header', `Authorization: Bearer ${token}`,
        '--checks', opts.checks.join(','),
        '--max-examples', String(opts.maxExamples),
        '--seed', String(opts.seed),
        '--workers', String(opts.workers),
        '--generation-database', 'none',
        '--report', 'json,junit',
        '--report-json-path', file,
        '--report-junit-path', path.join(reportDir, `${pass.name}.junit.xml`),
        ...pass.filter,
      ];
      console.log(`fuzz: pass "${pass.name}": schemathesis ${args.map((a) => (a.startsWith('Authorization:') ? "'Authorization: Bearer …'" : a)).join(' ')}`);
      const died = supervisor.done.then(() => Promise.reject(new Error('a part of the private Laurel stopped during the run')));
      died.catch(() => {});
      fuzzing = runSchemathesis(args, workDir, halt.signal);
      const exitCode = await Promise.race([fuzzing, died]);
      if (interrupted) throw new Error('stopped');
      const report = readReport(file);
      if (report.exit_code !== exitCode) console.log(`fuzz: pass "${pass.name}": schemathesis exited ${exitCode}, its report says ${report.exit_code}`);
      reports.push({ ...report, exit_code: exitCode });
    }

    const sum = (pick: (r: RunReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
    const failures = reports.flatMap((r) => r.failures);
    const count = (match: (type: string) => boolean) => failures.filter((f) => match(f.type)).reduce((n, f) => n + f.count, 0);
    const figures = {
      generated: sum((r) => r.test_cases.generated),
      serverErrors: count((t) => SERVER_ERRORS.has(t)),
      schemaViolations: count((t) => SCHEMA_VIOLATIONS.has(t)),
    };
    const errors = reports.flatMap((r) => r.errors);
    const warnings = [...new Set(reports.flatMap((r) => Object.entries(r.warnings).filter(([, ops]) => ops.length).map(([kind, ops]) => `${kind} (${ops.length})`)))];

    console.log('');
    console.log(`fuzz: test cases generated  ${figures.generated}`);
    console.log(`fuzz: server errors         ${figures.serverErrors}`);
    console.log(`fuzz: schema violations     ${figures.schemaViolations}`);
    const others = count((t) => !SERVER_ERRORS.has(t) && !SCHEMA_VIOLATIONS.has(t));
    if (others) console.log(`fuzz: other failures        ${others}`);
    for (const f of failures) console.log(`fuzz:   ${f.count} × ${f.code} ${f.title}: ${f.operations.join(', ')}`);
    for (const e of errors) console.log(`fuzz: errors                ${e.count} × ${e.title}`);
    if (warnings.length) console.log(`fuzz: warnings              ${warnings.join(', ')}`);
    console.log(`fuzz: checks ${opts.checks.join(', ')}; seed ${opts.seed}; ${((Date.now() - started) / 1000).toFixed(0)} s in all; reports in ${reportDir}`);
    totals = caseTotals(reports);

    const failed = failures.length > 0 || errors.length > 0 || reports.some((r) => r.exit_code !== 0 || !r.complete);
    return failed ? 1 : 0;
  };

  return run()
    .catch((err: unknown) => {
      if (interrupted) return 130;
      console.error(`fuzz: ${err instanceof Error ? err.message : err}`);
      return 1;
    })
    .finally(async () => {
      halt.abort();
      await fuzzing?.catch(() => undefined);
      await supervisor.stop();
      await new Promise((resolve) => systemLog.end(resolve));
      // The reports stay for reading; the private system's database, uploads and mail go.
      fs.rmSync(varDir, { recursive: true, force: true });
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    })
    .then((code) => {
      recordTotals(resultsFile, code, totals);
      return code;
    });
}

let opts: ReturnType<typeof options>;
try {
  opts = options();
} catch (err) {
  console.error(`fuzz: ${err instanceof Error ? err.message : err}`);
  process.exit(64);
}
void main(opts).then((code) => process.exit(code));
