import { describeSwarm } from "./swarm-suite.js";

// Half of the seeds; membership-2.sim.test.ts runs the other half in a second worker.
describeSwarm(0, 2);
