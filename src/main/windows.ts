/** The main window, served from the app's own scheme, with the rules of security.ts applied. */
import { app, BrowserWindow, net, protocol, screen, session } from 'electron'
import { pathToFileURL } from 'node:url'
import { placeWindow, revealWindow, type WindowState } from './services/window/windowPlacement'
import {
  APP_ORIGIN,
  APP_SCHEME,
  hardenContents,
  hardenSession,
  isAllowedRequest,
  isTrustedUrl as isTrusted,
  mainWindowOptions,
  rendererFile,
} from './security'

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** The renderer in development is served by Vite; when built, from `out/renderer` via `app://`. */
const devServerUrl = (): string | undefined =>
  app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined

export const isTrustedUrl = (url: string): boolean => isTrusted(url, devServerUrl())

/** What the session blocked, newest last (the Electron end-to-end spec reads it). */
export const blockedLog: string[] = []

/** Serves the built renderer under `app://lectern/`, never anything outside its folder. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = rendererFile(rendererDir, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
}

export function secureSession(): void {
  const isAllowed = (url: string): boolean => isAllowedRequest(url, devServerUrl())
  hardenSession(session.defaultSession, isAllowed, (line) => {
    blockedLog.push(line)
    console.warn(`lectern: ${line}`)
  })
}

export interface MainWindowOptions {
  /** Where the window was when it was last closed or moved. */
  saved: WindowState | null
  /** Called (a moment after the reader stops moving or resizing it) with where it is now. */
  remember: (state: WindowState) => void
  /** The page's background colour, so no other colour shows while it loads. */
  backgroundColor: string
}

/** How long moving or resizing must pause before the window's place is written. */
const REMEMBER_AFTER_MS = 500

export function createMainWindow(
  preloadPath: string,
  { saved, remember, backgroundColor }: MainWindowOptions,
): BrowserWindow {
  const options = mainWindowOptions(preloadPath)
  const workAreas = [
    screen.getPrimaryDisplay(),
    ...screen.getAllDisplays().filter((d) => d.id !== screen.getPrimaryDisplay().id),
  ].map((d) => d.workArea)
  const place = placeWindow(saved, workAreas, {
    width: options.width ?? 1280,
    height: options.height ?? 800,
    minWidth: options.minWidth ?? 640,
    minHeight: options.minHeight ?? 480,
  })
  const win = new BrowserWindow({ ...options, ...place.bounds, backgroundColor })
  win.once('ready-to-show', () => revealWindow(win, place))

  // The normal bounds are kept even while maximised, so un-maximising after a restart works.
  const where = (): WindowState => ({
    bounds: win.getNormalBounds(),
    maximized: win.isMaximized(),
    fullScreen: win.isFullScreen(),
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  const later = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => !win.isDestroyed() && remember(where()), REMEMBER_AFTER_MS)
  }
  for (const event of [
    'resize',
    'move',
    'maximize',
    'unmaximize',
    'enter-full-screen',
    'leave-full-screen',
  ] as const) {
    win.on(event as 'resize', later)
  }
  win.on('close', () => {
    clearTimeout(timer)
    remember(where())
  })

  const dev = devServerUrl()
  void (dev ? win.loadURL(dev) : win.loadURL(`${APP_ORIGIN}/index.html`))
  return win
}

/** Every web contents, the main window's included, gets the same rules as it is created. */
export function hardenAllContents(openExternal: (url: string) => Promise<void>): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents, (url) => void openExternal(url))
  })
}
