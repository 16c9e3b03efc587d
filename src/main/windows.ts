/**
 * The main window and everything that keeps it a closed room: sandboxed renderer, no
 * navigation, no new windows, no permissions, no request outside the app's own origin.
 */
import { app, BrowserWindow, net, protocol, session, shell } from 'electron'
import { join, normalize, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://lectern`

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** The renderer in development is served by Vite; when built, from `out/renderer` via `app://`. */
const devServerUrl = (): string | undefined =>
  app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL

export function isTrustedUrl(url: string): boolean {
  const dev = devServerUrl()
  try {
    const origin = new URL(url).origin
    return origin === APP_ORIGIN || (dev !== undefined && origin === new URL(dev).origin)
  } catch {
    return false
  }
}

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

/** Session-wide rules: deny every permission, block every request that is not the app's own. */
export function hardenSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isTrustedUrl(details.url) || details.url.startsWith('devtools://')
    if (!allowed) console.warn(`lectern: blocked request to ${details.url}`)
    callback({ cancel: !allowed })
  })
}

/** Links open in the system browser only when a person clicks them, and only for web and mail. */
function openExternally(url: string): void {
  try {
    const { protocol: scheme } = new URL(url)
    if (scheme === 'http:' || scheme === 'https:' || scheme === 'mailto:')
      void shell.openExternal(url)
  } catch {
    // not a URL: nothing to open
  }
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Lectern',
    backgroundColor: '#f7f5f0',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  const wc = win.webContents
  wc.on('will-navigate', (event) => event.preventDefault())
  wc.on('will-redirect', (event) => event.preventDefault())
  wc.on('will-attach-webview', (event) => event.preventDefault())
  wc.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
  const dev = devServerUrl()
  void (dev ? win.loadURL(dev) : win.loadURL(`${APP_ORIGIN}/index.html`))
  return win
}
