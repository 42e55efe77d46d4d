/** Two suites: `unit` (node code against the stand-in, fast) and `e2e` (the built package inside a real n8n). */
module.exports = {
	// Unit tests finish in seconds; the e2e files set their own, longer bounds.
	testTimeout: 60000,
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			modulePathIgnorePatterns: ['<rootDir>/dist/package.json'],
			testMatch: ['<rootDir>/test/**/*.test.js'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			modulePathIgnorePatterns: ['<rootDir>/dist/package.json'],
			testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
		},
	],
};
