/**
 * Lectern's security rules, kept free of Electron's runtime so a unit test can check each
 * one: the window's options, where the window may go, what it may open, and which requests
 * and permissions the session allows. `windows.ts` applies them.
 */
import { isAbsolute, join, relative, resolve } from 'node:path'
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  PermissionCheckHandlerHandlerDetails,
  Session,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://lectern`

/**
 * The built renderer's file an `app://lectern/…` URL names, or null (answered 404) for another
 * host, a path outside the renderer's folder, or an escape that does not decode (`%E0%A4%A`).
 */
export function rendererFile(rendererDir: string, url: string): string | null {
  let host: string
  let pathname: string
  let path: string
  try {
    ;({ host, pathname } = new URL(url))
    path = decodeURIComponent(pathname === '/' ? '/index.html' : pathname)
  } catch {
    return null
  }
  if (host !== 'lectern' || path.includes('\0')) return null
  const root = resolve(rendererDir)
  const file = resolve(join(root, path))
  const inside = relative(root, file)
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : null
}

/** Every renderer setting of Electron's security checklist, spelled out even where it is the default. */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Lectern',
    backgroundColor: '#f7f5f0',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      // Middle-click would otherwise ask for a new window (refused anyway by the open handler).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  }
}

/** The window's own origin (or, in development, the Vite dev server's). */
export function isTrustedUrl(url: string, devServerUrl?: string): boolean {
  try {
    const u = new URL(url)
    // Node's URL gives custom schemes the origin "null", so scheme and host are compared.
    if (u.protocol === `${APP_SCHEME}:` && u.host === 'lectern') return true
    return devServerUrl !== undefined && u.origin === new URL(devServerUrl).origin
  } catch {
    return false
  }
}

/**
 * The page's Content Security Policy in development only (`npm run dev`). Vite injects each
 * stylesheet as a `<style>` element and the React refresh preamble as an inline script, and
 * keeps a websocket to its server for hot reload: the inline ones carry the dev server's
 * nonce and the socket may reach that one server. Everything else is as strict as the built
 * page's policy in index.html, which no development setting ever touches.
 */
export function developmentCsp(devServerUrl: string, nonce: string): string {
  const { host, protocol } = new URL(devServerUrl)
  const socket = `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self' ${socket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

/**
 * What the session lets the page load: the app's own files, and in development also the dev
 * server's hot-reload websocket (same host and port as the page it serves).
 */
export function isAllowedRequest(url: string, devServerUrl?: string): boolean {
  if (isTrustedUrl(url, devServerUrl) || url.startsWith('devtools://')) return true
  if (devServerUrl === undefined) return false
  try {
    const u = new URL(url)
    const dev = new URL(devServerUrl)
    const socket = dev.protocol === 'https:' ? 'wss:' : 'ws:'
    return u.protocol === socket && u.host === dev.host
  } catch {
    return false
  }
}

/** Only web and mail links leave the app, and only to the system's own browser or mailer. */
export function isExternalLink(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol)
  } catch {
    return false
  }
}

type Contents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/**
 * The page never navigates or opens windows. A link the reader clicks (in a note, say) opens
 * in the system browser when it is web or mail, and nowhere otherwise.
 */
export function hardenContents(contents: Contents, openExternal: (url: string) => void): void {
  const refuse = (event: { preventDefault(): void }): void => event.preventDefault()
  contents.on('will-navigate', refuse)
  contents.on('will-redirect', refuse)
  contents.on('will-attach-webview', refuse)
  contents.on('will-frame-navigate', refuse)
  contents.setWindowOpenHandler(({ url }: HandlerDetails): WindowOpenHandlerResponse => {
    if (isExternalLink(url)) openExternal(url)
    return { action: 'deny' }
  })
}

type SessionRules = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'
>

/** No permission is ever granted; every request that is not the app's own is blocked and logged. */
export function hardenSession(
  ses: SessionRules,
  isAllowed: (url: string) => boolean,
  log: (line: string) => void,
): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission ${permission}`)
    callback(false)
  })
  ses.setPermissionCheckHandler(
    (_contents, _permission, _origin, _details: PermissionCheckHandlerHandlerDetails) => false,
  )
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowed(details.url)
    if (!allowed) log(`blocked request to ${details.url}`)
    callback({ cancel: !allowed })
  })
}
