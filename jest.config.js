/**
 * Three kinds of tests, one runner:
 * - unit: core rules, handlers on a real on-disk store, the gateway over HTTP (node);
 * - component: compiled mini-program components under miniprogram-simulate (jsdom);
 * - e2e: the H5 build in Debian Chromium through playwright-core (node, run after a build).
 * `npm test` runs unit and component first, then e2e (scripts/test.sh).
 */
const tsJest = [
  'ts-jest',
  { tsconfig: { module: 'commonjs', moduleResolution: 'node', jsx: 'react-jsx', isolatedModules: true } },
];
// fastify's cookie 2 and @fastify/static's content-disposition 3 ship only ES modules: compile them for jest.
const esmOnly = ['content-disposition', 'cookie'];
const esmJest = ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }];
const transform = { '^.+\\.tsx?$': tsJest, [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: esmJest };
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')})/)`];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/{core,functions,server,scripts}/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'component',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/component/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      setupFiles: ['<rootDir>/tests/component/setup.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
    },
  ],
};
