/** The process group controllers talk in (Pacemaker's "crmd" CPG group). */
export const controllerGroup = "crmd";
