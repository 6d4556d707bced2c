/**
 * The integration tier (`*.int-spec.ts`): repositories and services against a real PostgreSQL.
 * global-setup.ts creates a database for the run (send_int_<pid>_<random>) and runs the
 * migrations; global-teardown.ts drops it. One file at a time (--runInBand): the files share the
 * run's database and each keeps to its own rows. Nest 12 (and a few other packages) ship ES modules
 * only: Babel turns their files into CommonJS for Jest.
 */
/** Packages published as ES modules only that the server's files import. */
const ESM_ONLY = [
  '@nestjs',
  'canonicalize',
  'openid-client',
  'oauth4webapi',
  'jose',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  '@borewit',
];

module.exports = {
  displayName: 'server-int',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: '<rootDir>/tsconfig.int.json', isolatedModules: true },
    ],
    [`node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      'babel-jest',
      {
        plugins: [
          require.resolve('./src/testing/esm-to-cjs.babel.cjs'),
          '@babel/plugin-transform-modules-commonjs',
        ],
        babelrc: false,
        configFile: false,
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/global-teardown.ts',
  testTimeout: 30_000,
};
