/**
 * Four jest projects: `unit` (node code against the stand-ins, fast), `setup` (the installer's
 * steps into an empty folder and the published file list) and `e2e` (the built package inside a
 * real n8n), `queue` (the same in n8n's queue mode). scripts/run-tests.mjs runs them as suites.
 */
module.exports = {
	// Unit tests finish in seconds; the e2e files set their own, longer bounds.
	testTimeout: 60000,
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			modulePathIgnorePatterns: ['<rootDir>/dist/package.json'],
			testMatch: ['<rootDir>/test/**/*.test.js'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/e2e-queue/', '<rootDir>/test/setup/'],
		},
		{
			displayName: 'setup',
			testEnvironment: 'node',
			modulePathIgnorePatterns: ['<rootDir>/dist/package.json'],
			testMatch: ['<rootDir>/test/setup/**/*.test.js'],
		},
		{
			// n8n in queue mode (Redis, PostgreSQL, main, 2 workers, webhook processor): test/e2e-queue/
			displayName: 'queue',
			testEnvironment: 'node',
			modulePathIgnorePatterns: ['<rootDir>/dist/package.json'],
			testMatch: ['<rootDir>/test/e2e-queue/**/*.test.js'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			modulePathIgnorePatterns: ['<rootDir>/dist/package.json'],
			testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
		},
	],
};
