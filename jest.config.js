/** Three tiers: unit (no broker), mock (embedded cluster), kafka (real cluster). */
const tier = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^simple-kafka$': '<rootDir>/src/index.ts', '^simple-kafka/testing$': '<rootDir>/src/testing/index.ts' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }] },
});

module.exports = {
  projects: [tier('unit'), tier('mock'), tier('kafka')],
  testTimeout: 60000,
};
