/**
 * Keeping a folder (typically inside an Obsidian vault) up to date with the reader's notes:
 * one Markdown file per article with bookmarks or notes, rewritten a moment after a change,
 * atomically and durably, and only when its content changed.
 *
 * Lectern never overwrites a file someone else changed since it last wrote it: the manifest
 * remembers what it wrote, and a file that differs is a conflict for the reader to settle
 * (overwrite it, keep theirs, or write Lectern's version beside it). Files of articles that
 * no longer have notes are moved to a trash folder, never deleted.
 */
import * as fsp from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { LecternError } from '../../../shared/reply'
import type { ExportOptions } from '../export/exportService'
import { EXTENSION, exportFileNames, fileStemOf, sameNameKey } from '../export/fileNames'
import type { ArticleExport } from '../export/toMarkdown'
import { acquireLock, type FileLock } from '../store/fileLock'
import { errorMessage, writeFileDurably } from '../store/durableFile'
import {
  moveToTrash,
  nextFreeName,
  readIfThere,
  readManifest,
  sha256,
  writeManifest,
  type Manifest,
} from './vaultFiles'

/** What the vault needs of the exporter. */
export interface VaultExporter {
  articlesWithNotes(): ArticleExport[]
  render(data: ArticleExport, options?: ExportOptions): string
}

export type { ConflictChoice, SyncReport, VaultConflict } from '../../../shared/types'
import type { ConflictChoice, SyncReport, VaultConflict } from '../../../shared/types'

export interface VaultSyncOptions {
  folder: string
  exporter: VaultExporter
  /** Quiet time after a change before writing. */
  debounceMs?: number
  /** Write the time of export, only into files whose content changed. Off by default. */
  timestamp?: boolean
  /** After each sync started by `changed()`. */
  onReport?: (report: SyncReport) => void
  /** A sync started by `changed()` failed (the folder was removed, the disk is full…). */
  onError?: (error: Error) => void
}

export interface VaultSync {
  readonly folder: string
  /** Something changed: sync once things are quiet for `debounceMs` (at most 10× that). */
  changed(): void
  /** Syncs now, after any sync already running. */
  sync(): Promise<SyncReport>
  /** Conflicts found by the last sync, held ones included. */
  conflicts(): VaultConflict[]
  /** Settles a conflict the way the reader chose, then syncs. */
  resolve(articleId: string, choice: ConflictChoice): Promise<SyncReport>
  /** Writes what is pending, then lets the folder go. */
  close(): Promise<void>
}

/** Leftovers of interrupted durable writes of Lectern's files: `<name>.md.<12 hex>.tmp`. */
const LEFTOVER_TEMP = /\.md\.[0-9a-f]{12}\.tmp$/

/** Claims `folder` (one Lectern at a time) and makes it ready for syncing. */
export async function openVaultSync(options: VaultSyncOptions): Promise<VaultSync> {
  const { folder } = options
  try {
    await fsp.mkdir(folder, { recursive: true })
  } catch (error) {
    throw new LecternError('invalid-argument', `Cannot use ${folder}: ${errorMessage(error)}`)
  }
  const lock = await acquireLock(folder)
  try {
    for (const name of await fsp.readdir(folder))
      if (LEFTOVER_TEMP.test(name)) await fsp.unlink(join(folder, name)).catch(() => undefined)
    const manifest = await readManifest(folder)
    return new FolderSync(options, lock, manifest)
  } catch (error) {
    await lock.release()
    throw error
  }
}

class FolderSync implements VaultSync {
  readonly folder: string
  private readonly debounceMs: number
  private found = new Map<string, VaultConflict>()
  private queue: Promise<unknown> = Promise.resolve()
  private timer: NodeJS.Timeout | undefined
  private firstChange = 0
  private closed = false
  /** The manifest as last saved, so an idle pass writes nothing. */
  private saved: string

