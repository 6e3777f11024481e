import { describeSwarm } from "./swarm-suite.js";

// The other half of the seeds of membership.sim.test.ts, in a second worker.
describeSwarm(1, 2);
