import type { Issue } from "../backend/base/index.js";
import { FileBackend, StagedSession } from "../backend/session/index.js";

/** The staged configuration over a CIB file (`CIB_file=PATH`), committed atomically. */
export const FileSession = {
  /** A session on the file; `label` is what the prompt shows (`live`, or a shadow's name). */
  open(path: string, label = "live"): Promise<StagedSession | readonly Issue[]> {
    return StagedSession.open(new FileBackend(path, label));
  },
};
