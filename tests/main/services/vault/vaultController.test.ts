/**
 * Vault sync in the app: the chosen folder is remembered across launches, and every call that
 * changes bookmarks or notes (and only those) leads to a sync.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLectern, type Lectern } from '../../../../src/main/lectern'
import {
  afterAnnotationChanges,
  VAULT_SETTINGS_FILE,
} from '../../../../src/main/services/vault/vaultController'
import { SEEDS } from '../../seedLibrary'
import { readExport } from '../export/readExport'

const ID = '002_dac4dfd4f164a684'
let dataDir: string
let folder: string
let lectern: Lectern | undefined

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-vault-app-'))
  folder = join(dataDir, 'Vault')
})
afterEach(async () => {
  await lectern?.close()
  lectern = undefined
  await rm(dataDir, { recursive: true, force: true })
})

const open = async (): Promise<Lectern> => {
  lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: '0', vault: true })
  return lectern
}
const files = async (): Promise<string[]> =>
  (await readdir(folder)).filter((n) => n.endsWith('.md'))

async function until(done: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await done()); waited += 50) {
    if (waited > 10_000) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('vault sync in the app', () => {
  it('syncs the chosen folder after each change, and remembers it across launches', async () => {
    const app = await open()
    expect(app.vault?.status()).toEqual({ folder: null, conflicts: [], last: null, error: null })
    await app.handlers.addBookmark({ articleId: ID, position: { paragraph: 3, start: 0, end: 20 } })
    // Chosen: synced at once, with what is already there.
    const chosen = await app.vault?.setFolder(folder)
    expect(chosen).toMatchObject({ folder, error: null, last: { written: [expect.any(String)] } })

    await app.handlers.addNote({ articleId: ID, text: 'Added through the window.' })
    await until(async () => {
      const [name] = await files()
      const md = await readFile(join(folder, name as string), 'utf8')
      return readExport(md).notes.length === 1
    })
    await app.close()
    lectern = undefined

    // Next launch: the same folder, synced again; a later change reaches it too.
    const again = await open()
    expect(again.vault?.status()).toMatchObject({ folder, error: null, last: { unchanged: 1 } })
    const [note] = again.annotations.list(ID).notes
    await again.handlers.deleteAnnotation({ id: note?.id as string })
    await until(async () => {
      const [name] = await files()
      return readExport(await readFile(join(folder, name as string), 'utf8')).notes.length === 0
    })

    // Turned off: remembered as off, and the folder is left as it is.
    await again.vault?.setFolder(null)
    expect(JSON.parse(await readFile(join(dataDir, VAULT_SETTINGS_FILE), 'utf8'))).toEqual({
      folder: null,
    })
    await again.handlers.addNote({ articleId: ID, text: 'Not synced.' })
    await new Promise((r) => setTimeout(r, 1300))
    const [name] = await files()
    expect(readExport(await readFile(join(folder, name as string), 'utf8')).notes).toEqual([])
  })

  it('starts without a folder when the remembered one cannot be used, and says why', async () => {
    await writeFile(join(dataDir, 'in-the-way'), 'a file, not a folder')
    await writeFile(
      join(dataDir, VAULT_SETTINGS_FILE),
      JSON.stringify({ folder: join(dataDir, 'in-the-way') }),
    )
    const app = await open()
    expect(app.vault?.status()).toMatchObject({
      folder: null,
      error: expect.stringContaining('Cannot keep'),
    })
  })

  it('is not opened by read-only Lecterns, such as the CLI’s', async () => {
    const reader = await openLectern({ seedsDir: SEEDS, dataDir, version: '0', readOnly: true })
    expect(reader.vault).toBeUndefined()
    await reader.close()
  })
})

describe('afterAnnotationChanges', () => {
  it('calls back after calls that changed the revision, and only those, even when they fail', async () => {
    let revision = 0
    let changes = 0
    const handlers = afterAnnotationChanges(
      {
        read: async () => 'read',
        write: async () => {
          revision++
          return 'written'
        },
        writeThenFail: async () => {
          revision++
          throw new Error('failed after writing')
        },
        refuse: async () => {
          throw new Error('refused')
        },
      },
      () => revision,
      () => changes++,
    )
    expect(await handlers.read()).toBe('read')
    expect(changes).toBe(0)
    expect(await handlers.write()).toBe('written')
    expect(changes).toBe(1)
    await expect(handlers.refuse()).rejects.toThrow('refused')
    expect(changes).toBe(1)
    await expect(handlers.writeThenFail()).rejects.toThrow('failed after writing')
    expect(changes).toBe(2)
  })
})
