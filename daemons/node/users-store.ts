import { statSync } from "node:fs";
import type { ClusterUser } from "../../backend/users/index.js";
import { readUsers } from "../../backend/users/index.js";
import type { Log } from "./log.js";

/**
 * The cluster users file as the client channel sees it: read again whenever it changes on disk
 * (size, inode or modification time), so `crm cluster user add` takes effect at the next
 * login. A file that does not read keeps nobody in: its users are dropped until it is fixed.
 */
export class UsersStore {
  #stamp = "";
  #users = new Map<string, ClusterUser>();

  constructor(
    readonly path: string,
    readonly log: Log,
  ) {}

  find(name: string): ClusterUser | undefined {
    this.#refresh();
    return this.#users.get(name);
  }

  #refresh(): void {
    let stamp: string;
    try {
      const stat = statSync(this.path);
      stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      stamp = "absent";
    }
    if (stamp === this.#stamp) return;
    this.#stamp = stamp;
    const read = readUsers(this.path);
    if (!read.ok) {
      for (const problem of read.issues) this.log.write("warning", "AUTH", problem.message);
      this.#users = new Map();
      return;
    }
    this.#users = new Map(read.value.map((user) => [user.name, user]));
    this.log.write("info", "AUTH", `Read ${read.value.length} users from ${this.path}`);
  }
}
