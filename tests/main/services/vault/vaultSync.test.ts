/**
 * Vault sync on real folders: a session of highlighting, editing and deleting keeps the folder
 * right, read back as Obsidian reads it (visible Markdown files, tags, block ids); files are
 * written only when their content changed; and a file someone else changed is never
 * overwritten without the reader's say.
 */
import { mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadArticleLibrary } from '../../../../src/main/services/library/articleLibrary'
import { MANIFEST_FILE, TRASH_FOLDER } from '../../../../src/main/services/vault/vaultFiles'
import {
  openVaultSync,
  type SyncReport,
  type VaultSync,
  type VaultSyncOptions,
} from '../../../../src/main/services/vault/vaultSync'
import { SEEDS } from '../../seedLibrary'
import {
  isObsidianTag,
  obsidianBlocks,
  readExport,
  textOf,
  type ReadExport,
} from '../export/readExport'
import { fixedClock, openWorld, passage, SEED_IDS, type World } from '../export/scenario'

const [S000, S001, S002] = SEED_IDS
let world: World
let folder: string
let vault: VaultSync | undefined

beforeEach(async () => {
  world = await openWorld(await loadArticleLibrary(SEEDS), { now: fixedClock() })
  folder = join(await mkdtemp(join(tmpdir(), 'lectern-vault-')), 'Vault', 'Lectern')
})
afterEach(async () => {
  await vault?.close()
  vault = undefined
  await world.close()
  await rm(join(folder, '..', '..'), { recursive: true, force: true })
})

const open = async (options: Partial<VaultSyncOptions> = {}): Promise<VaultSync> => {
  vault = await openVaultSync({ folder, exporter: world.exporter, debounceMs: 30, ...options })
  return vault
}

const highlight = (
  articleId: string,
  paragraph: number,
  more: { tags?: string[]; note?: string } = {},
) => {
  const text = world.library.get(articleId).paragraphs[paragraph] as string
  return world.annotations.addBookmark({
    articleId,
    position: passage(world.library.get(articleId), paragraph, text.slice(0, 30)),
    ...more,
  })
}

/**
 * The folder as Obsidian sees it: the Markdown files outside hidden folders, each parsed, its
 * block ids resolved by Obsidian's rule and its tags checked against Obsidian's.
 */
async function obsidianView(): Promise<Map<string, ReadExport & { file: string }>> {
  const files = (await readdir(folder)).filter((n) => n.endsWith('.md') && !n.startsWith('.'))
  const byArticle = new Map<string, ReadExport & { file: string }>()
  for (const file of files) {
    const md = await readFile(join(folder, file), 'utf8')
    const read = readExport(md)
    const blocks = obsidianBlocks(md)
    for (const b of read.bookmarks) {
      const block = blocks.get(`lectern-${b.id}`)
      expect(block?.type).toBe('blockquote')
      expect(
        block && 'children' in block ? block.children.map((c) => textOf(c)).join('\n\n') : '',
      ).toBe(b.quote)
      for (const tag of b.tags) expect(isObsidianTag(tag), tag).toBe(true)
    }
    byArticle.set(read.frontMatter.article_id as string, { ...read, file })
  }
  return byArticle
}

/** What the vault must say: every live bookmark and note of every article that has any. */
async function expectVaultMatchesLectern(): Promise<void> {
  const view = await obsidianView()
  const { bookmarks, notes } = world.annotations.list()
  const articles = new Set([...bookmarks, ...notes].map((a) => a.articleId))
  expect([...view.keys()].sort()).toEqual([...articles].sort())
  for (const id of articles) {
    const read = view.get(id)
    const list = world.annotations.list(id)
    expect(read?.bookmarks.map((b) => [b.id, b.quote, b.note])).toEqual(
      list.bookmarks.map((b) => [b.id, b.anchor.quote.exact, b.note]),
    )
    expect(read?.notes.map((n) => [n.id, n.text])).toEqual(list.notes.map((n) => [n.id, n.text]))
  }
}

