// The root config (type-checked TypeScript rules, zero warnings) plus Angular's rules for
// components and templates, including the template accessibility checks.
import angular from 'angular-eslint';
import tseslint from 'typescript-eslint';
import root from '../eslint.config.mjs';

// The root's type-checked rules are for TypeScript; templates get Angular's parser instead.
const typescriptOnly = root.map((config) =>
  config.files || (config.ignores && Object.keys(config).length === 1)
    ? config
    : { ...config, files: ['**/*.ts'] },
);

export default tseslint.config(
  ...typescriptOnly,
  {
    files: ['src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'app', style: 'kebab-case' },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/prefer-standalone': 'error',
    },
  },
  {
    files: ['src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {
      '@angular-eslint/template/prefer-control-flow': 'error',
    },
  },
);
