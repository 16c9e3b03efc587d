import * as fsp from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DamagedFileError } from '../../../../src/main/services/store/damagedFileError'
import {
  createFileDurably,
  DurableJsonFile,
  nodeFs,
  syncDirectory,
  writeFileDurably,
  type DurableFs,
} from '../../../../src/main/services/store/durableFile'
import { migrate } from '../../../../src/main/services/store/schema'
import { openUserStore } from '../../../../src/main/services/store/userStore'
import { makeTempDir, removeTempDirs } from './fixtures'

afterEach(removeTempDirs)

const failing = (code: string): (() => Promise<never>) => {
  return () => Promise.reject(Object.assign(new Error(`${code}: refused`), { code }))
}

describe('durable writes', () => {
  it('replace the file and leave no temporary file behind', async () => {
    const dir = await makeTempDir()
    const path = join(dir, 'file.json')
    await writeFileDurably(path, 'one')
    await writeFileDurably(path, 'two')
    expect(await fsp.readFile(path, 'utf8')).toBe('two')
    expect(await fsp.readdir(dir)).toEqual(['file.json'])
  })

  it('remove the temporary file and keep the old content when the rename fails', async () => {
    const dir = await makeTempDir()
    const path = join(dir, 'file.json')
    await writeFileDurably(path, 'old')
    const fs: DurableFs = { ...nodeFs, rename: failing('EIO') }
    await expect(writeFileDurably(path, 'new', fs)).rejects.toThrow('EIO: refused')
    expect(await fsp.readFile(path, 'utf8')).toBe('old')
    expect(await fsp.readdir(dir)).toEqual(['file.json'])
  })

  it.each(['EISDIR', 'EPERM', 'EINVAL'])(
    'go on where the platform refuses to flush a folder (%s)',
    async (code) => {
      const dir = await makeTempDir()
      await expect(syncDirectory(dir, { ...nodeFs, open: failing(code) })).resolves.toBeUndefined()
    },
  )

  it('report other failures to flush a folder', async () => {
    const dir = await makeTempDir()
    await expect(syncDirectory(dir, { ...nodeFs, open: failing('EIO') })).rejects.toThrow('EIO')
  })

  it('create new files beside existing ones, never over them', async () => {
    const dir = await makeTempDir()
    const stem = join(dir, 'copy')
    await fsp.writeFile(`${stem}.json`, 'existing')
    const path = await createFileDurably(stem, '.json', Buffer.from('new'))
    expect(path).toBe(`${stem}-1.json`)
    expect(await fsp.readFile(`${stem}.json`, 'utf8')).toBe('existing')
    expect(await fsp.readFile(path, 'utf8')).toBe('new')
  })
})

describe('the lowdb adapter', () => {
  it('reads a missing file as null, and a file holding null as damaged', async () => {
    const dir = await makeTempDir()
    const file = new DurableJsonFile(join(dir, 'lectern.json'), migrate)
    expect(await file.read()).toBeNull()
    await fsp.writeFile(file.path, 'null')
    await expect(file.read()).rejects.toBeInstanceOf(DamagedFileError)
  })

  it('reads a file that starts with a byte-order mark', async () => {
    const dir = await makeTempDir()
    const file = new DurableJsonFile(join(dir, 'x.json'), (raw) => raw)
    await fsp.writeFile(file.path, '\uFEFF{"a": 1}')
    expect(await file.read()).toEqual({ a: 1 })
  })
})

describe('opening the store', () => {
  it("removes a crashed writer's temporary files", async () => {
    const dir = await makeTempDir()
    await fsp.mkdir(join(dir, 'backups'))
    const leftovers = [
      join(dir, 'lectern.json.0a1b2c3d4e5f.tmp'),
      join(dir, 'backups', 'lectern-2024-01-01T00-00-00.000Z.json.0a1b2c3d4e5f.tmp'),
    ]
    for (const path of leftovers) await fsp.writeFile(path, '{"half": ')
    await fsp.writeFile(join(dir, 'notes.tmp'), 'not ours')
    const store = await openUserStore(dir)
    await store.close()
    // Left: the reader's own file, and this computer's (new) change log.
    expect((await fsp.readdir(dir)).sort()).toEqual(['backups', 'journal', 'notes.tmp'])
    expect(await fsp.readdir(join(dir, 'backups'))).toEqual([])
  })
})
