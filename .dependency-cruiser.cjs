// The rooms and what each may import, as the redesign (issue 10) sets them out. One rule per room names
// what that room may NOT import: every module outside its allowed list. Type imports count as
// arrows (tsPreCompilationDeps), so an `import type` upward is as much a violation as a value one;
// the only type-only exceptions are the ones the table grants, each a rule of its own.
// Checked by test/architecture/layers.test.ts and `npm run lint:layers`.
const { builtinModules } = require('node:module');

/** Node's built-in modules as dependency-cruiser names them: `fs`, `node:fs`, `fs/promises`. */
const NODE = `(node:)?(${builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '[/]')).join('|')})$`;
/** Any installed package. */
const NPM = 'node_modules/';
/** One installed package, e.g. npm('zod'). */
const npm = (name) => `node_modules/${name}/`;

/**
 * A rule forbidding `room` to import anything outside `allowed` (folders, npm(...) packages, NPM,
 * NODE). Local folders are written `domain/`, a single file `workflows/contract[.]ts`.
 */
function room(name, comment, allowed) {
  return {
    name: `${name}-imports`,
    severity: 'error',
    comment,
    from: { path: `^${name}/` },
    to: { pathNot: `^(${[`${name}/`, ...allowed].join('|')})`, couldNotResolve: false },
  };
}

/** A rule allowing `from` to import `to` by `import type` only. */
function typeOnly(name, comment, from, to) {
  return {
    name,
    severity: 'error',
    comment,
    from: { path: from },
    to: { path: to, dependencyTypesNot: ['type-only'] },
  };
}

const CONTRACT = 'workflows/contract[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Nothing imports in a circle, types included.',
      from: {},
      to: { circular: true },
    },

    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import of a file that is not there (moved or misspelt).',
      from: {},
      to: { couldNotResolve: true },
    },

    // zxcvbn-ts: a pure library (no I/O) that estimates how guessable a password is.
    room('domain', 'Pure rules and words: zod, and the password estimator.', ['domain/', npm('zod'), npm('@zxcvbn-ts/core'), npm('@zxcvbn-ts/language-common')]),
    // async-mutex: the lock of samples-typescript's safe-message-handlers, for handlers sharing workflow state.
    room('workflows', 'Deterministic code: domain, @temporalio/workflow and the lock; activities are known only through the contract.', [
      'domain/', npm('@temporalio/workflow'), npm('async-mutex'),
    ]),
    room('activities', 'All I/O for workflows: domain, the workflow contract (types), db, mail, audit, gateway.', [
      'domain/', CONTRACT, 'db/', 'mail/', 'audit/', 'gateway/', NPM, NODE,
    ]),
    typeOnly('activities-contract-by-type', "Activities take the contract's types only.", '^activities/', `^${CONTRACT}`),
    room('mail', 'Templates, the outbox key and the mailer: domain only.', ['domain/', NPM, NODE]),
    room('uploads', 'Sealed forms checked and stored: domain only.', ['domain/', NPM, NODE]),
    room('db', "Data access: domain, config, the outbox key; the contract's and the uploads' types.", [
      'domain/', 'config/', 'generated/', 'mail/outbox-key[.]ts$', CONTRACT, 'uploads/', NPM, NODE,
    ]),
    typeOnly('db-contract-by-type', "Data access takes the contract's types only.", '^db/', `^(${CONTRACT}|uploads/)`),
    room('security', 'Passwords and tokens: Node only.', [NODE]),
    room('gateway', "Temporal's client side: domain, the workflows it starts, db (refusals are audited), config.", ['domain/', 'workflows/', 'db/', 'config/', NPM, NODE]),
    room('audit', 'The case history and replay: domain, the workflows (replayed), db, gateway, config.', ['domain/', 'workflows/', 'db/', 'gateway/', 'config/', NPM, NODE]),
    room('use-cases', 'What a person can do: domain, db, gateway, mail, audit, uploads, security, config, the contract.', [
      'domain/', 'db/', 'gateway/', 'mail/', 'audit/', 'uploads/', 'security/', 'config/', CONTRACT, NPM, NODE,
    ]),
    {
      ...room('api', 'The HTTP edge: use cases, domain, config.', ['use-cases/', 'domain/', 'config/', NPM, NODE]),
      // The API's composition roots build what the use cases are given.
      from: { path: '^api/', pathNot: '^api/(app|main)[.]ts$' },
    },
    room('worker', 'The worker process (a composition root): activities, config, db, mail, gateway, telemetry.', ['activities/', 'config/', 'db/', 'mail/', 'gateway/', 'telemetry/', NPM, NODE]),
    room('telemetry', 'Logging: domain only.', ['domain/', NPM, NODE]),
    room('config', 'Typed configuration: no other room.', [NPM, NODE]),
    {
      name: 'prisma-only-in-db',
      severity: 'error',
      comment: 'Only db/ talks to Prisma (tools, tests and Prisma\'s own configuration may).',
      from: { pathNot: '^(db|devtools|scripts|test|prisma)/|^prisma[.]config[.]ts$' },
      to: { path: `^(generated/|${npm('@prisma/[^/]+')}|${npm('.prisma')})` },
    },
  ],
  options: {
    // web/ is the browser's; generated/ is Prisma's, followed no further.
    exclude: { path: '^(web|dist|var|[.]tools)/' },
    doNotFollow: { path: ['node_modules', '^generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
