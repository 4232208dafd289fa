// Lint: TypeScript rules plus the layer rule of ARCHITECTURE §2 —
// imports go one way: core ← analyst ← llm; core ← data, sandbox, store ← tools ← agents ← server, cli.
import tseslint from 'typescript-eslint';

const layers = ['core', 'analyst', 'data', 'llm', 'sandbox', 'store', 'knowledge', 'tools', 'agents', 'provisioning', 'server', 'cli'];

/** What each layer may import besides itself. */
const allowed = {
  core: [],
  analyst: ['core'],
  data: ['core'],
  sandbox: ['core'],
  store: ['core'],
  llm: ['core', 'analyst'],
  knowledge: ['core', 'store'],
  tools: ['core', 'analyst', 'data', 'llm', 'sandbox', 'store', 'knowledge'],
  agents: ['core', 'analyst', 'data', 'llm', 'sandbox', 'store', 'knowledge', 'tools'],
  provisioning: ['core', 'analyst', 'data', 'llm', 'sandbox', 'store', 'knowledge', 'tools', 'agents'],
  server: ['core', 'analyst', 'data', 'llm', 'sandbox', 'store', 'knowledge', 'tools', 'agents', 'provisioning'],
  cli: ['core', 'analyst', 'data', 'llm', 'sandbox', 'store', 'knowledge', 'tools', 'agents', 'provisioning', 'server'],
};

const layerRules = layers.map((layer) => ({
  files: [`src/${layer}/**/*.ts`],
  ignores: [`src/${layer}/**/*.test.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: layers
          .filter((other) => other !== layer && !allowed[layer].includes(other))
          .map((other) => ({
            group: [`**/${other}/**`, `../${other}`, `../../${other}`],
            message: `src/${layer}/ may not import src/${other}/ (ARCHITECTURE §2: imports go one way).`,
          })),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', '.insightx/**', 'web/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  ...layerRules,
  {
    // The web app may import only the shared event/DTO types from core.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: layers.filter((l) => l !== 'core').map((l) => `**/src/${l}/**`), message: 'web/ imports only src/core/ (event and DTO types).' }] }],
    },
  },
);