/** Waits for the next debounced sync's report. */
function nextReport(options: { reports: SyncReport[] }): Promise<SyncReport> {
  const seen = options.reports.length
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = (): void => {
      if (options.reports.length > seen) resolve(options.reports.at(-1) as SyncReport)
      else if (Date.now() - started > 5000) reject(new Error('no sync within 5 s'))
      else setTimeout(poll, 10)
    }
    poll()
  })
}

const visible = async (): Promise<string[]> =>
  (await readdir(folder)).filter((n) => n.endsWith('.md') && !n.startsWith('.')).sort()
const trashed = async (): Promise<string[]> => (await readdir(join(folder, TRASH_FOLDER))).sort()

describe('a reading session', () => {
  it('keeps one file per article up to date through highlighting, editing and deleting', async () => {
    const log = { reports: [] as SyncReport[] }
    const errors: Error[] = []
    // Long enough that the edits below, each written durably, fall within one quiet period.
    await open({
      debounceMs: 500,
      onReport: (r) => log.reports.push(r),
      onError: (e) => errors.push(e),
    })
    const afterChange = async (): Promise<SyncReport> => {
      const next = nextReport(log)
      vault?.changed()
      return next
    }

    // Highlight two articles, one with a note and tags with a space and nesting.
    const first = await highlight(S000, 1)
    const second = await highlight(S001, 2, { tags: ['middle east', 'topic/sub'], note: 'Why?' })
    const synced = await afterChange()
    expect(synced.written).toHaveLength(2)
    await expectVaultMatchesLectern()
    const s001 = (await obsidianView()).get(S001)
    expect(s001?.bookmarks[0]?.tags).toEqual(['middle-east', 'topic/sub'])
    expect(s001?.file).toBe(world.exporter.fileNameFor(S001))

    // A burst of edits is one sync, which rewrites only the file that changed.
    const before = await stat(join(folder, s001?.file as string))
    const s000Name = (await obsidianView()).get(S000)?.file as string
    const s000Before = await stat(join(folder, s000Name))
    await world.annotations.updateBookmark({ id: second.id, note: 'Why? Because.' })
    vault?.changed()
    await world.annotations.addNote({
      articleId: S001,
      text: 'On the whole article.',
      tags: ['x y'],
    })
    vault?.changed()
    await world.annotations.updateBookmark({ id: second.id, color: 'red' })
    const edited = await afterChange()
    expect(log.reports).toHaveLength(2)
    expect(edited.written).toEqual([join(folder, s001?.file as string)])
    expect(edited.unchanged).toBe(1)
    expect((await stat(join(folder, s000Name))).mtimeMs).toBe(s000Before.mtimeMs)
    expect((await stat(join(folder, s001?.file as string))).mtimeMs).toBeGreaterThanOrEqual(
      before.mtimeMs,
    )
    await expectVaultMatchesLectern()

    // Deleting an article's only bookmark moves its file to the trash, with its last content.
    const lastContent = await readFile(join(folder, s000Name), 'utf8')
    await world.annotations.remove(first.id)
    const deleted = await afterChange()
    expect(deleted.trashed).toEqual([join(folder, TRASH_FOLDER, s000Name)])
    expect(await visible()).toEqual([s001?.file])
    expect(await readFile(join(folder, TRASH_FOLDER, s000Name), 'utf8')).toBe(lastContent)
    await expectVaultMatchesLectern()

    // Restored from Lectern's trash, it comes back; deleted again, the trash keeps both.
    await world.annotations.restore(first.id)
    await afterChange()
    await expectVaultMatchesLectern()
    await world.annotations.remove(first.id)
    await afterChange()
    expect(await trashed()).toEqual([s000Name, s000Name.replace(/\.md$/, ' 2.md')].sort())

    // Nothing changed: nothing written, not even the manifest.
    const manifest = await stat(join(folder, MANIFEST_FILE))
    const idle = await vault!.sync()
    expect(idle).toMatchObject({ written: [], trashed: [], conflicts: [] })
    expect((await stat(join(folder, MANIFEST_FILE))).mtimeMs).toBe(manifest.mtimeMs)
    expect(errors).toEqual([])
  })

  it('writes what is pending when closed', async () => {
    await open({ debounceMs: 60_000 })
    await highlight(S002, 3)
    vault?.changed()
    await vault?.close()
    vault = undefined
    expect(await visible()).toHaveLength(1)
  })

  it('stamps the time of export only on files whose content changed', async () => {
    await open({ timestamp: true })
    await highlight(S000, 1)
    await highlight(S001, 2)
    await vault!.sync()
    const view = await obsidianView()
    const file = (id: string) => join(folder, view.get(id)?.file as string)
    const stamped = await readFile(file(S000), 'utf8')
    expect(readExport(stamped).frontMatter.exported).toMatch(/^2024-05-01T/)
    await world.annotations.addNote({ articleId: S001, text: 'New.' })
    const report = await vault!.sync()
    expect(report.written).toEqual([file(S001)])
    expect(await readFile(file(S000), 'utf8')).toBe(stamped)
  })

  it('lets one Lectern at a time sync a folder', async () => {
    await open()
    await expect(openVaultSync({ folder, exporter: world.exporter })).rejects.toThrow(
      /Another Lectern is using/,
    )
  })

  it('finds its own files again after losing its manifest, rather than writing copies', async () => {
    // Stamped with the time of export, which does not make a file someone else's.
    await open({ timestamp: true })
    await highlight(S000, 1)
    await vault!.sync()
    const [name] = await visible()
    const before = await readFile(join(folder, name as string), 'utf8')
    await vault!.close()
    await unlink(join(folder, MANIFEST_FILE))
    await open({ timestamp: true })
    const report = await vault!.sync()
    expect(report).toMatchObject({ written: [], unchanged: 1, conflicts: [] })
    expect(await visible()).toEqual([name])
    expect(await readFile(join(folder, name as string), 'utf8')).toBe(before)
    // And it is Lectern's again: the next change is written into it.
    await highlight(S000, 4)
    expect((await vault!.sync()).written).toEqual([join(folder, name as string)])
  })
})

