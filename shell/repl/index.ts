// shell/repl: the REPL's pure core (no Ink, React, I/O or clock). The Ink components in
// shell/components render its state; shell/interactive.ts feeds it terminal input.
export type { ReplAction, CursorMove, Deletion } from "./keymap.js";
export { parseKeys } from "./keymap.js";
export type { EditLine } from "./line-edit.js";
export type { ReplEffect, ReplState, ReduceOptions } from "./state.js";
export { drainEffects, initialReplState, reduceRepl } from "./state.js";
export type { SearchState } from "./search.js";
export { searchText } from "./search.js";
export type { Completer, CompletionItem, CompletionMenu, CompletionOffer } from "./completion.js";
export { commonPrefix } from "./completion.js";
export { addHistoryEntry, historyFileText, parseHistoryFile } from "./history.js";
export type { PromptFacts } from "./prompt.js";
export { baseName, cibLabel, continuationPrompt, promptText } from "./prompt.js";
export type { DiffLine, DiffSign, StagedDiff, StagedDiffOptions } from "./staged-diff.js";
export { diffPaneLinesMax, stagedDiff } from "./staged-diff.js";
export type { HelpCommand, HelpLevel } from "./help-text.js";
export { commandHelp, levelHelp } from "./help-text.js";
