/** The main window, served from the app's own scheme, with the rules of security.ts applied. */
import { app, BrowserWindow, net, protocol, session, shell } from 'electron'
import { join, normalize, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  APP_ORIGIN,
  APP_SCHEME,
  hardenContents,
  hardenSession,
  isTrustedUrl as isTrusted,
  mainWindowOptions,
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
    const { host, pathname } = new URL(request.url)
    const file = normalize(
      join(rendererDir, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)),
    )
    const inside = !relative(rendererDir, file).startsWith('..')
    if (host !== 'lectern' || !inside) return new Response('Not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
}

export function secureSession(): void {
  hardenSession(session.defaultSession, isTrustedUrl, (line) => {
    blockedLog.push(line)
    console.warn(`lectern: ${line}`)
  })
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath))
  win.once('ready-to-show', () => win.show())
  const dev = devServerUrl()
  void (dev ? win.loadURL(dev) : win.loadURL(`${APP_ORIGIN}/index.html`))
  return win
}

/** Every web contents, the main window's included, gets the same rules as it is created. */
export function hardenAllContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents, (url) => void shell.openExternal(url))
  })
}
