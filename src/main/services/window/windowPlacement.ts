/**
 * Where the main window opens: where the reader left it, as long as that is still on a screen
 * (a monitor may have been unplugged or the resolution changed since), else centred at the
 * default size. Pure functions, so every case can be tested without Electron.
 */
import { z } from 'zod'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  /** The window's normal (not maximised, not full-screen) bounds. */
  bounds: Rect
  maximized: boolean
  fullScreen: boolean
}

export const windowStateSchema = z.object({
  bounds: z.object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
})

export interface WindowSizes {
  width: number
  height: number
  minWidth: number
  minHeight: number
}

/** What to give the window: bounds without x and y mean "centred", as Electron does. */
export interface Placement {
  bounds: Omit<Rect, 'x' | 'y'> & Partial<Pick<Rect, 'x' | 'y'>>
  maximized: boolean
  fullScreen: boolean
}

/** How much of the window must be on a screen for its place to be kept: enough to grab it. */
const VISIBLE = { width: 160, height: 48 }

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

/**
 * Places the window. `screens` are the work areas of the displays (without task bars and
 * docks), the primary one first.
 */
export function placeWindow(
  saved: WindowState | null,
  screens: readonly Rect[],
  sizes: WindowSizes,
): Placement {
  const primary = screens[0]
  const fit = (width: number, height: number, area: Rect | undefined) => ({
    width: Math.max(sizes.minWidth, Math.min(width, area?.width ?? width)),
    height: Math.max(sizes.minHeight, Math.min(height, area?.height ?? height)),
  })
  if (!saved) {
    return { bounds: fit(sizes.width, sizes.height, primary), maximized: false, fullScreen: false }
  }
  const { bounds } = saved
  // The screen that shows most of the window.
  const home = screens
    .map((area) => ({ area, shown: overlap(bounds, area) }))
    .filter(({ shown }) => shown.width >= VISIBLE.width && shown.height >= VISIBLE.height)
    .sort((a, b) => b.shown.width * b.shown.height - a.shown.width * a.shown.height)[0]
  const state = { maximized: saved.maximized, fullScreen: saved.fullScreen }
  if (!home) return { bounds: fit(bounds.width, bounds.height, primary), ...state }

  // Kept where it was, but pulled wholly onto that screen (its title bar within reach).
  const { area } = home
  const size = fit(bounds.width, bounds.height, area)
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - size.width)
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - size.height)
  return { bounds: { x, y, ...size }, ...state }
}

/** The parts of a window that showing it touches. */
export interface Revealable {
  show(): void
  maximize(): void
  setFullScreen(flag: boolean): void
}

/**
 * Shows a window as it was left, once its first frame is painted (`ready-to-show`): Electron's
 * `maximize()` shows a hidden window at once, so it is only called here, never before.
 */
export function revealWindow(
  win: Revealable,
  place: { maximized: boolean; fullScreen: boolean },
): void {
  if (place.fullScreen) win.setFullScreen(true)
  else if (place.maximized) win.maximize()
  win.show()
}
