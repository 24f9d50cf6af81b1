/**
 * The browser terminal's program, independent of xterm.js: a line editor, a host shell over the
 * build context, and the `docker` commands of src/lib/cli/docker over the playground's session.
 */
export type { Disposable, TerminalLike } from './terminal-like.ts';
export { DisposableStore } from './terminal-like.ts';
export { createBufferTerminal, type BufferTerminal } from './buffer-terminal.ts';
export { parseKeys, type EditKey, type Key } from './keys.ts';
export { LineEditor, commonPrefix, visibleWidth, type Completer, type Completion, type EditorEvent } from './line-editor.ts';
export { LineHistory } from './history.ts';
export { columns, lsColumns } from './columns.ts';
export { parseCommandLine, type CommandLineItem, type CommandLineResult, type Connector } from './command-line.ts';
export { completeLine, type CompletionSource } from './completion.ts';
export { completeInContainer } from './container-completion.ts';
export { hostCommands, type HostCommand, type HostEnv } from './host-commands.ts';
export { connectTerminal, createRemoteTerminal, type KeyboardMessage, type RemoteTerminal, type ScreenMessage, type TerminalConnection } from './remote.ts';
export { startTerminalSession, type TerminalSession, type TerminalSessionOptions } from './session.ts';
