/**
 * Writing files so that a crash or power loss leaves either the old content or the new one,
 * never a mix: write a temporary file beside the target, flush it, rename it over the target,
 * then flush the folder so the rename itself is on disk.
 */
import { randomBytes } from 'node:crypto'
import * as fsp from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Adapter } from 'lowdb'
import { DamagedFileError } from './damagedFileError'

/** The file operations a durable write makes; tests swap them to count or fail writes. */
export interface DurableFs {
  open: typeof fsp.open
  rename: typeof fsp.rename
  unlink: typeof fsp.unlink
}

export const nodeFs: DurableFs = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink }

/** Temporary files are named `<target>.<random>.tmp`, so a crash's leftovers can be found. */
export const TEMP_SUFFIX = '.tmp'

export function tempPathFor(target: string): string {
  return join(
    dirname(target),
    `${basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  )
}

/** Some platforms (Windows) refuse to open or flush a folder; the rename is as safe as it gets. */
const DIRECTORY_SYNC_REFUSED = new Set(['EISDIR', 'EPERM', 'EINVAL'])

export async function syncDirectory(dir: string, fs: DurableFs = nodeFs): Promise<void> {
  let handle: fsp.FileHandle | undefined
  try {
    handle = await fs.open(dir, 'r')
    await handle.sync()
  } catch (error) {
    if (!DIRECTORY_SYNC_REFUSED.has(errorCode(error) ?? '')) throw error
  } finally {
    await handle?.close()
  }
}

/** Replaces `target` with `content` atomically and durably. */
export async function writeFileDurably(
  target: string,
  content: string | Uint8Array,
  fs: DurableFs = nodeFs,
): Promise<void> {
  const temp = tempPathFor(target)
  try {
    const handle = await fs.open(temp, 'wx')
    try {
      await handle.writeFile(content)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, target)
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined)
    throw error
  }
  await syncDirectory(dirname(target), fs)
}

/**
 * Creates a new file durably, never replacing one: tries `<stem><suffix>`, then `<stem>-1<suffix>`
 * and so on. Returns the path written.
 */
export async function createFileDurably(
  stem: string,
  suffix: string,
  content: Uint8Array,
  fs: DurableFs = nodeFs,
): Promise<string> {
  for (let counter = 0; ; counter++) {
    const path = `${stem}${counter ? `-${counter}` : ''}${suffix}`
    let handle: fsp.FileHandle
    try {
      handle = await fs.open(path, 'wx')
    } catch (error) {
      if (errorCode(error) === 'EEXIST') continue
      throw error
    }
    try {
      await handle.writeFile(content)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await syncDirectory(dirname(path), fs)
    return path
  }
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Reads a file as JSON: undefined when it does not exist (a file may hold `null`), and
 * DamagedFileError when it exists but cannot be used.
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await fsp.readFile(path, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined
    throw new DamagedFileError(`could not be read (${errorMessage(error)})`, { cause: error })
  }
  // Editors such as Notepad may add a byte-order mark; it is not part of the JSON.
  if (text.startsWith('\uFEFF')) text = text.slice(1)
  if (text.trim() === '') throw new DamagedFileError('empty')
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    // Invalid UTF-8 decodes to U+FFFD; NUL bytes appear when a file was zero-filled by a crash.
    const binary = text.includes('\u0000') || text.includes('\uFFFD')
    throw new DamagedFileError(
      binary ? 'not valid JSON (binary data)' : 'not valid JSON (truncated?)',
      { cause: error },
    )
  }
}

/**
 * A lowdb adapter for one JSON file, written durably. `parse` turns the file's JSON into `T`
 * (validating and migrating it) and throws DamagedFileError when it cannot.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly parse: (raw: unknown) => T,
    private readonly fs: DurableFs = nodeFs,
  ) {}

  async read(): Promise<T | null> {
    const raw = await readJsonFile(this.path)
    return raw === undefined ? null : this.parse(raw)
  }

  write(data: T): Promise<void> {
    // Serialized before the first await, so later changes to `data` cannot leak into this write.
    return writeFileDurably(this.path, `${JSON.stringify(data, null, 2)}\n`, this.fs)
  }
}

/**
 * Deletes temporary files a crash left behind for targets whose names start with `prefix`.
 * Only safe while holding the lock, since another writer's files would look the same.
 */
export async function removeLeftoverTempFiles(dir: string, prefix: string): Promise<void> {
  let names: string[]
  try {
    names = await fsp.readdir(dir)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return
    throw error
  }
  const leftover = names.filter((n) => n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX))
  await Promise.all(leftover.map((n) => fsp.unlink(join(dir, n)).catch(() => undefined)))
}
