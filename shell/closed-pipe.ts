/**
 * A reader that stops early (`crm configure show | head`) closes our stdout: further writes
 * fail with EPIPE. That is not an error of the command, so the process ends quietly, as
 * Pacemaker's and crmsh's tools do, instead of dying on an unhandled 'error' event.
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}
