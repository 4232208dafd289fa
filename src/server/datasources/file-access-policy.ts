import { realpathSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/app-error.js';

export interface FileAccessPolicyOptions {
  /** Folders every workspace may register files from (`files.folders`). */
  dataFolders: string[];
  /** Uploads land in `<uploadDir>/<workspaceId>`; a workspace may register only its own. */
  uploadDir?: string;
  /**
   * What no data folder may contain: the project (its package.json, sources), the
   * configuration file (provider keys) and the data dir (store, key-pool state).
   */
  protectedPaths: string[];
  /** InsightX's data dir: a data folder inside it must be inside `<dataDir>/files`. */
  dataDir?: string;
}

/** Decides which files a workspace may register, by their real path (symlinks followed first). */
export interface FileAccessPolicy {
  /**
   * The real path of an existing file the workspace may register. Throws
   * DATASOURCE_PATH_NOT_ALLOWED (outside the workspace's folders, or a symlink pointing out)
   * or DATASOURCE_UNREADABLE (missing).
   */
  resolve(workspaceId: string, requested: string): string;
  /** Where the workspace's uploads go (created on demand), or undefined when uploads are off. */
  uploadFolder(workspaceId: string): string | undefined;
}

/** Characters DuckDB's readers expand as a glob: a path with them could name other files. */
const GLOB_CHARACTERS = /[*?[\]{}]/;

const isInside = (file: string, root: string) => {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** The real path when the path exists, else the absolute one (a folder may be created later). */
const realOrAbsolute = (target: string) => {
  try {
    return realpathSync(target);
  } catch {
    return path.resolve(target);
  }
};

/**
 * Builds the policy; a data folder that contains a protected path or overlaps the uploads is a
 * configuration mistake (CONFIG_INVALID), refused at start rather than at the first request.
 */
export function createFileAccessPolicy(options: FileAccessPolicyOptions): FileAccessPolicy {
  const protectedPaths = options.protectedPaths.map(realOrAbsolute);
  const dataDir = options.dataDir === undefined ? undefined : realOrAbsolute(options.dataDir);
  const uploadRoot = options.uploadDir === undefined ? undefined : realOrAbsolute(options.uploadDir);
  for (const folder of options.dataFolders.map(realOrAbsolute)) {
    const holds = protectedPaths.find((protectedPath) => isInside(protectedPath, folder));
    if (holds) {
      throw new AppError('CONFIG_INVALID', `files.folders: "${folder}" contains ${holds}, which holds the project, its configuration or InsightX's own data; name a folder that holds only data files.`, {
        details: { folder },
      });
    }
    if (dataDir && isInside(folder, dataDir) && !isInside(folder, path.join(dataDir, 'files'))) {
      throw new AppError('CONFIG_INVALID', `files.folders: "${folder}" lies inside InsightX's data dir ${dataDir} (its store and caches); inside it only ${path.join(dataDir, 'files')} may be a data folder.`, {
        details: { folder },
      });
    }
    if (uploadRoot && (isInside(uploadRoot, folder) || isInside(folder, uploadRoot))) {
      throw new AppError('CONFIG_INVALID', `files.folders: "${folder}" overlaps the uploads folder ${uploadRoot}, which holds every workspace's uploads; name another folder.`, { details: { folder } });
    }
  }

  const uploadFolder = (workspaceId: string) => (uploadRoot === undefined ? undefined : path.join(uploadRoot, workspaceId));

  return {
    uploadFolder,
    resolve(workspaceId, requested) {
      if (requested.includes('\0') || GLOB_CHARACTERS.test(requested)) {
        throw new AppError('DATASOURCE_PATH_NOT_ALLOWED', 'A file path may not contain *, ?, [, ], {, } or NUL (the engine reads them as a pattern); rename the file.', { details: {} });
      }
      const absolute = path.resolve(requested);
      // Roots are resolved per call: folders created after start still count by where they really are.
      const lexicalRoots = [...options.dataFolders, ...(uploadRoot ? [uploadFolder(workspaceId)!] : [])].map((root) => path.resolve(root));
      const realRoots = lexicalRoots.map(realOrAbsolute);
      const notAllowed = () =>
        new AppError(
          'DATASOURCE_PATH_NOT_ALLOWED',
          `"${requested}" is not inside a folder this workspace may register files from: the data folders (files.folders in the configuration) or its own uploads (POST /api/datasources/upload). A symlink counts by where it points.`,
          { details: {} },
        );
      // Refused before the file system is asked: the answer never tells whether a file exists elsewhere.
      if (![...lexicalRoots, ...realRoots].some((root) => isInside(absolute, root))) throw notAllowed();
      let real: string;
      try {
        real = realpathSync(absolute);
      } catch (error) {
        throw new AppError('DATASOURCE_UNREADABLE', `The file "${requested}" does not exist. Check the path; it is read on the server, inside a data folder.`, { cause: error });
      }
      if (!realRoots.some((root) => isInside(real, root))) throw notAllowed();
      return real;
    },
  };
}
