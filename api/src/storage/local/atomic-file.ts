import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Durable, atomic replacement of a file: write a temp file, fsync it, rename it over the
 * target, fsync the directory. A crash at any instant leaves either the old or the new
 * content, never a torn file. `tempDir` must be on the same file system as the target;
 * by default the temp file sits beside it.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Buffer,
  tempDir?: string,
): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(
    tempDir ?? dir,
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await fs.open(temp, 'w', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/**
 * Several atomic replacements with one directory sync per directory: each file is
 * written and fsynced as a temp file, then all are renamed in the given order (so a
 * later file, such as metadata, only appears after the earlier ones).
 */
export async function writeFilesAtomic(
  files: readonly { target: string; data: string | Buffer }[],
  tempDir: string,
): Promise<void> {
  const staged = await Promise.all(
    files.map(async ({ target, data }) => {
      const temp = path.join(
        tempDir,
        `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
      );
      const handle = await fs.open(temp, 'w', 0o644);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } catch (error) {
        await handle.close().catch(() => undefined);
        await fs.rm(temp, { force: true }).catch(() => undefined);
        throw error;
      }
      await handle.close();
      return { temp, target };
    }),
  );
  try {
    for (const { temp, target } of staged) await fs.rename(temp, target);
  } finally {
    await Promise.all(staged.map(({ temp }) => fs.rm(temp, { force: true })));
  }
  for (const dir of new Set(staged.map(({ target }) => path.dirname(target)))) {
    await syncDirectory(dir);
  }
}

/** Creates a file only if it does not exist yet (O_EXCL); false when it already exists. */
export async function createFileExclusive(target: string, data: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(target, 'wx', 0o644);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDirectory(path.dirname(target));
  return true;
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads a file, or returns null when it does not exist. */
export async function readFileIfExists(target: string): Promise<string | null> {
  try {
    return await fs.readFile(target, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
}

/** Structural, not `instanceof`: errors from Node internals may come from another realm. */
export function isErrno(error: unknown, code: string): boolean {
  return errnoCode(error) === code;
}

export function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Removes temp files left behind by writes interrupted by a crash. */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith('.') && name.endsWith('.tmp'))
      .map((name) => fs.rm(path.join(dir, name), { force: true })),
  );
}
