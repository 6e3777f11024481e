import type { NodeId, RingId } from "../kernel/index.js";
import type { Patchset, CibVersion } from "../../backend/cib/index.js";
import type { TextHash } from "./serialized.js";

export interface CibReplicaConfig {
  readonly nodeId: NodeId;
  /** The process group the replicas talk in (Pacemaker's "cib" CPG group). */
  readonly group: string;
  /** MD5 for CIB digests (a host passes a native one; pure TypeScript by default). */
  readonly hash?: TextHash;
}

/** What survives a restart: the CIB as written on disk and its signature (cib.xml + .sig). */
export interface PersistedCib {
  readonly cibXml: string;
  readonly digest: string;
}

export type CibReplyCode =
  "version_conflict" | "no_quorum" | "sync_in_progress" | "indeterminate" | "invalid_patch";

export type CibReply =
  | { readonly ok: true; readonly version: CibVersion }
  | { readonly ok: false; readonly code: CibReplyCode; readonly message: string };

export type CibInput =
  /**
   * The process started with what it found on disk (undefined: no file), and the writes it had
   * accepted but not seen committed (`persist_pending`; they may have committed elsewhere).
   */
  | {
      readonly kind: "started";
      readonly persisted: PersistedCib | undefined;
      readonly pending?: readonly string[];
    }
  /** A new membership view (ring) was installed: a restarted peer may hold any copy now, even
   * when the group's member list looks unchanged from here. */
  | { readonly kind: "view_installed"; readonly ringId: RingId }
  /** The cib process group's members changed (CPG confchg), in agreed order. */
  | {
      readonly kind: "group_changed";
      readonly ringId: RingId;
      readonly members: readonly NodeId[];
    }
  /** A message of the cib group, in agreed order. */
  | { readonly kind: "delivered"; readonly sender: NodeId; readonly payload: string }
  | { readonly kind: "quorum_changed"; readonly quorate: boolean }
  /** A local client asks to apply a patchset made against the version it read. */
  | { readonly kind: "write_requested"; readonly requestId: string; readonly patchset: Patchset };

export type CibEffect =
  /** Broadcast to the cib group, in agreed order. */
  | { readonly kind: "broadcast"; readonly payload: string }
  /** Write the CIB atomically with its digest before anything that depends on it. */
  | {
      readonly kind: "persist";
      readonly cibXml: string;
      readonly digest: string;
      readonly version: CibVersion;
      /** The committed write (its patchset XML, as `persist_pending` listed it); absent when
       * a whole CIB was adopted. A journalling host marks it committed instead of writing. */
      readonly write?: string;
    }
  /**
   * Write durably, before the `applied` that follows, the writes this member accepted and has
   * not seen committed (patchset XML): once it says `applied`, a peer may commit the write
   * alone, so this member must remember it across a crash and complete it later.
   */
  | { readonly kind: "persist_pending"; readonly pending: readonly string[] }
  | { readonly kind: "reply"; readonly requestId: string; readonly reply: CibReply }
  /** Subscribers get every applied patchset (a whole-CIB replacement after a sync). */
  | { readonly kind: "notify"; readonly patchset: Patchset }
  /** Something to log: a refused disk copy, a dropped message. */
  | { readonly kind: "warn"; readonly message: string };
