import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataDna } from '../../core/dna.js';

/** Where profiles are kept: `<dataDir>/dna/`. One JSON file per datasource and fingerprint. */
export interface DnaCache {
  dir: string;
}

function fileStem(datasource: string): string {
  return datasource.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80);
}

/** The cached DNA for this fingerprint, or undefined (missing, unreadable or stale). */
export async function readCachedDna(cache: DnaCache, datasource: string, fingerprint: string): Promise<DataDna | undefined> {
  try {
    const text = await readFile(join(cache.dir, `${fileStem(datasource)}--${fingerprint}.json`), 'utf8');
    const parsed = DataDna.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.fingerprint === fingerprint ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Stores the DNA (write then rename) and removes this datasource's older fingerprints. */
export async function writeCachedDna(cache: DnaCache, dna: DataDna): Promise<void> {
  await mkdir(cache.dir, { recursive: true });
  const stem = fileStem(dna.datasource);
  const target = join(cache.dir, `${stem}--${dna.fingerprint}.json`);
  const temporary = `${target}.tmp-${process.pid}`;
  await writeFile(temporary, JSON.stringify(dna, null, 1));
  await rename(temporary, target);
  for (const name of await readdir(cache.dir)) {
    if (name.startsWith(`${stem}--`) && name.endsWith('.json') && join(cache.dir, name) !== target) await rm(join(cache.dir, name), { force: true });
  }
}
