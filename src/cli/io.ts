/** Where a command writes and what it reads from its environment: the process's, or a test's. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
}
