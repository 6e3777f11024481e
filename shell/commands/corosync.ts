import {
  ClientError,
  fetchQuorumStatus,
  resolveClusterTarget,
} from "../../backend/client/index.js";
import { formatQuorumStatus } from "../../backend/corosync/index.js";
import type { Command, Level } from "./types.js";
import { done, failed } from "./types.js";

const statusCommand: Command = {
  name: "status",
  aliases: ["show"],
  usage: "",
  help: "Show quorum and membership as corosync-quorumtool -s prints them",
  run: async (_input, context) => {
    try {
      const target = resolveClusterTarget(context.environment);
      const status = await fetchQuorumStatus(target);
      for (const line of formatQuorumStatus(status, { date: new Date() }))
        context.output.line(line);
      return done;
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      context.output.error(`Cannot read the quorum status: ${error.message}`);
      return failed;
    }
  },
};

export const corosyncLevel: Level = {
  name: "corosync",
  aliases: [],
  help: "Corosync-compatible membership and quorum of the live cluster",
  commands: [statusCommand],
};
