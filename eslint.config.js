import tsParser from '@typescript-eslint/parser';
import regexp from 'eslint-plugin-regexp';

// ESLint runs for one thing only: regular expressions that take more than linear time (ReDoS). A
// pattern that meets an uploaded cell, a header or a query must not freeze the server; these rules
// check every regex literal and `new RegExp('…')` in the code. Biome stays the formatter and the
// linter for everything else, so no other rule is switched on here.
//
// Not seen by these rules: the `pattern` strings of the TypeBox schemas (Ajv compiles them). Keep
// them to one character class per quantifier, anchored, as they are now.

const TS = ['**/*.ts', '**/*.tsx'];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', 'test-artifacts/**'] },
  {
    files: TS,
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { regexp },
    rules: {
      // Backtracking within one attempt: /^(?:x+)*$/, /^(.*?)[\s,]*unit:/ (each split of the input
      // tried). 'potential' also reports what the plugin cannot prove exploitable.
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
    },
  },
  {
    // The code that meets user input: also a match that fails late and is retried from every start
    // position (/\s+$/ over many spaces and then a letter is quadratic though each attempt is
    // linear). Tests match their own fixed texts, so they are spared this one.
    files: ['server/src/**/*.{ts,tsx}', 'web/src/**/*.{ts,tsx}'],
    rules: {
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignorePartial: false }],
    },
  },
];
