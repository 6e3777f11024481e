// The compiled crm for e2e tests lives in tests/support/crm-build.ts; this path keeps working
// for the tests that import it.
export * from "../../support/crm-build.js";
