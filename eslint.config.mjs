// Lint rules for every project. Type-aware rules need each file's tsconfig,
// which the project service finds on its own.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const productionConstraints = [
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  {
    sourceTag: 'runtime:aws',
    onlyDependOnLibsWithTags: ['type:lib'],
  },
  {
    sourceTag: 'runtime:local',
    onlyDependOnLibsWithTags: ['type:lib', 'type:tool'],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:lib', 'type:tool'],
  },
];

// Tests and benchmarks may lean on the local stand-ins in tools/;
// production code may not.
const testConstraints = productionConstraints.map((constraint) => ({
  ...constraint,
  onlyDependOnLibsWithTags: [
    ...new Set([...constraint.onlyDependOnLibsWithTags, 'type:tool']),
  ],
}));

const testFiles = ['**/*.spec.ts', '**/test/**/*.ts', '**/bench/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/tmp',
      '**/.nx',
      '**/*.cjs',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: productionConstraints,
        },
      ],
    },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: testConstraints,
        },
      ],
      // Jest's expect(...).rejects and mock helpers trip these.
      '@typescript-eslint/unbound-method': 'off',
      // Jest's asymmetric matchers (expect.any, objectContaining) are typed
      // `any`; in a test they are the point, not a leak.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  prettier,
);
