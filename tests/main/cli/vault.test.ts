/**
 * `lectern vault sync`, `lectern vault resolve` and `--watch`, in process: they read the data
 * another Lectern writes and keep the folder in step with it.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { watchVault } from '../../../src/main/cli/vault'
import { main } from '../../../src/main/cli/run'
import { openLectern, type Lectern } from '../../../src/main/lectern'
import type { SyncReport } from '../../../src/main/services/vault/vaultSync'
import { readExport } from '../services/export/readExport'
import { SEEDS } from '../seedLibrary'

const ID = '002_dac4dfd4f164a684'
let dataDir: string
let folder: string

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-cli-vault-'))
  folder = join(dataDir, 'vault')
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

const openWritable = (): Promise<Lectern> =>
  openLectern({ seedsDir: SEEDS, dataDir, version: '0.0.0' })

async function bookmark(paragraph: number): Promise<void> {
  const lectern = await openWritable()
  try {
    const text = lectern.library.get(ID).paragraphs[paragraph] as string
    await lectern.annotations.addBookmark({
      articleId: ID,
      position: { paragraph, start: 0, end: text.length },
    })
  } finally {
    await lectern.close()
  }
}

const markdownFiles = async (): Promise<string[]> =>
  (await readdir(folder)).filter((n) => n.endsWith('.md'))

describe('lectern vault sync and resolve', () => {
  it('writes the folder, reports conflicts with the command that settles them', async () => {
    await bookmark(3)
    const first = await main(['vault', 'sync', folder, '--data-dir', dataDir])
    expect(first).toBe(`Synced ${folder}: 1 written, 0 moved to the trash, 0 unchanged.\n`)
    const [name] = await markdownFiles()
    const path = join(folder, name as string)
    expect(readExport(await readFile(path, 'utf8')).bookmarks).toHaveLength(1)

    await writeFile(path, 'Rewritten in Obsidian.\n')
    await bookmark(4)
    const json = JSON.parse(
      await main(['vault', 'sync', folder, '--json', '--data-dir', dataDir]),
    ) as SyncReport
    expect(json.conflicts).toMatchObject([{ articleId: ID, path, kind: 'changed' }])
    const text = await main(['vault', 'sync', folder, '--data-dir', dataDir])
    expect(text).toContain(`Conflict: ${path} was changed outside Lectern.`)
    expect(text).toContain(
      `lectern vault resolve ${JSON.stringify(folder)} ${ID} overwrite|keep-theirs|write-beside`,
    )
    expect(await readFile(path, 'utf8')).toBe('Rewritten in Obsidian.\n')

    const resolved = await main([
      'vault',
      'resolve',
      folder,
      ID,
      'write-beside',
      '--data-dir',
      dataDir,
    ])
    expect(resolved).toBe(`Synced ${folder}: 0 written, 0 moved to the trash, 1 unchanged.\n`)
    expect((await markdownFiles()).sort()).toEqual(
      [name, (name as string).replace(/\.md$/, ' (Lectern).md')].sort(),
    )
  })

  it('refuses what it cannot do, saying how to do it', async () => {
    await expect(main(['vault'])).rejects.toThrow(/usage: lectern vault sync DIR/)
    await expect(main(['vault', 'sync'])).rejects.toThrow(/needs a folder/)
    await expect(main(['vault', 'resolve', folder, ID, 'merge'])).rejects.toThrow(
      /overwrite\|keep-theirs\|write-beside/,
    )
    await expect(main(['export', '--watch'])).rejects.toThrow(/needs --out DIR/)
    await expect(main(['export', '--out', folder, '--single', '--watch'])).rejects.toThrow(
      /leave out --single/,
    )
    await expect(main(['list', '--watch'])).rejects.toThrow(/--watch goes with/)
    await expect(
      main(['vault', 'resolve', folder, ID, 'overwrite', '--data-dir', dataDir]),
    ).rejects.toThrow(/No conflict/)
  })
})

describe('watching', () => {
  it('syncs at once, then after each change another Lectern makes, until stopped', async () => {
    await bookmark(3)
    const reports: SyncReport[] = []
    const errors: Error[] = []
    const stop = new AbortController()
    const watching = watchVault({
      folder,
      dataDir,
      open: () => openLectern({ seedsDir: SEEDS, dataDir, version: '0', readOnly: true }),
      debounceMs: 50,
      signal: stop.signal,
      onReport: (r) => reports.push(r),
      onError: (e) => errors.push(e),
    })
    const until = async (done: () => boolean): Promise<void> => {
      for (let waited = 0; !done(); waited += 20) {
        if (waited > 10_000) throw new Error('timed out')
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    await until(() => reports.length === 1)
    expect(reports[0]?.written).toHaveLength(1)

    await bookmark(4)
    await until(() => reports.some((r) => r.written.length > 0 && r !== reports[0]))
    const [name] = await markdownFiles()
    const read = readExport(await readFile(join(folder, name as string), 'utf8'))
    expect(read.bookmarks).toHaveLength(2)

    stop.abort()
    await watching
    expect(errors).toEqual([])
    // Stopped, it has let the folder go: another sync can take it.
    expect(await main(['vault', 'sync', folder, '--data-dir', dataDir])).toMatch(/0 written/)
  })
})
