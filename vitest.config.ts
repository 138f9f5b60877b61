import { defineConfig } from "vitest/config";

/** `npm test`: everything that needs nothing but Node. Browser and redis tests are in vitest.e2e.config.ts. */
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
