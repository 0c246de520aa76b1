// Lint, and the process boundaries: the renderer never reaches Node, Electron or the database;
// db/ never reaches Electron or React; shared/ is pure and reaches none of them.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const noNode = [
  { group: ['node:*'], message: 'This side must not use Node.js modules.' },
];
const noNodeBare = nodeBuiltins.map((name) => ({ name, message: 'This side must not use Node.js modules.' }));
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/ may use Electron.' };
const noDb = { regex: '(^|/)db(/|$)|^(better-sqlite3|kysely)(/|$)', message: 'Only the main process (through the API) reaches the database.' };
const noReact = { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'React belongs to renderer/ only.' };
const noRenderer = { regex: '(^|/)renderer(/|$)', message: 'Nothing imports the renderer.' };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**', 'db/data/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'web/browser/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noNodeBare, patterns: [...noNode, noElectron, noDb] }] },
  },
  {
    files: ['db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noReact, noRenderer] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noNodeBare, patterns: [...noNode, noElectron, noDb, noReact, noRenderer] }] },
  },
  {
    files: ['print/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noReact, noRenderer] }] },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noReact, noRenderer] }] },
  },
  {
    files: ['scripts/**/*.cjs', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
);
