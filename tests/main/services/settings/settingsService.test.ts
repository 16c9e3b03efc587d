import { dirname } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/dispatch'
import { openLectern } from '../../../../src/main/lectern'
import { createSettingsService } from '../../../../src/main/services/settings/settingsService'
import { openUserStore } from '../../../../src/main/services/store/userStore'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings'
import { SEEDS } from '../../seedLibrary'
import { folderBytes, makeTempDir, onDiskData, removeTempDirs } from '../store/fixtures'

afterEach(removeTempDirs)

describe('the settings service', () => {
  it('starts from the defaults, keeps a change on disk and across a restart', async () => {
    const dir = await makeTempDir()
    const store = await openUserStore(dir)
    const settings = createSettingsService(store)
    expect(settings.get()).toEqual(DEFAULT_SETTINGS)

    const saved = await settings.save({ theme: 'sepia', fontSize: 21, panes: { listWidth: 340 } })
    expect(saved).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'sepia',
      fontSize: 21,
      panes: { ...DEFAULT_SETTINGS.panes, listWidth: 340 },
    })
    // Resolved only once durable: the file already holds it.
    expect((await onDiskData(dirname(store.path))).settings).toEqual(saved)
    await settings.save({ panes: { focus: true } })
    await store.close()

    const reopened = await openUserStore(dir)
    expect(createSettingsService(reopened).get()).toEqual({
      ...saved,
      panes: { ...saved.panes, focus: true },
    })
    await reopened.close()
  })

  it('hands out copies: changing one changes nothing stored', async () => {
    const store = await openUserStore(await makeTempDir())
    const settings = createSettingsService(store)
    settings.get().panes.listWidth = 1
    expect(settings.get().panes.listWidth).toBe(DEFAULT_SETTINGS.panes.listWidth)
    await store.close()
  })

  it.each([
    ['a size too small', { fontSize: 3 }, /fontSize is at least 14/],
    ['a fractional size', { fontSize: 17.5 }, /fontSize is a whole number/],
    ['an unknown theme', { theme: 'neon' }, /theme/],
    [
      'a pane too wide',
      { panes: { notesWidth: 4000 } },
      /panes\.notesWidth: notesWidth is at most/,
    ],
    ['an unknown field', { colour: 'red' }, /colour/],
    ['an unknown pane field', { panes: { middle: true } }, /middle/],
    ['a line height out of bounds', { lineHeight: 9 }, /lineHeight is at most 2\.2/],
  ])('refuses %s with a clear error, and loses nothing', async (_, change, message) => {
    const dir = await makeTempDir()
    const store = await openUserStore(dir)
    const settings = createSettingsService(store)
    await settings.save({ theme: 'dark' })
    const before = await folderBytes(dirname(store.path))
    await expect(settings.save(change as never)).rejects.toThrow(message)
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
    expect(await folderBytes(dirname(store.path))).toBe(before)
    await store.close()
  })
})

describe('the settings calls', () => {
  it('are checked against the contract before anything runs', async () => {
    const dataDir = await makeTempDir()
    const lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: 'test' })
    try {
      const ok = await dispatch(lectern.handlers, 'saveSettings', {
        theme: 'light',
        columnWidth: 80,
      })
      expect(ok).toMatchObject({ ok: true, value: { theme: 'light', columnWidth: 80 } })
      const refused = await dispatch(lectern.handlers, 'saveSettings', { fontSize: 'huge' })
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
      if (!refused.ok) expect(refused.error.message).toMatch(/fontSize/)
      expect(await dispatch(lectern.handlers, 'getSettings', undefined)).toEqual({
        ok: true,
        value: { ...DEFAULT_SETTINGS, theme: 'light', columnWidth: 80 },
      })
      expect(await onDiskData(dataDir)).toMatchObject({
        settings: { theme: 'light', columnWidth: 80, fontSize: DEFAULT_SETTINGS.fontSize },
      })
    } finally {
      await lectern.close()
    }
  })
})
