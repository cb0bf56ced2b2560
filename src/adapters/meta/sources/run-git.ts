import { execFile } from 'node:child_process';
import { MetaSourceError, classifyGitFailure, describeFailure, redactCredentials } from './meta-source-error.js';

export interface GitRunOptions {
  readonly cwd?: string;
  readonly timeoutMs: number;
  readonly binary: string;
  /** How the source names itself in messages (already redacted). */
  readonly label: string;
}

export interface GitResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs git without a shell (arguments are passed as an array, never interpolated), with prompts
 * disabled so a missing credential fails fast instead of hanging, and C locale so failures can be
 * classified from git's English wording.
 */
export function runGit(args: readonly string[], options: GitRunOptions): Promise<GitResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: process.env['GIT_ASKPASS'] ?? '',
    GIT_SSH_COMMAND: process.env['GIT_SSH_COMMAND'] ?? 'ssh -o BatchMode=yes',
    LC_ALL: 'C',
    LANG: 'C',
  };
  return new Promise((resolve, reject) => {
    execFile(
      options.binary,
      [...args],
      {
        cwd: options.cwd,
        env,
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout: String(stdout), stderr: String(stderr) });
          return;
        }
        const said = redactCredentials(String(stderr || error.message)).trim();
        const timedOut = (error as { killed?: boolean }).killed === true && error.signal === 'SIGKILL';
        const missingBinary = (error as { code?: unknown }).code === 'ENOENT';
        const kind = timedOut ? 'timeout' : missingBinary ? 'driver-unavailable' : classifyGitFailure(said);
        const why = missingBinary
          ? `the git binary "${options.binary}" was not found (install git or choose another META driver)`
          : timedOut
            ? `git ${args[0]} took longer than ${options.timeoutMs} ms and was stopped`
            : describeFailure(kind);
        const tail = said
          .split('\n')
          .filter((l) => l.trim() !== '')
          .slice(-4)
          .join(' | ');
        reject(new MetaSourceError(kind, `Meta repository ${options.label}: ${why}.${tail && !missingBinary ? ` git said: ${tail}` : ''}`));
      },
    );
  });
}
