import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DEFAULT_UID_RANGE, type SandboxUidRange } from './sandbox-identity.js';

const execFileAsync = promisify(execFile);

export interface HostProcess {
  pid: number;
  uid: number;
  args: string;
}

/**
 * Live (non-zombie) host processes that belong to sandbox runs: owned by a uid of `range` (the
 * runner's uids when InsightX runs as root) or whose command line contains `marker`.
 * Used by the tests that check no process of a run survives it.
 */
export async function listSandboxProcesses(range: SandboxUidRange = DEFAULT_UID_RANGE, marker?: string): Promise<HostProcess[]> {
  const { stdout } = await execFileAsync('ps', ['-eo', 'pid=,uid=,stat=,args=']);
  return stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && !match[3]!.startsWith('Z'))
    .map((match) => ({ pid: Number(match[1]), uid: Number(match[2]), args: match[4]! }))
    .filter((entry) => (entry.uid >= range.first && entry.uid < range.first + range.count) || (marker !== undefined && entry.args.includes(marker)));
}
