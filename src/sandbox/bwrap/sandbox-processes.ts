import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface HostProcess {
  pid: number;
  uid: number;
  args: string;
}

/**
 * Live (non-zombie) host processes that belong to sandbox runs: started as a pool uid
 * (61000–61999, when InsightX runs as root) or whose command line contains `marker`.
 * Used by the tests that check no process of a run survives it.
 */
export async function listSandboxProcesses(marker?: string): Promise<HostProcess[]> {
  const { stdout } = await execFileAsync('ps', ['-eo', 'pid=,uid=,stat=,args=']);
  return stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && !match[3]!.startsWith('Z'))
    .map((match) => ({ pid: Number(match[1]), uid: Number(match[2]), args: match[4]! }))
    .filter((entry) => (entry.uid >= 61_000 && entry.uid < 62_000) || (marker !== undefined && entry.args.includes(marker)));
}
