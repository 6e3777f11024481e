import { locateLines, locateResource } from "../../backend/admin/index.js";
import type { Result } from "../../backend/base/index.js";
import { ok } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { unpackCluster } from "../../daemons/scheduler/index.js";
import { renderTree, statusSections } from "../render/status/index.js";
import {
  ClientError,
  fetchQuorumStatus,
  resolveClusterTarget,
} from "../../backend/client/index.js";
import { withMembership } from "../../backend/session/index.js";
import { withSession } from "./configure-support.js";
import { showQuery } from "./resource-support.js";
import type { Command, CommandContext } from "./types.js";

/** crm_resource --locate for each resource named. */
function locateAll(cib: XmlElement, resources: readonly string[]): Result<readonly string[]> {
  const lines: string[] = [];
  for (const resource of resources) {
    const located = locateResource(cib, resource);
    if (!located.ok) return located;
    lines.push(...locateLines(resource, located.value));
  }
  return ok(lines);
}

/** The "Full List of Resources" section crm_resource --list prints, from the same renderer as crm_mon. */
function resourceList(cib: XmlElement): Result<readonly string[]> {
  const model = unpackCluster(cib, { now: String(Math.floor(Date.now() / 1000)) });
  if (!model.ok) return model;
  const sections = statusSections(model.value, { showInactive: true });
  const resources = sections[sections.length - 1];
  return ok(resources === undefined ? [] : renderTree({ ...resources, spacer: false }));
}

/** On quorated, the CIB joined with the membership (as crm_mon shows it); elsewhere as read. */
async function statusCib(context: CommandContext, cib: XmlElement): Promise<XmlElement> {
  try {
    const quorum = await fetchQuorumStatus(resolveClusterTarget(context.environment));
    return withMembership(cib, quorum);
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    return cib;
  }
}

export const resourceStatusCommand: Command = {
  name: "status",
  aliases: ["show", "list"],
  usage: "[<rsc>...]",
  help: "Where resources run: every resource as crm_resource --list, or each one named as --locate",
  example: "status vip",
  run: (input, context) =>
    withSession(context, async (session) => {
      const cib =
        session.kind === "live" ? await statusCib(context, session.working) : session.working;
      return showQuery(context, () =>
        input.args.length === 0 ? resourceList(cib) : locateAll(cib, input.args),
      );
    }),
};

export const locateCommand: Command = {
  name: "locate",
  aliases: [],
  usage: "<rsc>...",
  help: "Show the nodes a resource is active on, as crm_resource --locate (from the status section)",
  example: "locate vip",
  run: (input, context) => {
    if (input.args.length === 0) {
      context.output.error("Expected at least one resource as argument");
      return { kind: "failed" };
    }
    return showQuery(context, (cib) => locateAll(cib, input.args));
  },
};
