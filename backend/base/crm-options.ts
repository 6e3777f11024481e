/**
 * crm's command-line options that take a value (`-f FILE`, `--cib SHADOW`…), as crmsh 4.4
 * reads them. One list for the argument parser (shell/arguments.ts) and for bash completion,
 * which skips each with its value before the first command word. It lives in the shared base
 * because both may import it and the parser runs before the shell (and its grammar) loads.
 */
export const crmValuedOptions: ReadonlySet<string> = new Set([
  "-f",
  "--file",
  "-D",
  "--display",
  "-c",
  "--cib",
  "-H",
  "--history",
  "-X",
  "-o",
  "--opt",
  "--scriptdir",
]);
