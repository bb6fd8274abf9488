import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const appsScriptGlobals = [
  'SpreadsheetApp', 'HtmlService', 'PropertiesService', 'CacheService', 'LockService',
  'Session', 'MailApp', 'GmailApp', 'Utilities', 'ScriptApp', 'ContentService', 'Logger',
  'UrlFetchApp', 'DriveApp', 'CalendarApp', 'Browser',
];
const hostGlobals = [
  'window', 'document', 'navigator', 'location', 'localStorage', 'fetch', 'google',
  'process', 'require', 'module', 'Buffer', 'global', 'globalThis', '__dirname',
  // Not in Apps Script's V8 either:
  'TextEncoder', 'TextDecoder', 'structuredClone', 'setTimeout', 'setInterval', 'queueMicrotask', 'atob', 'btoa', 'crypto',
];
const restricted = (names, why) => names.map((name) => ({ name, message: why }));

export default tseslint.config(
  { ignores: ['node_modules/**', 'appsscript/**', '.sandbox/**', 'coverage/**', '.jest-cache/**', 'reports/**', '.stryker-tmp/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,mjs,cjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Pages talk to the server only through the contract (src/app/contract.ts, types) and src/ui/rpc.ts;
    // they may use pure src/core code (money parsing) but nothing of the adapters or the use cases' code.
    files: ['src/ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/gas/**', '**/sandbox/**'], message: 'pages call the server through src/ui/rpc.ts and the contract in src/app/contract.ts.' },
          { group: ['**/app/**'], allowTypeImports: true, message: 'pages import only types from src/app (the use cases run on the server).' },
        ],
      }],
    },
  },
  {
    // Pure layers: no Apps Script, DOM or Node globals, no imports from adapters.
    files: ['src/core/**/*.ts', 'src/app/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error',
        ...restricted(appsScriptGlobals, 'src/core and src/app are pure: use a port (src/app/ports.ts).'),
        ...restricted(hostGlobals, 'src/core and src/app are pure: no DOM or Node globals.')],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/gas/**', '**/ui/**', '**/sandbox/**', 'node:*', 'fs', 'path'], message: 'pure layers import only core/app modules and zod.' },
        ],
      }],
    },
  },
);
