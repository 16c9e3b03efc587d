/**
 * What was dropped on the window, as files to import: folders are walked here (the window
 * never hands main a path), only the formats Lectern reads are kept from them, and a saved
 * page takes along the pictures of its `_files` folder.
 */

export const IMPORTABLE = [
  'html',
  'htm',
  'xhtml',
  'xht',
  'shtml',
  'md',
  'markdown',
  'txt',
  'pdf',
  'epub',
  'mht',
  'mhtml',
  'zip',
  'csv',
]
const PICTURE = /\.(png|jpe?g|gif|webp|avif|svg|bmp)$/i
/** What one page may take along: enough for a long illustrated article, not a whole site. */
const MAX_RESOURCES = 500
const MAX_RESOURCE_BYTES = 10 * 1024 * 1024
/** A folder of more files than this is not walked further. */
const MAX_FILES = 20_000

export interface DroppedItem {
  /** Its path within what was dropped, e.g. `saved/River rising.html`. */
  name: string
  file: File
  /** Pictures from its `_files` folder, by their paths within what was dropped. */
  resources: { name: string; file: File }[]
}

interface Found {
  path: string
  file: File
  /** Named one by one (not found in a folder): tried whatever its name. */
  named: boolean
}

const extensionOf = (name: string): string => name.split('.').pop()?.toLowerCase() ?? ''

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject))
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject))
}

async function walk(entry: FileSystemEntry, prefix: string, out: Found[]): Promise<void> {
  if (out.length >= MAX_FILES || entry.name.startsWith('.')) return
  const path = prefix ? `${prefix}/${entry.name}` : entry.name
  if (entry.isFile) {
    out.push({ path, file: await fileOf(entry as FileSystemFileEntry), named: false })
    return
  }
  if (!entry.isDirectory) return
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  // A folder's entries come in batches until an empty one.
  for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader)) {
    for (const child of batch) await walk(child, path, out)
  }
}

/** Groups what was found into pages to import, each with its pictures. */
export function toItems(found: readonly Found[]): DroppedItem[] {
  const inFilesFolder = (path: string): boolean =>
    path
      .split('/')
      .slice(0, -1)
      .some((part) => /(_files|\.files)$/i.test(part))
  return found
    .filter((f) => f.named || (!inFilesFolder(f.path) && IMPORTABLE.includes(extensionOf(f.path))))
    .map((f) => {
      const stem = f.path.replace(/\.[^./]+$/, '')
      const folders = [`${stem}_files/`, `${stem}.files/`]
      const resources = found
        .filter(
          (r) =>
            folders.some((folder) => r.path.startsWith(folder)) &&
            PICTURE.test(r.path) &&
            r.file.size <= MAX_RESOURCE_BYTES,
        )
        .slice(0, MAX_RESOURCES)
        .map((r) => ({ name: r.path, file: r.file }))
      return { name: f.path, file: f.file, resources }
    })
}

export async function droppedFiles(data: DataTransfer): Promise<DroppedItem[]> {
  const found: Found[] = []
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => ({ entry: item.webkitGetAsEntry(), file: item.getAsFile() }))
  for (const { entry, file } of entries) {
    if (entry?.isDirectory) await walk(entry, '', found)
    else if (file) found.push({ path: file.webkitRelativePath || file.name, file, named: true })
  }
  return toItems(found)
}
