/**
 * Reads a zip archive (an EPUB, an Omnivore export) with limits, so that a hostile archive
 * is refused before it costs memory: how many entries, how large they say they are in all,
 * and how much a single entry claims to grow. fflate inflates each entry into a buffer of
 * its declared size, so an entry cannot grow past what the checks allowed. Entry names that
 * climb out (`../x`) or start at a root are refused outright: nothing here is ever written
 * to disk under an archive's names, and a name like that only ever means harm.
 */
import { unzipSync } from 'fflate'
import { ImportError } from '../types'

export interface ZipLimits {
  maxEntries: number
  /** Sum of the declared sizes of the entries read. */
  maxTotalBytes: number
  /** Largest declared size / compressed size for an entry over `ratioFloorBytes`. */
  maxRatio: number
  ratioFloorBytes: number
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
}

/** A name that would leave the archive's root: `..` segments, a leading slash, a drive letter. */
export function isUnsafeEntryName(name: string): boolean {
  return (
    name.includes('\0') ||
    /^[\\/]/.test(name) ||
    /^[a-z]:/i.test(name) ||
    name.split(/[\\/]/).some((part) => part === '..')
  )
}

/**
 * The entries `wanted` accepts, by name. `what` names the archive in messages ("EPUB").
 * Every entry counts against the limits, read or not.
 */
export function readZip(
  bytes: Uint8Array,
  what: string,
  wanted: (name: string) => boolean = () => true,
  limits: ZipLimits = ZIP_LIMITS,
): Map<string, Uint8Array> {
  let entries = 0
  let total = 0
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, {
      filter(file) {
        if (++entries > limits.maxEntries)
          throw new ImportError(
            `refused: the ${what} holds over ${limits.maxEntries} files (a zip bomb?)`,
            'too-large',
          )
        if (isUnsafeEntryName(file.name))
          throw new ImportError(
            `refused: the ${what} names a file outside itself (“${file.name.slice(0, 80)}”)`,
            'unsupported',
          )
        total += file.originalSize
        if (total > limits.maxTotalBytes)
          throw new ImportError(
            `refused: the ${what} would unpack to over ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB (a zip bomb?)`,
            'too-large',
          )
        if (
          file.originalSize > limits.ratioFloorBytes &&
          file.originalSize > file.size * limits.maxRatio
        )
          throw new ImportError(
            `refused: “${file.name.slice(0, 80)}” in the ${what} is compressed ${Math.round(file.originalSize / Math.max(1, file.size))} to 1 (a zip bomb?)`,
            'too-large',
          )
        return !file.name.endsWith('/') && wanted(file.name)
      },
    })
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw new ImportError(
      `unreadable: the ${what} is damaged (${error instanceof Error ? error.message : String(error)})`,
      'unreadable',
    )
  }
  return new Map(Object.entries(files))
}

/** Whether the bytes start like a zip archive (a local file header or an empty archive). */
export const looksLikeZip = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)
