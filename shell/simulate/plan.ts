/** What crm_simulate needs from the scheduler for one CIB. */
import type { Result } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type { TransitionGraph } from "./graph.js";

export interface SchedulePlan {
  /** Transition Summary items without their bullet (`Start      rsc1    ( node1 )`). */
  readonly summary: readonly string[];
  /** Score lines (`pcmk__primitive_assign: rsc1 allocation score on node1: 0`), in order. */
  readonly scores: readonly string[];
  readonly graph: TransitionGraph;
}

/** Schedules a CIB; `now` is the -t date (the CIB's execution-date wins). */
export type Scheduler = (cib: XmlElement, now: string | undefined) => Result<SchedulePlan>;
