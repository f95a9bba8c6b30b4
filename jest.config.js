/** Jest runs TypeScript through ts-jest in transpile-only mode (tsconfig's isolatedModules):
 *  `npm test` type-checks the whole tree once with `tsc --noEmit` before jest starts, so
 *  per-file type checking here would only repeat that work, slowly. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 60000,
};
