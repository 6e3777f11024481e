/** crmsh's skill levels, lowest first (`options skill-level`). */
export type SkillLevel = "operator" | "administrator" | "expert";

const rank: Readonly<Record<SkillLevel, number>> = { operator: 0, administrator: 1, expert: 2 };

interface LevelSkills {
  /** What every command of the level needs unless listed below. */
  readonly otherwise: SkillLevel;
  readonly commands: Readonly<Record<string, SkillLevel>>;
}

/**
 * The skill each command needs, as crmsh 4.4 marks its commands (`@command.skill_level`):
 * configuring is for administrators (ACLs and rsctest for experts), runtime commands that
 * start, stop, and put nodes in standby are for operators.
 */
const skills: Readonly<Record<string, LevelSkills>> = {
  configure: {
    otherwise: "administrator",
    commands: {
      simulate: "operator",
      bundle: "operator",
      role: "expert",
      user: "expert",
      acl_target: "expert",
    },
  },
  cib: { otherwise: "administrator", commands: {} },
  ra: { otherwise: "administrator", commands: { classes: "operator" } },
  resource: {
    otherwise: "operator",
    commands: {
      move: "administrator",
      ban: "administrator",
      clear: "administrator",
      cleanup: "administrator",
      param: "administrator",
      meta: "administrator",
      utilization: "administrator",
    },
  },
  cluster: {
    otherwise: "operator",
    commands: { start: "administrator", stop: "administrator", run: "expert" },
  },
};

/** The commands of every level (moving about and help) need no skill. */
const everywhere: ReadonlySet<string> = new Set(["help", "ls", "cd", "up", "quit"]);

/** The skill a command needs (operator when crmsh marks nothing). */
export function requiredSkill(level: string, command: string): SkillLevel {
  const found = everywhere.has(command) ? undefined : skills[level];
  if (found === undefined) return "operator";
  return found.commands[command] ?? found.otherwise;
}

/** Whether someone at skill `have` may run a command that needs `need`. */
export function skillAllows(have: SkillLevel, need: SkillLevel): boolean {
  return rank[have] >= rank[need];
}
