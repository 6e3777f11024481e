import type { Issue } from "../../backend/base/index.js";
import { nearest } from "../../backend/base/index.js";
import type { AgentDirectories, AgentSpec } from "../../backend/ra/index.js";
import {
  agentDirectories,
  availableClasses,
  describeAgent,
  formatAgentInfo,
  formatAgentSpec,
  formatColumns,
  lsbTypes,
  ocfExitName,
  ocfProviders,
  ocfProvidersOf,
  ocfTypes,
  parseAgentSpec,
  stonithTypes,
  systemdTypes,
  validateAgent,
} from "../../backend/ra/index.js";
import type { Command, CommandContext, Level, Outcome } from "./types.js";
import { done, failed } from "./types.js";

function directoriesOf(context: CommandContext): AgentDirectories {
  return agentDirectories(context.environment);
}

/** `ERROR: message`, with `(did you mean "x"?)` when a known name is close to the typed one. */
function refuse(context: CommandContext, message: string, suggestion?: string): Outcome {
  const hint = suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
  context.output.error(message + hint);
  return failed;
}

const classesCommand: Command = {
  name: "classes",
  aliases: [],
  usage: "",
  help: "List the resource agent classes (and the providers of ocf)",
  run: (_input, context): Outcome => {
    const directories = directoriesOf(context);
    for (const agentClass of availableClasses(directories)) {
      const providers = agentClass === "ocf" ? ocfProviders(directories) : [];
      context.output.line(
        providers.length > 0 ? `${agentClass} / ${providers.join(" ")}` : agentClass,
      );
    }
    return done;
  },
};

const providersCommand: Command = {
  name: "providers",
  aliases: [],
  usage: "<type> [<class>]",
  help: "List the providers of an agent type (ocf only)",
  example: "providers Dummy",
  run: (input, context): Outcome => {
    const [type, agentClass = "ocf"] = input.args;
    if (type === undefined) return refuse(context, "Usage: providers <type> [<class>]");
    if (agentClass !== "ocf") return refuse(context, `No providers for class ${agentClass}`);
    const directories = directoriesOf(context);
    const providers = ocfProvidersOf(directories, type);
    if (providers.length === 0) {
      const message = `No ocf agent is named "${type}"`;
      return refuse(context, message, nearest(type, ocfTypes(directories)));
    }
    context.output.line(providers.join(" "));
    return done;
  },
};

/** The agent types of a class; systemd is empty where systemd is not init. */
async function typesOf(
  directories: AgentDirectories,
  agentClass: string,
  provider: string | undefined,
): Promise<string[]> {
  switch (agentClass) {
    case "ocf":
      return ocfTypes(directories, provider);
    case "lsb":
      return lsbTypes(directories);
    case "systemd":
      return systemdTypes(directories);
    case "service":
      return [...new Set([...lsbTypes(directories), ...(await systemdTypes(directories))])].sort();
    case "stonith":
      return stonithTypes(directories);
    default:
      return [];
  }
}

const listCommand: Command = {
  name: "list",
  aliases: [],
  usage: "<class> [<provider>]",
  help: "List the agents of a class, or of one ocf provider",
  example: "list ocf pacemaker",
  run: async (input, context): Promise<Outcome> => {
    const [agentClass, provider] = input.args;
    if (agentClass === undefined) return refuse(context, "Usage: list <class> [<provider>]");
    const directories = directoriesOf(context);
    const classes = [...availableClasses(directories), "systemd"];
    if (!classes.includes(agentClass)) {
      const message = `class ${agentClass} does not exist`;
      return refuse(context, message, nearest(agentClass, classes));
    }
    if (provider !== undefined) {
      const providers = agentClass === "ocf" ? ocfProviders(directories) : [];
      if (!providers.includes(provider)) {
        const message = `there is no provider ${provider} for class ${agentClass}`;
        return refuse(context, message, nearest(provider, providers));
      }
    }
    const types = await typesOf(directories, agentClass, provider);
    for (const line of formatColumns(types)) context.output.line(line);
    return done;
  },
};

/** `info TYPE CLASS [PROVIDER]`, crmsh's older form, or `info [CLASS:[PROVIDER:]]TYPE`. */
function specOf(args: readonly string[]): AgentSpec | readonly Issue[] {
  const [first = "", second, third] = args;
  if (second !== undefined) {
    return third === undefined || second !== "ocf"
      ? { agentClass: second, type: first }
      : { agentClass: second, provider: third, type: first };
  }
  const parsed = parseAgentSpec(first);
  return parsed.ok ? parsed.value : parsed.issues;
}

const infoCommand: Command = {
  name: "info",
  aliases: ["meta"],
  usage: "[<class>:[<provider>:]]<type>",
  help: "Show an agent's meta-data: description, parameters and operation defaults",
  example: "info ocf:quorate:Dummy",
  run: async (input, context): Promise<Outcome> => {
    if (input.args.length === 0) {
      return refuse(context, "Expected [<class>:[<provider>:]]<type>");
    }
    const spec = specOf(input.args);
    if (!("type" in spec)) {
      context.output.issues(spec);
      return failed;
    }
    const described = await describeAgent(directoriesOf(context), spec);
    if (!described.ok) {
      for (const found of described.issues) refuse(context, found.message, found.suggestion);
      return failed;
    }
    const { spec: resolved, metadata } = described.value;
    const lines = formatAgentInfo(metadata, {
      spec: formatAgentSpec(resolved),
      type: resolved.type,
    });
    for (const line of lines) context.output.line(line);
    return done;
  },
};

/** `name=value` words into parameters; undefined (after an error) when one has no `=`. */
function parametersOf(
  words: readonly string[],
  context: CommandContext,
): Map<string, string> | undefined {
  const parameters = new Map<string, string>();
  for (const word of words) {
    const at = word.indexOf("=");
    if (at <= 0) {
      context.output.error(`Expected name=value, not "${word}"`);
      return undefined;
    }
    parameters.set(word.slice(0, at), word.slice(at + 1));
  }
  return parameters;
}

const validateCommand: Command = {
  name: "validate",
  aliases: [],
  usage: "[<class>:[<provider>:]]<type> [<name>=<value> ...]",
  help: "Run an ocf agent's validate-all with the given parameters",
  example: "validate ocf:quorate:Dummy op_sleep=2",
  run: async (input, context): Promise<Outcome> => {
    const [agent, ...words] = input.args;
    if (agent === undefined) return refuse(context, "Usage: validate <agent> [name=value ...]");
    const spec = parseAgentSpec(agent);
    const parameters = parametersOf(words, context);
    if (!spec.ok) context.output.issues(spec.issues);
    if (!spec.ok || parameters === undefined) return failed;
    const validated = await validateAgent(directoriesOf(context), spec.value, parameters);
    if (!validated.ok) {
      for (const found of validated.issues) refuse(context, found.message, found.suggestion);
      return failed;
    }
    const { exitCode, exitReason, output } = validated.value;
    for (const line of output) context.output.info(line);
    if (exitCode === 0) return done;
    const named = formatAgentSpec(validated.value.spec);
    const because = exitReason === undefined ? "" : `: ${exitReason}`;
    return refuse(
      context,
      `${named}: validate-all returned ${String(exitCode)} (${ocfExitName(exitCode)})${because}`,
    );
  },
};

export const raLevel: Level = {
  name: "ra",
  aliases: [],
  help: "Resource agents: classes, providers, lists and meta-data",
  commands: [classesCommand, providersCommand, listCommand, infoCommand, validateCommand],
};