  constructor(
    private readonly options: VaultSyncOptions,
    private readonly lock: FileLock,
    private readonly manifest: Manifest,
  ) {
    this.folder = options.folder
    this.debounceMs = options.debounceMs ?? 1000
    this.saved = JSON.stringify(manifest)
  }

  changed(): void {
    if (this.closed) return
    const now = Date.now()
    if (!this.timer) this.firstChange = now
    clearTimeout(this.timer)
    const wait = Math.min(this.debounceMs, this.firstChange + this.debounceMs * 10 - now)
    this.timer = setTimeout(
      () => {
        this.timer = undefined
        this.sync().then(
          (report) => this.options.onReport?.(report),
          (error: unknown) => this.options.onError?.(error as Error),
        )
      },
      Math.max(0, wait),
    )
  }

  sync(): Promise<SyncReport> {
    return this.serially(() => this.pass())
  }

  conflicts(): VaultConflict[] {
    return [...this.found.values()]
  }

  resolve(articleId: string, choice: ConflictChoice): Promise<SyncReport> {
    return this.serially(async () => {
      const conflict = this.found.get(articleId)
      if (!conflict)
        throw new LecternError('not-found', `No conflict over the file of article "${articleId}".`)
      if (!conflict.choices.includes(choice))
        throw new LecternError('invalid-argument', `"${choice}" is not a choice for this file.`)
      await this.settle(conflict, choice)
      return this.pass()
    })
  }

  async close(): Promise<void> {
    if (this.closed) return
    const pending = this.timer !== undefined
    clearTimeout(this.timer)
    this.timer = undefined
    this.closed = true
    try {
      if (pending) await this.serially(() => this.pass())
      else await this.queue.catch(() => undefined)
    } finally {
      await this.lock.release()
    }
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }

  private render(data: ArticleExport, timestamp = false): string {
    return this.options.exporter.render(data, { timestamp })
  }

  private async write(articleId: string, name: string, data: ArticleExport): Promise<string> {
    const bare = this.render(data)
    const text = this.options.timestamp ? this.render(data, true) : bare
    const path = join(this.folder, name)
    await writeFileDurably(path, text)
    this.manifest.files[articleId] = { name, written: sha256(text), content: sha256(bare) }
    return path
  }

