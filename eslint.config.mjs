// Lint: eslint's and typescript-eslint's recommended rules, plus the pipeline rule (see STYLE.md and
// test/layering.unit.ts). Formatting is prettier's job (.prettierrc), not the linter's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'imports/*',
      '!imports/plain-api-object.ts',
      'lib/**',
      'types/**',
      'dist/**',
      'dist-gcloud/**',
      'node_modules/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        require: 'readonly',
        module: 'writable',
        console: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Reporting goes through findings and the CLI's writers, never console.log (STYLE.md).
      'no-console': 'error',
    },
  },
  {
    // Tests and benches read arbitrary emitted YAML: `any` is the honest type there.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-console': 'off' },
  },
);
