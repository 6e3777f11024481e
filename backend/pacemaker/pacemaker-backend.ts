import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { readXml, writeXml } from "../cib/index.js";
import type { CibBackend, CibRead } from "../session/index.js";
import { conflictMessage, conflictSuggestion, versionText } from "../session/index.js";
import type { ToolRun } from "./run-tool.js";
import { runTool } from "./run-tool.js";

type Environment = Readonly<Record<string, string | undefined>>;

/** cibadmin's exit code for "Update was older than existing configuration" (pcmk_err_old_data). */
const olderThanExisting = 103;

function toolIssue(action: string, run: ToolRun): ReturnType<typeof issue> {
  const reason = run.stderr.trim().split("\n").pop() ?? `exit code ${run.exitCode}`;
  const missing = run.exitCode === 127 ? " (are Pacemaker's command-line tools installed?)" : "";
  return issue("cib_refused", `Cannot ${action} through cibadmin: ${reason}${missing}`);
}

/**
 * The pacemaker backend (`CRM_BACKEND=pacemaker`): a real Pacemaker cluster through its tools.
 * Reads with `cibadmin -Q`; commits as crmsh does, a v2 patch from `crm_diff --no-version`
 * applied with `cibadmin --patch` (which moves the version once), after checking that the CIB
 * is still at the version read; a change between that check and the patch lands as crmsh's
 * would (the patch applies to the objects it names, or cibadmin refuses it). The tools honour
 * CIB_file, so the same path runs on a CIB file.
 */
export class PacemakerBackend implements CibBackend {
  readonly kind = "pacemaker";
  readonly label = "live";

  constructor(readonly environment: Environment) {}

  get source(): string {
    const file = this.environment["CIB_file"];
    return file === undefined || file === "" ? "the Pacemaker cluster" : `"${file}" (cibadmin)`;
  }

  async read(): Promise<Result<CibRead>> {
    const run = await runTool("cibadmin", ["--query"], { environment: this.environment });
    if (run.exitCode !== 0) return fail([toolIssue("read the CIB", run)]);
    const parsed = readXml(run.stdout);
    if (!parsed.ok) return fail([issue("cib_unreadable", "cibadmin --query printed no valid CIB")]);
    return ok({ cib: parsed.value, stamp: versionText(parsed.value) });
  }

  async write(read: CibRead, next: XmlElement): Promise<Result<CibRead>> {
    const folder = await mkdtemp(join(tmpdir(), "quorate-pacemaker-"));
    try {
      const original = join(folder, "original.xml");
      const updated = join(folder, "new.xml");
      await writeFile(original, writeXml(read.cib));
      await writeFile(updated, writeXml(next));
      const options = { environment: this.environment };
      const arguments_ = ["--no-version", "-o", original, "-n", updated];
      const diff = await runTool("crm_diff", arguments_, options);
      if (diff.exitCode === 0) return this.read();
      if (diff.exitCode !== 1) return fail([toolIssue("compute the patch", diff)]);
      const current = await this.read();
      if (!current.ok) return current;
      if (current.value.stamp !== read.stamp) return this.#conflict(read);
      const patch = join(folder, "patch.xml");
      await writeFile(patch, diff.stdout);
      const applied = await runTool("cibadmin", ["--patch", "--xml-file", patch], options);
      if (applied.exitCode === olderThanExisting) return this.#conflict(read);
      if (applied.exitCode !== 0) return fail([toolIssue("commit", applied)]);
      return this.read();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  async #conflict(read: CibRead): Promise<Result<CibRead>> {
    const now = await this.read();
    const nowAt = now.ok ? versionText(now.value.cib) : "unknown";
    const message = conflictMessage(this.source, versionText(read.cib), nowAt);
    return fail([issue("cib_conflict", message, { suggestion: conflictSuggestion })]);
  }

  close(): void {}
}
