import { nearest } from "../../backend/base/index.js";
import type { OptionSpec } from "./options-store.js";
import { optionSpecs } from "./options-store.js";
import { preferencesOf } from "./preferences.js";
import type { Command, CommandContext, Level, Outcome } from "./types.js";
import { done, failed } from "./types.js";

/** The options of this shell: crm.conf as read at start, changed here, written by `save`. */
function specByKey(key: string): OptionSpec | undefined {
  return Object.values(optionSpecs).find((spec) => spec.key === key);
}

function setOption(context: CommandContext, spec: OptionSpec, value: string): Outcome {
  if (spec.choices !== undefined && !spec.choices.includes(value)) {
    context.output.error(
      `Invalid value "${value}" for ${spec.key}: expected ${spec.choices.join(", ")}`,
    );
    return failed;
  }
  preferencesOf(context).set(spec.key, value);
  return done;
}

function showOptions(context: CommandContext, which: string | undefined): Outcome {
  const values = preferencesOf(context).values;
  const specs = Object.values(optionSpecs);
  const shown =
    which === undefined
      ? specs.filter((spec) => values.has(spec.key))
      : specs.filter(
          (spec) => which === "all" || spec.key.startsWith(which) || spec.key.endsWith(which),
        );
  for (const spec of [...shown].sort((left, right) => left.key.localeCompare(right.key))) {
    context.output.line(`${spec.key} = ${values.get(spec.key) ?? spec.defaultValue}`);
  }
  return done;
}

function saveOptions(context: CommandContext): Outcome {
  try {
    preferencesOf(context).save();
  } catch (error) {
    context.output.error(`Cannot save the options: ${(error as Error).message}`);
    return failed;
  }
  return done;
}

function optionCommand(name: string, spec: OptionSpec): Command {
  const values = spec.choices === undefined ? "<value>" : spec.choices.join("|");
  return {
    name,
    // crmsh accepts the crm.conf spelling too: sort_elements for sort-elements.
    aliases: name.includes("-") ? [name.replaceAll("-", "_")] : [],
    usage: values,
    help: `Set ${spec.key} (default ${spec.defaultValue === "" ? "empty" : spec.defaultValue})`,
    example: `${name} ${spec.choices?.[0] ?? "vim"}`,
    run: (input, context) => {
      const [value] = input.args;
      if (value === undefined || input.args.length > 1) {
        context.output.error(`usage: ${name} ${values}`);
        return failed;
      }
      return setOption(context, spec, value);
    },
  };
}

const setCommand: Command = {
  name: "set",
  aliases: [],
  usage: "<section>.<option> <value>",
  help: "Set an option by its crm.conf name, e.g. core.editor",
  example: "set core.pager less",
  run: (input, context) => {
    const [key, value] = input.args;
    if (key === undefined || value === undefined || input.args.length > 2) {
      context.output.error("usage: set <section>.<option> <value>");
      return failed;
    }
    const spec = specByKey(key);
    if (spec === undefined) {
      const suggestion = nearest(
        key,
        Object.values(optionSpecs).map((item) => item.key),
      );
      context.output.error(
        `Unknown option "${key}"${suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`}`,
      );
      return failed;
    }
    return setOption(context, spec, value);
  },
};

export const optionsLevel: Level = {
  name: "options",
  aliases: [],
  help: "User preferences (the crm.conf of ~/.config/crm): editor, pager, output, wait…",
  commands: [
    {
      name: "show",
      aliases: ["list"],
      usage: "[all|<option>]",
      help: "Show the options set in crm.conf, all options, or those matching a name",
      example: "show all",
      run: (input, context) => showOptions(context, input.args[0]),
    },
    setCommand,
    {
      name: "save",
      aliases: [],
      usage: "",
      help: "Write the options to crm.conf",
      run: (_input, context) => saveOptions(context),
    },
    {
      name: "reset",
      aliases: [],
      usage: "",
      help: "Forget the options changed in this session (reread crm.conf)",
      run: (_input, context) => {
        preferencesOf(context).reset();
        return done;
      },
    },
    ...Object.entries(optionSpecs).map(([name, spec]) => optionCommand(name, spec)),
  ],
  leave: (context) => (preferencesOf(context).changed ? saveOptions(context) : done),
};
