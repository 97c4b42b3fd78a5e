// Two jest projects: fast unit specs beside the code, and integration specs against the real
// Kafka, PostgreSQL and Redis (see libs/testing). `npm test` runs both.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
  },
];
const moduleNameMapper = {
  '^@donations/(contracts|config|observability|kafka|database|testing|adapter-kit|platform-sim)$':
    '<rootDir>/libs/$1/src',
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.cache'],
};
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,bench,deploy,test}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      // *.failover-spec.ts: the broker-failover test on a 3-node cluster of its own, the longest
      // (`npm run test:failover` runs it alone).
      testMatch: [
        '<rootDir>/{libs,services}/**/*.int-spec.ts',
        '<rootDir>/test/**/*.{int,failover}-spec.ts',
      ],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