  /** One pass over every article: write what changed, trash what went, note conflicts. */
  private async pass(): Promise<SyncReport> {
    const report: SyncReport = { written: [], trashed: [], unchanged: 0, conflicts: [] }
    const { files } = this.manifest
    const articles = this.options.exporter.articlesWithNotes()
    const live = new Set(articles.map((a) => a.article.id))
    const listing = await fsp.readdir(this.folder)
    const conflicts = new Map<string, VaultConflict>()
    const conflict = (c: Omit<VaultConflict, 'choices' | 'held'>): void => {
      const choices: ConflictChoice[] =
        c.wants === 'trash'
          ? ['overwrite', 'keep-theirs']
          : c.kind === 'removed'
            ? ['overwrite', 'keep-theirs']
            : ['overwrite', 'keep-theirs', 'write-beside']
      conflicts.set(c.articleId, { ...c, choices, held: files[c.articleId]?.held === true })
    }

    // A file with exactly what Lectern would write is Lectern's (say, after a lost manifest).
    const keep = new Map<string, string>()
    for (const a of articles) {
      const entry = files[a.article.id]
      if (entry) keep.set(a.article.id, entry.name)
      else {
        const plain = `${fileStemOf(a.article.title)}${EXTENSION}`
        const there = listing.find((n) => sameNameKey(n) === sameNameKey(plain))
        const text = there === undefined ? null : await readIfThere(join(this.folder, there))
        if (there && text !== null && withoutTimestamp(text) === this.render(a))
          keep.set(a.article.id, there)
      }
    }
    const names = exportFileNames(
      articles.map((a) => a.article),
      { keep, taken: listing },
    )

    for (const a of articles) {
      const id = a.article.id
      const name = names.get(id) as string
      const path = join(this.folder, name)
      const entry = files[id]
      const current = await readIfThere(path)
      const bare = this.render(a)
      if (!entry) {
        if (current === null) report.written.push(await this.write(id, name, a))
        else if (withoutTimestamp(current) === bare) {
          files[id] = { name, written: sha256(current), content: sha256(bare) }
          report.unchanged++
        }
        // Otherwise someone made a file of that name since the folder was listed: it is
        // theirs, and the next sync names Lectern's file around it.
        continue
      }
      const theirs = current !== null && sha256(current) !== entry.written
      const news = sha256(bare) !== entry.content
      if (current === null) {
        conflict({ articleId: id, title: a.article.title, path, kind: 'removed', wants: 'write' })
      } else if (!theirs) {
        delete entry.held
        if (news) report.written.push(await this.write(id, name, a))
        else report.unchanged++
      } else if (withoutTimestamp(current) === bare) {
        // Someone made the file say what Lectern would: it is Lectern's again.
        files[id] = { name, written: sha256(current), content: sha256(bare) }
        report.unchanged++
      } else if (news || entry.held) {
        conflict({ articleId: id, title: a.article.title, path, kind: 'changed', wants: 'write' })
      } else report.unchanged++
    }

    for (const [id, entry] of Object.entries(files)) {
      if (live.has(id)) continue
      const path = join(this.folder, entry.name)
      const current = await readIfThere(path)
      if (current === null) delete files[id]
      else if (sha256(current) === entry.written) {
        report.trashed.push(await moveToTrash(this.folder, path))
        delete files[id]
      } else {
        const title = titleIn(current) ?? entry.name
        conflict({ articleId: id, title, path, kind: 'changed', wants: 'trash' })
      }
    }

    this.found = conflicts
    report.conflicts = [...conflicts.values()]
    const json = JSON.stringify(this.manifest)
    if (json !== this.saved) {
      await writeManifest(this.folder, this.manifest)
      this.saved = json
    }
    return report
  }

  private async settle(c: VaultConflict, choice: ConflictChoice): Promise<void> {
    const { files } = this.manifest
    const entry = files[c.articleId]
    if (choice === 'keep-theirs') {
      // Leaving a file Lectern would trash: it is theirs from now on, and forgotten.
      if (c.wants === 'trash') delete files[c.articleId]
      else if (entry) entry.held = true
      return
    }
    if (c.wants === 'trash') {
      await moveToTrash(this.folder, c.path)
      delete files[c.articleId]
      return
    }
    const data = this.options.exporter.articlesWithNotes().find((a) => a.article.id === c.articleId)
    if (!data || !entry) return
    if (choice === 'overwrite') {
      // Their version goes to the trash, not into thin air.
      if (c.kind === 'changed') await moveToTrash(this.folder, c.path)
      await this.write(c.articleId, entry.name, data)
      return
    }
    // Beside theirs: Lectern's version under a new name, which it keeps up to date from now on.
    const listing = new Set((await fsp.readdir(this.folder)).map(sameNameKey))
    const beside = `${fileStemOf(data.article.title)} (Lectern)${EXTENSION}`
    const name = nextFreeName(beside, (n) => listing.has(sameNameKey(n)))
    await this.write(c.articleId, name, data)
  }
}

/** The `title` of a file's front matter, to name a conflict over a file Lectern would trash. */
function titleIn(markdown: string): string | undefined {
  const head = /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1]
  try {
    const title = (parse(head ?? '') as { title?: unknown } | null)?.title
    return typeof title === 'string' ? title : undefined
  } catch {
    return undefined
  }
}

/** A file as Lectern wrote it, less the time of export: what its content is. */
const withoutTimestamp = (markdown: string): string =>
  markdown.replace(/^(---\n(?:.*\n)*?)exported: .*\n/, '$1')
