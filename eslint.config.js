// ESLint: the layer rules (which folder may import which) and the checks typescript-eslint
// recommends. Formatting is Prettier's (.prettierrc.json); eslint-config-prettier turns off
// every ESLint rule that would disagree with it. Both run in `npm test` (npm run lint).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A `no-restricted-syntax` rule refusing each selector with its message. */
const syntax = (...entries) => ({ 'no-restricted-syntax': ['error', ...entries] });
/**
 * A `no-restricted-imports` rule refusing each group with the reason given: `[patterns, message]`
 * (gitignore-style paths), or `{ names, message }` (exact module names, such as Node's built-ins).
 */
const refuse = (...groups) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: groups.filter(Array.isArray).map(([group, message]) => ({ group, message })),
      paths: groups
        .filter((g) => !Array.isArray(g))
        .flatMap(({ names, message }) => names.map((name) => ({ name, message }))),
    },
  ],
});

const electron = [['electron', 'electron/*'], 'Only src-main/desktop and src-preload may import electron.'];
const host = [['**/host/**', '**/host'], 'The web host is a face: nothing below it imports it.'];
const desktop = [['**/desktop/**'], 'The desktop glue is a face: nothing below it imports it.'];
const cli = [['**/cli/**'], 'The CLI is a face: nothing below it imports it.'];
const desktopMain = [['**/src-main/index', '../index', '../../index'], 'The desktop main process is a face.'];
/** Node's built-in modules under both names (`fs`, `node:fs`), and the packages that need Node. */
const nodeOnly = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'better-sqlite3', 'undici', 'ws'];
/**
 * Faces use the facade (engine/workbench.ts), the contract, and the engine's pure libraries (signing, diff, ids,
 * sealing, defaultDataDir: a command's help names the default directory without loading the engine).
 */
const pastFacade = [
  [
    ...['store', 'delivery', 'receiver', 'logs', 'export', 'events', 'webhooks', 'workspaces'].flatMap((d) => [
      `**/engine/${d}`,
      `**/engine/${d}/**`,
    ]),
    ...['sender', 'eventBus', 'localInbox', 'retention'].map((f) => `**/engine/${f}`),
    // Sealing is a library, but these two write to the database.
    '**/engine/secrets/storeSecrets',
    '**/engine/secrets/storeCredentials',
  ],
  'Faces reach the engine through its facade (engine/workbench.ts) and the contract (src-main/api), not its store, services or workers.',
];
/**
 * A face never holds the facade's parts: `wb.sender`, `workbench.receiver`, `this.workbench.sender`
 * (by the names faces give a Workbench; the import rule above keeps the parts' modules out).
 */
const noFacadeParts = {
  selector:
    'MemberExpression[property.name=/^(sender|receiver)$/]:matches([object.name=/^(wb|workbench|bench)$/i], [object.property.name=/^(wb|workbench|bench)$/i])',
  message: 'Call the Workbench (an operation or a facade method), not its sender or receiver.',
};
/** `import('electron')` and `require('electron')` are imports too. */
const noDynamicElectron = {
  selector:
    ":matches(ImportExpression[source.value='electron'], CallExpression[callee.name='require'][arguments.0.value='electron'])",
  message: 'Only src-main/desktop and src-preload may import electron.',
};

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'scratch/**',
      'test-results/**',
      'playwright-report/**',
      'resources/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The JavaScript files (scripts, the write worker, this config) run in Node; TypeScript checks its own names.
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // A variable a closure reads before it is assigned (a child process a server handler kills) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['src-renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // Tests reach into objects on purpose (a server's handler, a raw row); the sources may not.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['src-main/engine/**'],
    rules: { ...refuse(electron, host, desktop, cli, desktopMain), ...syntax(noDynamicElectron) },
  },
  {
    files: ['src-main/api/**'],
    rules: {
      ...refuse(
        electron,
        host,
        desktop,
        cli,
        [
          ['**/engine/**', 'node:*'],
          'The contract layer is isomorphic: the renderer imports it, so it imports no engine code.',
        ],
        {
          names: nodeOnly,
          message: 'The contract layer is isomorphic: the renderer imports it, so nothing that needs Node.',
        },
      ),
      ...syntax(noDynamicElectron),
    },
  },
  { files: ['src-main/desktop/**'], rules: { ...refuse(host, cli, pastFacade), ...syntax(noFacadeParts) } },
  {
    files: ['src-main/host/**'],
    rules: { ...refuse(electron, desktop, cli, desktopMain, pastFacade), ...syntax(noFacadeParts, noDynamicElectron) },
  },
  {
    files: ['src-main/cli/**'],
    rules: { ...refuse(electron, desktop, desktopMain, pastFacade), ...syntax(noFacadeParts, noDynamicElectron) },
  },
  { files: ['src-main/index.ts'], rules: { ...refuse(host, cli, pastFacade), ...syntax(noFacadeParts) } },
  {
    files: ['src-renderer/**'],
    rules: {
      ...refuse(
        electron,
        [
          ['**/src-main/*', '!**/src-main/api', '**/src-main/*/**', '!**/src-main/api/**'],
          'The renderer reaches the engine only through the contract layer (src-main/api).',
        ],
        [['node:*'], 'The renderer runs in a browser: nothing that needs Node.'],
        { names: nodeOnly, message: 'The renderer runs in a browser: nothing that needs Node.' },
      ),
      ...syntax(noDynamicElectron),
    },
  },
  prettier,
);
