import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { WindowState } from '../../../../src/main/services/window/windowPlacement'
import { windowStateFile } from '../../../../src/main/services/window/windowStateFile'
import { makeTempDir, removeTempDirs } from '../store/fixtures'

afterEach(removeTempDirs)

const state = (x: number): WindowState => ({
  bounds: { x, y: 20, width: 1000, height: 700 },
  maximized: false,
  fullScreen: false,
})

describe('the window state file', () => {
  it('has nothing to say before the window was ever closed', async () => {
    expect(await windowStateFile(await makeTempDir()).load()).toBeNull()
  })

  it('gives back what was saved, across a restart', async () => {
    const dir = await makeTempDir()
    await windowStateFile(dir).save({ ...state(10), maximized: true })
    expect(await windowStateFile(dir).load()).toEqual({ ...state(10), maximized: true })
  })

  it('writes the newest of a burst of saves last, and no temporary file is left', async () => {
    const dir = await makeTempDir()
    const file = windowStateFile(dir)
    const saves = [1, 2, 3, 4, 5].map((x) => file.save(state(x)))
    await Promise.all(saves)
    expect(await file.load()).toEqual(state(5))
    expect(await readdir(dir)).toEqual(['window-state.json'])
  })

  it.each([
    ['not JSON', '{"bounds": '],
    ['the wrong shape', '{"bounds": {"x": "left"}}'],
    [
      'a negative size',
      JSON.stringify({ ...state(0), bounds: { x: 0, y: 0, width: -5, height: 9 } }),
    ],
  ])('ignores a file that is %s', async (_, text) => {
    const dir = await makeTempDir()
    await writeFile(join(dir, 'window-state.json'), text)
    expect(await windowStateFile(dir).load()).toBeNull()
  })

  it('reports a failed write and carries on', async () => {
    const dir = await makeTempDir()
    const lines: string[] = []
    const file = windowStateFile(join(dir, 'no', 'such', 'folder'), (line) => lines.push(line))
    await expect(file.save(state(1))).resolves.toBeUndefined()
    expect(lines.join('\n')).toMatch(/could not save the window's place/)
    await expect(readFile(file.path)).rejects.toThrow()
  })
})
