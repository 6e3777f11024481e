// The one facade over Ink (STYLE.md): components and the interactive hosts import Ink from
// here, so the rest of the shell never does, and one-shot commands never load it.
export { Box, Static, Text, render, renderToString, useCursor, useStdout } from "ink";
export type { Instance } from "ink";
