import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ClientError, nodeClientTarget, processAlive } from "../../../backend/client/index.js";
import { element, ensureChild, readXml, writeXml } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import {
  cibDigest,
  cibVersion,
  diffCib,
  nextVersion,
  patchsetToXml,
  setCibVersion,
} from "../../../daemons/cib/index.js";
import type { Issue } from "../../../backend/base/index.js";
import { LiveBackend, StagedSession } from "../../../backend/session/index.js";
import { hasTool } from "../../support/oracle.js";
import { setClusterProperty } from "../../support/live-cib.js";

export const nodeNames = ["node1", "node2", "node3"] as const;

export function parse(text: string): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(`unreadable CIB: ${read.issues[0]?.message}`);
  return read.value;
}

export function pidOf(dir: string, node: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, node, "quorated.pid"), "utf8"));
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function nodeUp(dir: string, node: string): boolean {
  const pid = pidOf(dir, node);
  return pid !== undefined && processAlive(pid);
}

export function targetOf(dir: string, node: string): { url: string; token: string } {
  const target = nodeClientTarget(join(dir, node));
  if (target === undefined) throw new ClientError("no_live_node", `${node} has no client channel`);
  return target;
}

/** The patchset (XML) that makes `make`'s change to `cib`, one epoch on. */
export function addition(cib: XmlElement, make: (cib: XmlElement) => void): string {
  const after = parse(writeXml(cib));
  make(after);
  setCibVersion(after, nextVersion(cibVersion(cib), true));
  return writeXml(patchsetToXml(diffCib(cib, after)));
}

/**
 * Adds a resource template: one configuration object that sets nothing in motion (a primitive
 * would have the controller probe and start it on every commit, which is not what is measured).
 */
export function addTemplate(id: string): (cib: XmlElement) => void {
  return (cib) => {
    ensureChild(ensureChild(cib, "configuration"), "resources").children.push(
      element("template", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }),
    );
  };
}

/**
 * `stonith-enabled=false`, so crm_verify judges the configuration and not the missing fencing
 * (in the DC's cib-bootstrap-options, where it records dc-version, when it has written it).
 */
export function disableStonith(cib: XmlElement): void {
  setClusterProperty(cib, "stonith-enabled", "false");
}

export function holdsTemplate(cibXml: string, id: string): boolean {
  return cibXml.includes(`<template id="${id}" `);
}

/** How one commit ended: acknowledged, found applied without an acknowledgement, or not made. */
export type CommitOutcome = "acknowledged" | "present" | "unavailable";

/**
 * Commits one template through `node`: query, patch against that version, and on a lost race
 * or a write whose fate is unknown, query again (the write may be there already).
 */
/**
 * Commits template `id` through `node` as the shell's `crm configure` does: a StagedSession on
 * the live backend (read, stage, commit as a patch against the version read). Retries while the
 * node is restarting, syncing or without quorum; "present" when an earlier attempt that looked
 * lost (the node died before it answered) had in fact landed.
 */
export async function commitThrough(dir: string, node: string, id: string): Promise<CommitOutcome> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const target = nodeClientTarget(join(dir, node));
    if (target === undefined) return "unavailable";
    let session: StagedSession | readonly Issue[];
    try {
      session = await StagedSession.open(new LiveBackend(target));
    } catch {
      return "unavailable";
    }
    if (!(session instanceof StagedSession)) return "unavailable";
    try {
      if (holdsTemplate(writeXml(session.working), id)) return "present";
      const next = parse(writeXml(session.working));
      addTemplate(id)(next);
      session.stage(next);
      const issues = await session.commit();
      if (issues.length === 0) return "acknowledged";
      // A restarted node may have no CIB yet, its partition no quorum, or the write's outcome
      // be indeterminate (the next attempt finds it present): read again and retry.
      const retry = ["cib_conflict", "cib_refused", "cib_unreachable"];
      if (!issues.every((found) => retry.includes(found.code))) return "unavailable";
    } finally {
      session.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return "unavailable";
}

/** What a node's state folder holds: the CIB file, its signature, and whether they agree. */
export function diskCopy(
  dir: string,
  node: string,
): { readonly xml: string; readonly signature: string; readonly signed: boolean } {
  const xml = readFileSync(join(dir, node, "cib.xml"), "utf8");
  const signature = readFileSync(join(dir, node, "cib.xml.sig"), "utf8").trim();
  return { xml, signature, signed: cibDigest(parse(xml)) === signature };
}

/** crm_verify and xmllint on a CIB file, when installed: undefined = clean or tool absent. */
export function oracleProblems(path: string): string | undefined {
  if (hasTool("crm_verify")) {
    const verified = spawnSync("crm_verify", ["-x", path], { encoding: "utf8" });
    if (verified.status !== 0) return `crm_verify: ${verified.stderr}${verified.stdout}`;
  }
  const schema = "/usr/share/pacemaker/pacemaker-3.9.rng";
  if (hasTool("xmllint") && existsSync(schema)) {
    const linted = spawnSync("xmllint", ["--noout", "--relaxng", schema, path], {
      encoding: "utf8",
    });
    if (linted.status !== 0) return `xmllint: ${linted.stderr}`;
  }
  return undefined;
}
