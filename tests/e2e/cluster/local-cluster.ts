// The local-cluster helpers live in tests/support/local-cluster.ts (one copy for every e2e test
// and bench); this path keeps working for the tests that import it.
export * from "../../support/local-cluster.js";
