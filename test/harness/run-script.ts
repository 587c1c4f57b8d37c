/**
 * Runs the repository's shell scripts for the integration tests, with the
 * test network's run directory in the environment. Output goes to a log file
 * beside the network (printed in part when a script fails), so the test
 * runner's report stays readable.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** What a finished script printed. */
export interface ScriptResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for {@link runScript}. */
export interface RunScriptOptions {
  /** Environment added to the test process's own. */
  readonly env: Readonly<Record<string, string>>;
  /** File that receives the script's output. */
  readonly logFile: string;
  /** Kill the script after this many milliseconds. */
  readonly timeoutMs?: number;
}

/**
 * Runs `scripts/<name>` with arguments.
 * @throws Error with the exit code and the end of the output when it fails.
 */
export function runScript(
  name: string,
  args: readonly string[],
  options: RunScriptOptions,
): Promise<ScriptResult> {
  return runCommand('bash', [path.join(repoRoot, 'scripts', name), ...args], options);
}

/**
 * Runs a program with arguments.
 * @throws Error with the exit code and the end of the output when it fails.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunScriptOptions,
): Promise<ScriptResult> {
  const name = path.basename(args[0] !== undefined && command === 'bash' ? args[0] : command);
  const shown = command === 'bash' ? args.slice(1) : args;
  appendFileSync(options.logFile, `\n$ ${name} ${shown.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 600_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      appendFileSync(options.logFile, chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      appendFileSync(options.logFile, chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve({ stdout, stderr });
        return;
      }
      const tail = (stdout + stderr).split('\n').slice(-30).join('\n');
      reject(new Error(`${name} ${shown.join(' ')} failed (${signal ?? String(code)}):\n${tail}`));
    });
  });
}

/** The last lines of a log file, for failure messages. */
export function tailOf(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}
