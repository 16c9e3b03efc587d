import { describe, expect, it } from 'vitest'
import {
  placeWindow,
  revealWindow,
  type WindowState,
} from '../../../../src/main/services/window/windowPlacement'

const SIZES = { width: 1280, height: 800, minWidth: 640, minHeight: 480 }
const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 }
/** A second screen to the right of the laptop. */
const MONITOR = { x: 1440, y: -200, width: 2560, height: 1400 }

const saved = (x: number, y: number, width = 1000, height = 700, extra = {}): WindowState => ({
  bounds: { x, y, width, height },
  maximized: false,
  fullScreen: false,
  ...extra,
})

describe('placeWindow', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(null, [LAPTOP], SIZES)).toEqual({
      bounds: { width: 1280, height: 800 },
      maximized: false,
      fullScreen: false,
    })
  })

  it('never opens larger than a small screen, nor smaller than the minimum', () => {
    const small = { x: 0, y: 0, width: 800, height: 600 }
    expect(placeWindow(null, [small], SIZES).bounds).toEqual({ width: 800, height: 600 })
    const tiny = { x: 0, y: 0, width: 500, height: 400 }
    expect(placeWindow(null, [tiny], SIZES).bounds).toEqual({ width: 640, height: 480 })
  })

  it('reopens where it was, at the size it had', () => {
    expect(placeWindow(saved(100, 50), [LAPTOP], SIZES).bounds).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
    })
  })

  it('reopens on the second screen when it was left there', () => {
    const place = placeWindow(saved(2000, 0, 1600, 1000), [LAPTOP, MONITOR], SIZES)
    expect(place.bounds).toEqual({ x: 2000, y: 0, width: 1600, height: 1000 })
  })

  it('comes back, centred on the main screen, when its screen is gone', () => {
    const place = placeWindow(saved(2000, 0, 1600, 1000), [LAPTOP], SIZES)
    expect(place.bounds).toEqual({ width: 1440, height: 875 })
  })

  it('is pulled fully onto its screen when it hung off an edge', () => {
    expect(placeWindow(saved(900, -40), [LAPTOP], SIZES).bounds).toEqual({
      x: 440,
      y: 0,
      width: 1000,
      height: 700,
    })
  })

  it('does not count a sliver left on a screen as being on it', () => {
    // Only 100 px of the title bar shows on the laptop: it is recentred.
    expect(placeWindow(saved(1340, 10), [LAPTOP], SIZES).bounds).toEqual({
      width: 1000,
      height: 700,
    })
  })

  it('shrinks to a screen that became smaller', () => {
    const place = placeWindow(saved(0, 0, 2400, 1300), [LAPTOP], SIZES)
    expect(place.bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 })
  })

  it('keeps maximised and full screen', () => {
    expect(placeWindow(saved(0, 0, 1000, 700, { maximized: true }), [LAPTOP], SIZES)).toMatchObject(
      {
        maximized: true,
        fullScreen: false,
      },
    )
    expect(
      placeWindow(saved(0, 0, 1000, 700, { fullScreen: true }), [LAPTOP], SIZES),
    ).toMatchObject({
      fullScreen: true,
    })
  })
})

describe('revealWindow', () => {
  /** Records what was done to a window; `maximize()` shows it, as Electron's does. */
  function fakeWindow() {
    const calls: string[] = []
    return {
      calls,
      show: () => calls.push('show'),
      maximize: () => calls.push('maximize'),
      setFullScreen: (on: boolean) => calls.push(`fullScreen:${on}`),
    }
  }

  it('is what shows the window, so nothing shows before its first paint', () => {
    for (const place of [
      { maximized: false, fullScreen: false },
      { maximized: true, fullScreen: false },
      { maximized: false, fullScreen: true },
    ]) {
      const win = fakeWindow()
      revealWindow(win, place)
      expect(win.calls.at(-1)).toBe('show')
    }
  })

  it('restores maximised or full-screen as left', () => {
    const maximised = fakeWindow()
    revealWindow(maximised, { maximized: true, fullScreen: false })
    expect(maximised.calls).toEqual(['maximize', 'show'])
    const full = fakeWindow()
    revealWindow(full, { maximized: true, fullScreen: true })
    expect(full.calls).toEqual(['fullScreen:true', 'show'])
  })
})
