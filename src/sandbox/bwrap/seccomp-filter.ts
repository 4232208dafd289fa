/**
 * The seccomp filter bwrap installs before it starts Python (`--seccomp FD`): a classic BPF
 * program, as the kernel reads it (struct sock_filter: u16 code, u8 jt, u8 jf, u32 k, little
 * endian on the architectures below).
 *
 * It refuses (EPERM) the ways to hold memory that neither RLIMIT_AS nor the capped tmpfs mounts
 * count: `memfd_create` and `memfd_secret` (anonymous files of any number), and System V shared
 * memory (`shmget`: a segment outlives its mapping). On x86_64, syscalls of the other ABIs
 * (i386 through `int 0x80`, x32) are refused as a whole; pandas, numpy, scipy and matplotlib use
 * none of these. On other architectures the filter allows everything (the numbers differ there).
 */

const BPF_LD_W_ABS = 0x20;
const BPF_JMP_JEQ_K = 0x15;
const BPF_JMP_JGE_K = 0x35;
const BPF_RET_K = 0x06;

const SECCOMP_RET_ALLOW = 0x7fff_0000;
const SECCOMP_RET_ERRNO = 0x0005_0000;
const EPERM = 1;

/** Offsets in struct seccomp_data. */
const DATA_NR = 0;
const DATA_ARCH = 4;

const AUDIT_ARCH_X86_64 = 0xc000_003e;
const X32_SYSCALL_BIT = 0x4000_0000;
/** x86_64 syscall numbers. */
const REFUSED_X86_64 = { shmget: 29, memfd_create: 319, memfd_secret: 447 };

type Instruction = [code: number, jt: number, jf: number, k: number];

function encode(program: Instruction[]): Buffer {
  const buffer = Buffer.alloc(program.length * 8);
  program.forEach(([code, jt, jf, k], index) => {
    buffer.writeUInt16LE(code, index * 8);
    buffer.writeUInt8(jt, index * 8 + 2);
    buffer.writeUInt8(jf, index * 8 + 3);
    buffer.writeUInt32LE(k >>> 0, index * 8 + 4);
  });
  return buffer;
}

export function buildSeccompFilter(arch: string = process.arch): Buffer {
  if (arch !== 'x64') return encode([[BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW]]);
  const refuse = SECCOMP_RET_ERRNO | EPERM;
  const refused = Object.values(REFUSED_X86_64);
  // Jumps are relative to the next instruction; the last instruction is the refusal.
  const checks: Instruction[] = refused.map((nr, index) => [BPF_JMP_JEQ_K, refused.length - index, 0, nr]);
  return encode([
    [BPF_LD_W_ABS, 0, 0, DATA_ARCH],
    [BPF_JMP_JEQ_K, 1, 0, AUDIT_ARCH_X86_64],
    [BPF_RET_K, 0, 0, refuse],
    [BPF_LD_W_ABS, 0, 0, DATA_NR],
    [BPF_JMP_JGE_K, refused.length + 1, 0, X32_SYSCALL_BIT],
    ...checks,
    [BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW],
    [BPF_RET_K, 0, 0, refuse],
  ]);
}
