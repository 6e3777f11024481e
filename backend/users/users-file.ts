import { fail, issue, ok, type Issue, type Result } from "../base/index.js";
import { parsePasswordHash } from "./password.js";

/**
 * The cluster users file: one user a line, `NAME:scrypt$N$r$p$SALT$HASH[:GROUP,GROUP…]`;
 * blank lines and `#` comments are skipped. The groups are what acl_group entries match.
 */
export interface ClusterUser {
  readonly name: string;
  readonly passwordHash: string;
  readonly groups: readonly string[];
}

export type UsersFileCode = "bad_user_line" | "bad_user_name" | "duplicate_user";

const namePattern = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** Accounts the ACLs never restrict; a password login must not be able to take their name. */
export const reservedUserNames: readonly string[] = ["root", "hacluster"];

/** Why `name` cannot be a cluster user's name, or undefined when it can. */
export function userNameProblem(name: string): string | undefined {
  if (!namePattern.test(name)) {
    return `Bad user name "${name}": expected a letter or "_" then up to 63 letters, digits, "_", "." or "-"`;
  }
  if (reservedUserNames.includes(name)) {
    return `"${name}" is reserved: it is never restricted by ACLs and cannot log in with a password`;
  }
  return undefined;
}

function lineIssue(code: UsersFileCode, line: number, message: string): Issue<UsersFileCode> {
  return issue(code, `line ${line}: ${message}`, {
    span: { line, column: 1, offset: 0, length: 0 },
  });
}

function parseLine(text: string, line: number): Result<ClusterUser, UsersFileCode> {
  const fields = text.split(":");
  const [name, hash, groupsText] = fields;
  if (fields.length < 2 || fields.length > 3 || name === undefined || hash === undefined) {
    return fail([lineIssue("bad_user_line", line, "expected NAME:HASH or NAME:HASH:GROUPS")]);
  }
  const problem = userNameProblem(name);
  if (problem !== undefined) return fail([lineIssue("bad_user_name", line, problem)]);
  if (parsePasswordHash(hash) === undefined) {
    return fail([
      lineIssue("bad_user_line", line, `the password of "${name}" is not a scrypt hash`),
    ]);
  }
  const groups = groupsText === undefined || groupsText === "" ? [] : groupsText.split(",");
  const badGroup = groups.find((group) => !namePattern.test(group));
  if (badGroup !== undefined) {
    return fail([lineIssue("bad_user_line", line, `bad group name "${badGroup}"`)]);
  }
  return ok({ name, passwordHash: hash, groups });
}

export function parseUsersFile(text: string): Result<ClusterUser[], UsersFileCode> {
  const users: ClusterUser[] = [];
  const issues: Issue<UsersFileCode>[] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const parsed = parseLine(line, index + 1);
    if (!parsed.ok) return void issues.push(...parsed.issues);
    if (seen.has(parsed.value.name)) {
      issues.push(
        lineIssue("duplicate_user", index + 1, `user "${parsed.value.name}" is listed twice`),
      );
      return;
    }
    seen.add(parsed.value.name);
    users.push(parsed.value);
  });
  return issues.length > 0 ? fail(issues) : ok(users);
}

export function formatUsersFile(users: readonly ClusterUser[]): string {
  const header = "# quorate cluster users: NAME:scrypt$N$r$p$SALT$HASH[:GROUPS]\n";
  const lines = users.map((user) => {
    const groups = user.groups.length > 0 ? `:${user.groups.join(",")}` : "";
    return `${user.name}:${user.passwordHash}${groups}\n`;
  });
  return header + lines.join("");
}
