/**
 * Two computers, each with its own state folder and its own copy of the data folder, import
 * the same saved page while apart; a sync tool then brings each folder's files to the other
 * (in either order, or keeping the other computer's version of a file as a conflict copy).
 * Articles are named by their content, so each computer ends with one article, and the
 * bookmark made on it on each computer survives on both.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, extname, join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLectern, type Lectern } from '../../../../src/main/lectern'

const ROOT = join(import.meta.dirname, '../../../..')
const SEEDS = join(ROOT, 'seeds')
const PAGE = join(ROOT, 'tests/fixtures/import/pages/bread-singlefile.html')

const made: string[] = []
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})
const tempDir = async (name: string): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), `lectern-${name}-`))
  made.push(dir)
  return dir
}

interface Computer {
  dataDir: string
  stateDir: string
}

const open = (pc: Computer): Promise<Lectern> =>
  openLectern({ seedsDir: SEEDS, dataDir: pc.dataDir, stateDir: pc.stateDir, version: 't' })

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)))
  }
  return out.sort()
}

/**
 * The sync tool, carrying every file of `from`'s data folder to `to`'s. A file both have with
 * different content is replaced (`newer`: the incoming copy is the newer one) or kept, the
 * incoming one written beside it under Syncthing's conflict-copy name (`conflict`).
 */
async function sync(from: Computer, to: Computer, how: 'newer' | 'conflict'): Promise<string[]> {
  const differed: string[] = []
  for (const file of await filesUnder(from.dataDir)) {
    const source = join(from.dataDir, file)
    let target = join(to.dataDir, file)
    const incoming = await readFile(source)
    const there = await readFile(target).catch(() => null)
    if (there?.equals(incoming)) continue
    if (there) differed.push(file)
    if (there && how === 'conflict') {
      const ext = extname(target)
      target = `${target.slice(0, target.length - ext.length)}.sync-conflict-20261201-101010-ABCDEF7${ext}`
    }
    await mkdir(dirname(target), { recursive: true })
    await copyFile(source, target)
  }
  return differed
}

const ORDERS = [
  {
    name: 'first to second, then back',
    steps: [
      [0, 1, 'newer'],
      [1, 0, 'newer'],
    ],
  },
  {
    name: 'second to first, then back',
    steps: [
      [1, 0, 'newer'],
      [0, 1, 'newer'],
    ],
  },
  {
    name: 'with conflict copies',
    steps: [
      [0, 1, 'conflict'],
      [1, 0, 'conflict'],
    ],
  },
] as const

describe('two computers importing the same page', () => {
  for (const order of ORDERS) {
    it(`end with one article and both bookmarks (${order.name})`, async () => {
      const pcs: Computer[] = []
      for (const name of ['first', 'second']) {
        pcs.push({
          dataDir: await tempDir(`data-${name}`),
          stateDir: await tempDir(`state-${name}`),
        })
      }
      // Each imports the page (the second a copy saved under another name) and bookmarks it.
      const copy = join(await tempDir('download'), 'Bread (1).html')
      await copyFile(PAGE, copy)
      const ids: string[] = []
      const bookmarks: string[] = []
      for (const [i, pc] of pcs.entries()) {
        const lectern = await open(pc)
        try {
          const result = await lectern.importer().importFile(i === 0 ? PAGE : copy)
          expect(result.status, result.error).toBe('imported')
          ids.push(result.articleId!)
          const bookmark = await lectern.handlers.addBookmark({
            articleId: result.articleId!,
            position: { paragraph: i, start: 0, end: 8 },
          })
          bookmarks.push(bookmark.id)
        } finally {
          await lectern.close()
        }
      }
      expect(ids[1]).toBe(ids[0])
      const id = ids[0]!

      const differed = new Set<string>()
      for (const [from, to, how] of order.steps) {
        for (const file of await sync(pcs[from]!, pcs[to]!, how)) differed.add(file)
      }
      // Each computer wrote its own `article.json` (it records when it was imported): the sync
      // tool had two versions of it to choose from, and in one order kept both.
      expect(differed).toContain(`library/articles/${id}/article.json`)
      const conflictCopy = `library/articles/${id}/article.sync-conflict-20261201-101010-ABCDEF7.json`
      if (order.name === 'with conflict copies') expect(differed).toContain(conflictCopy)

      for (const pc of pcs) {
        const lectern = await open(pc)
        try {
          const imported = lectern.imported.list()
          expect(imported.map((s) => s.id)).toEqual([id])
          expect(lectern.library.list().filter((s) => s.title === imported[0]!.title)).toHaveLength(
            1,
          )
          expect(lectern.library.get(id).paragraphs.length).toBeGreaterThan(1)
          const list = lectern.annotations.list(id)
          expect(list.bookmarks.map((b) => b.id).sort()).toEqual([...bookmarks].sort())
          for (const b of list.bookmarks) expect(b.placed, b.id).not.toBeNull()
        } finally {
          await lectern.close()
        }
        expect(await readdir(join(pc.dataDir, 'library/articles'))).toEqual([id])
        // A sync tool's copy is left where it is.
        if (order.name === 'with conflict copies') {
          expect(await filesUnder(join(pc.dataDir, 'library/articles'))).toContain(
            conflictCopy.slice('library/articles/'.length),
          )
        }
      }
    }, 60_000)
  }
})
