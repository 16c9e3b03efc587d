/**
 * The files a vault folder holds for Lectern: the manifest of what Lectern last wrote there
 * (so it can tell its own files from files someone else changed), and the trash that
 * replaced files are moved into rather than deleted.
 */
import { createHash } from 'node:crypto'
import * as fsp from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { z } from 'zod'
import {
  errorCode,
  nodeFs,
  readJsonFile,
  syncDirectory,
  writeFileDurably,
  type DurableFs,
} from '../store/durableFile'

/** Hidden, so Obsidian neither lists nor indexes them. */
export const MANIFEST_FILE = '.lectern-vault.json'
export const TRASH_FOLDER = '.lectern-trash'

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

const entrySchema = z.object({
  /** The file's name in the folder. */
  name: z.string().min(1),
  /** SHA-256 of the bytes Lectern last wrote there. */
  written: z.string(),
  /** SHA-256 of the export without its timestamp: whether Lectern has anything new to say. */
  content: z.string(),
  /** The reader chose to keep someone else's version: Lectern leaves the file alone. */
  held: z.boolean().optional(),
})
export type ManifestEntry = z.infer<typeof entrySchema>

const manifestSchema = z.object({
  format: z.literal('lectern-vault'),
  version: z.literal(1),
  files: z.record(z.string(), entrySchema),
})
export type Manifest = z.infer<typeof manifestSchema>

export const emptyManifest = (): Manifest => ({ format: 'lectern-vault', version: 1, files: {} })

/**
 * The folder's manifest. A missing one is empty; so is a damaged one, which is kept aside:
 * Lectern then treats every file as someone else's unless it holds exactly what it would write.
 */
export async function readManifest(folder: string): Promise<Manifest> {
  const path = join(folder, MANIFEST_FILE)
  let raw: unknown
  try {
    raw = await readJsonFile(path)
  } catch {
    raw = null
  }
  if (raw === undefined) return emptyManifest()
  const parsed = manifestSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  await fsp.rename(path, `${path}.damaged-${Date.now()}`).catch(() => undefined)
  return emptyManifest()
}

export function writeManifest(folder: string, manifest: Manifest, fs: DurableFs = nodeFs) {
  return writeFileDurably(join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, fs)
}

/** A file's text, or null when there is no such file. */
export async function readIfThere(path: string): Promise<string | null> {
  try {
    return await fsp.readFile(path, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw error
  }
}

/** `name` for n = 1, else `name n` before the extension: `Title 2.md`. */
export function numberedName(name: string, n: number): string {
  const ext = extname(name)
  return n === 1 ? name : `${name.slice(0, name.length - ext.length)} ${n}${ext}`
}

/** The first of `name`, `name 2`, `name 3`… not taken. */
export function nextFreeName(name: string, taken: (candidate: string) => boolean): string {
  for (let n = 1; ; n++) if (!taken(numberedName(name, n))) return numberedName(name, n)
}

/** Link-less file systems (FAT, exFAT, some network shares) refuse hard links. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS'])

/**
 * Moves a file into the folder's trash under a name not already there, never replacing a
 * file: hard-linked (or copied) exclusively, made durable, and only then removed from the
 * folder. Returns the path in the trash.
 */
export async function moveToTrash(folder: string, path: string): Promise<string> {
  const trash = join(folder, TRASH_FOLDER)
  await fsp.mkdir(trash, { recursive: true })
  for (let n = 1; ; n++) {
    const target = join(trash, numberedName(basename(path), n))
    try {
      await fsp.link(path, target)
    } catch (error) {
      const code = errorCode(error)
      if (code === 'EEXIST') continue
      if (!NO_LINKS.has(code ?? '')) throw error
      try {
        await fsp.copyFile(path, target, fsp.constants.COPYFILE_EXCL)
      } catch (copyError) {
        if (errorCode(copyError) === 'EEXIST') continue
        throw copyError
      }
      const handle = await fsp.open(target, 'r+')
      await handle.sync().finally(() => handle.close())
    }
    await syncDirectory(trash)
    await fsp.unlink(path)
    await syncDirectory(folder)
    return target
  }
}