describe('a damaged manifest', () => {
  it('is kept aside, and Lectern’s files are still found by what they say', async () => {
    await open()
    await highlight(S000, 1)
    await vault!.sync()
    await vault!.close()
    await writeFile(join(folder, MANIFEST_FILE), '{"format": "lectern-vault", "files": [')
    await open()
    expect(await vault!.sync()).toMatchObject({ written: [], unchanged: 1, conflicts: [] })
    expect(await visible()).toHaveLength(1)
    const aside = (await readdir(folder)).filter((n) => n.startsWith(`${MANIFEST_FILE}.damaged-`))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(folder, aside[0] as string), 'utf8')).toContain('"files": [')
  })
})

describe('files someone else changed', () => {
  /** Syncs S000 with one bookmark and returns its file's path. */
  async function synced(): Promise<string> {
    await open()
    await highlight(S000, 1)
    const report = await vault!.sync()
    return report.written[0] as string
  }
  const theirEdit = (md: string): string => `${md}\nMy own thoughts, written in Obsidian.\n`

  it('are not overwritten: the conflict is reported with the choices, and the file kept', async () => {
    const path = await synced()
    const edited = theirEdit(await readFile(path, 'utf8'))
    await writeFile(path, edited)
    // Nothing new from Lectern: nothing to say.
    expect((await vault!.sync()).conflicts).toEqual([])
    await highlight(S000, 4)
    const report = await vault!.sync()
    expect(report.conflicts).toEqual([
      {
        articleId: S000,
        title: world.library.get(S000).title,
        path,
        kind: 'changed',
        wants: 'write',
        choices: ['overwrite', 'keep-theirs', 'write-beside'],
        held: false,
      },
    ])
    expect(report.written).toEqual([])
    expect(await readFile(path, 'utf8')).toBe(edited)
    expect(vault!.conflicts()).toEqual(report.conflicts)
  })

  it('are kept as they are when the reader keeps theirs, through later changes', async () => {
    const path = await synced()
    const edited = theirEdit(await readFile(path, 'utf8'))
    await writeFile(path, edited)
    await highlight(S000, 4)
    await vault!.sync()
    const report = await vault!.resolve(S000, 'keep-theirs')
    expect(report.conflicts).toMatchObject([{ articleId: S000, held: true }])
    await highlight(S000, 5)
    await vault!.sync()
    expect(await readFile(path, 'utf8')).toBe(edited)
    // Changing their mind later, the reader can still have Lectern's version.
    await vault!.resolve(S000, 'overwrite')
    expect(readExport(await readFile(path, 'utf8')).bookmarks).toHaveLength(3)
    // Theirs went to the trash, not into thin air.
    expect(await readFile(join(folder, TRASH_FOLDER, await firstTrashed()), 'utf8')).toBe(edited)
  })

  it('get Lectern’s version written beside them, which Lectern then keeps up to date', async () => {
    const path = await synced()
    const edited = theirEdit(await readFile(path, 'utf8'))
    await writeFile(path, edited)
    await highlight(S000, 4)
    await vault!.sync()
    const report = await vault!.resolve(S000, 'write-beside')
    const beside = path.replace(/\.md$/, ' (Lectern).md')
    expect(report.conflicts).toEqual([])
    expect(readExport(await readFile(beside, 'utf8')).bookmarks).toHaveLength(2)
    await highlight(S000, 5)
    expect((await vault!.sync()).written).toEqual([beside])
    expect(await readFile(path, 'utf8')).toBe(edited)
  })

  it('that were removed are reported, and come back only when the reader says so', async () => {
    const path = await synced()
    await unlink(path)
    await highlight(S000, 4)
    const report = await vault!.sync()
    expect(report.conflicts).toMatchObject([
      { kind: 'removed', wants: 'write', choices: ['overwrite', 'keep-theirs'] },
    ])
    expect(await visible()).toEqual([])
    await vault!.resolve(S000, 'overwrite')
    expect(readExport(await readFile(path, 'utf8')).bookmarks).toHaveLength(2)
  })

  it('are not trashed when Lectern’s notes on the article go, unless the reader says so', async () => {
    const path = await synced()
    const edited = theirEdit(await readFile(path, 'utf8'))
    await writeFile(path, edited)
    const [bookmark] = world.annotations.list(S000).bookmarks
    await world.annotations.remove(bookmark?.id as string)
    const report = await vault!.sync()
    expect(report.conflicts).toMatchObject([
      { articleId: S000, wants: 'trash', choices: ['overwrite', 'keep-theirs'] },
    ])
    expect(report.conflicts[0]?.title).toBe(world.library.get(S000).title)
    expect(await readFile(path, 'utf8')).toBe(edited)
    // Kept: the file is theirs now, and Lectern forgets it.
    expect((await vault!.resolve(S000, 'keep-theirs')).conflicts).toEqual([])
    expect((await vault!.sync()).conflicts).toEqual([])
    expect(await readFile(path, 'utf8')).toBe(edited)
  })

  it('that merely share a name with an article are left alone, and the article named apart', async () => {
    await open()
    const title = world.library.get(S000).title
    const mine = join(folder, `${title}.md`)
    await writeFile(mine, '# My own note with the same title\n')
    await highlight(S000, 1)
    const report = await vault!.sync()
    expect(report.written).toHaveLength(1)
    expect(report.written[0]).toMatch(/ [0-9a-f]{8}\.md$/)
    expect(await readFile(mine, 'utf8')).toBe('# My own note with the same title\n')
  })

  it('refuses a choice that is not offered, or a conflict that is not there', async () => {
    await synced()
    await expect(vault!.resolve(S000, 'overwrite')).rejects.toThrow(/No conflict/)
    const path = (await vault!.sync(), (await obsidianView()).get(S000)?.file as string)
    await unlink(join(folder, path))
    await highlight(S000, 4)
    await vault!.sync()
    await expect(vault!.resolve(S000, 'write-beside')).rejects.toThrow(/not a choice/)
  })

  async function firstTrashed(): Promise<string> {
    return (await trashed())[0] as string
  }
})
