import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

// The callback API over plain descriptors: every item of a job writes several files, and
// FileHandle's promise machinery cost the event loop about twice as much per file.
const openFd = promisify(fs.open);
const writeToFd = promisify(fs.writeFile);
const fsyncFd = promisify(fs.fsync);
const closeFd = promisify(fs.close);
const readFd = promisify(fs.read);

/** A plain append: no fsync (the callers say why that is enough), descriptor-level. */
export const appendToFile = promisify(fs.appendFile);

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
  await writeFilesAtomic([{ target, data }], tempDir);
}

/**
 * Several atomic replacements with one directory sync per directory: each file is
 * written and fsynced as a temp file, then all are renamed in the given order (so a
 * later file, such as metadata, only appears after the earlier ones).
 */
export async function writeFilesAtomic(
  files: readonly { target: string; data: string | Buffer }[],
  tempDir?: string,
): Promise<void> {
  const staged = files.map(({ target, data }) => ({
    target,
    data,
    temp: path.join(
      tempDir ?? path.dirname(target),
      `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
    ),
  }));
  let renamed = 0;
  try {
    await Promise.all(staged.map(({ temp, data }) => writeDurably(temp, data, 'w')));
    for (const { temp, target } of staged) {
      await fs.promises.rename(temp, target);
      renamed++;
    }
  } catch (error) {
    await Promise.all(
      staged.slice(renamed).map(({ temp }) => fs.promises.rm(temp, { force: true })),
    ).catch(() => undefined);
    throw error;
  }
  for (const dir of new Set(staged.map(({ target }) => path.dirname(target)))) {
    await syncDirectory(dir);
  }
}

/** Creates a file only if it does not exist yet (O_EXCL); false when it already exists. */
export async function createFileExclusive(target: string, data: string): Promise<boolean> {
  try {
    await writeDurably(target, data, 'wx');
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
  await syncDirectory(path.dirname(target));
  return true;
}

export async function syncDirectory(dir: string): Promise<void> {
  const fd = await openFd(dir, 'r');
  try {
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
}

/** Writes all of `data` and fsyncs it; the descriptor is closed whatever happens. */
async function writeDurably(file: string, data: string | Buffer, flags: 'w' | 'wx') {
  const fd = await openFd(file, flags, 0o644);
  try {
    await writeToFd(fd, data);
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
}

/** The first `length` bytes of a file as UTF-8, or null when it does not exist. */
export async function readFileHead(file: string, length: number): Promise<string | null> {
  let fd: number;
  try {
    fd = await openFd(file, 'r');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await readFd(fd, buffer, 0, length, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await closeFd(fd);
  }
}

/** Reads a file, or returns null when it does not exist. */
export async function readFileIfExists(target: string): Promise<string | null> {
  try {
    return await fs.promises.readFile(target, 'utf8');
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
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith('.') && name.endsWith('.tmp'))
      .map((name) => fs.promises.rm(path.join(dir, name), { force: true })),
  );
}
