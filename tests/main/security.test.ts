/**
 * Electron's security checklist, item by item, against the options and handlers the app
 * really uses, the built page and preload, and the packaging configuration.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { guardedDispatch } from '../../src/main/dispatch'
import {
  APP_ORIGIN,
  hardenContents,
  hardenSession,
  isAllowedRequest,
  isExternalLink,
  isTrustedUrl,
  mainWindowOptions,
  rendererFile,
} from '../../src/main/security'
import type { Handlers } from '../../src/shared/contract'
import { callNames } from '../../src/shared/contract'
import { ROOT } from './seedLibrary'

const built = (path: string): string => {
  const file = join(ROOT, 'out', path)
  if (!existsSync(file)) throw new Error(`run \`npm run build\` first: ${file} is missing`)
  return readFileSync(file, 'utf8')
}

describe('the window', () => {
  const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!

  it('is sandboxed and isolated, with no Node in the page', () => {
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    })
  })

  it('keeps web security, no insecure content, no experimental or Blink features, no webview', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
    })
    expect(prefs.disableBlinkFeatures).toContain('Auxclick')
  })

  it('trusts only its own app:// origin (and the dev server in development)', () => {
    expect(APP_ORIGIN).toBe('app://lectern')
    expect(isTrustedUrl('app://lectern/index.html')).toBe(true)
    for (const url of [
      'file:///etc/passwd',
      'https://lectern',
      'app://other/index.html',
      'http://127.0.0.1:5173/',
      'not a url',
      '',
    ]) {
      expect(isTrustedUrl(url), url).toBe(false)
    }
    expect(isTrustedUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true)
  })
})

describe('navigation, new windows and links', () => {
  function fakeContents() {
    const listeners = new Map<string, (e: { preventDefault(): void }) => void>()
    let openHandler: ((d: { url: string }) => { action: string }) | undefined
    const contents = {
      on: (event: string, fn: (e: { preventDefault(): void }) => void) => (
        listeners.set(event, fn),
        contents
      ),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    }
    const openExternal = vi.fn()
    hardenContents(contents as never, openExternal)
    return { listeners, open: (url: string) => openHandler!({ url }), openExternal }
  }

  it('refuses every navigation, redirect and webview', () => {
    const { listeners } = fakeContents()
    for (const event of [
      'will-navigate',
      'will-redirect',
      'will-attach-webview',
      'will-frame-navigate',
    ]) {
      const preventDefault = vi.fn()
      listeners.get(event)!({ preventDefault })
      expect(preventDefault, event).toHaveBeenCalled()
    }
  })

  it('opens no window; web and mail links go to the system, other schemes nowhere', () => {
    const { open, openExternal } = fakeContents()
    for (const url of ['https://example.org/a', 'http://example.org', 'mailto:a@example.org']) {
      expect(open(url)).toEqual({ action: 'deny' })
      expect(openExternal).toHaveBeenLastCalledWith(url)
    }
    openExternal.mockClear()
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'app://lectern/x',
      'smb://host/share',
      'data:text/html,x',
      'ms-settings:',
    ]) {
      expect(open(url)).toEqual({ action: 'deny' })
      expect(isExternalLink(url)).toBe(false)
    }
    expect(openExternal).not.toHaveBeenCalled()
  })
})

describe('the session', () => {
  function fakeSession(isAllowed: (url: string) => boolean = (url) => isAllowedRequest(url)) {
    const s = {
      request: undefined as unknown as (p: string, cb: (ok: boolean) => void) => void,
      check: undefined as unknown as () => boolean,
      before: undefined as unknown as (
        d: { url: string },
        cb: (r: { cancel: boolean }) => void,
      ) => void,
    }
    const log: string[] = []
    hardenSession(
      {
        setPermissionRequestHandler: (fn: never) =>
          (s.request = (p, cb) => (fn as (...a: unknown[]) => void)(null, p, cb)),
        setPermissionCheckHandler: (fn: never) => (s.check = fn),
        webRequest: { onBeforeRequest: (fn: never) => (s.before = fn) },
      } as never,
      isAllowed,
      (line) => log.push(line),
    )
    return { s, log }
  }

  it('grants no permission', () => {
    const { s } = fakeSession()
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined
      s.request(p, (ok) => (granted = ok))
      expect(granted, p).toBe(false)
    }
    expect(s.check()).toBe(false)
  })

  it('blocks and logs every request that is not the app’s own', () => {
    const { s, log } = fakeSession()
    const verdict = (url: string): boolean => {
      let cancel = false
      s.before({ url }, (r) => (cancel = r.cancel))
      return cancel
    }
    expect(verdict('app://lectern/assets/index.js')).toBe(false)
    for (const url of [
      'https://example.org/track.png',
      'http://127.0.0.1:8080/',
      'ws://localhost/',
      'file:///etc/hosts',
    ]) {
      expect(verdict(url), url).toBe(true)
    }
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringContaining('blocked request to https://example.org/track.png'),
      ]),
    )
  })
})

describe('IPC', () => {
  it('checks the sender before anything else, then the argument', async () => {
    const called = vi.fn()
    const handlers = Object.fromEntries(callNames.map((n) => [n, called])) as unknown as Handlers
    const call = guardedDispatch(handlers, isTrustedUrl)
    for (const sender of [
      undefined,
      '',
      'https://evil.example/',
      'file:///x.html',
      'app://lectern.evil/',
    ]) {
      expect(await call(sender, 'listArticles', undefined)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
    }
    expect(await call('app://lectern/index.html', 'getArticle', { id: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    })
    expect(called).not.toHaveBeenCalled()
    await call('app://lectern/index.html', 'listArticles', undefined)
    expect(called).toHaveBeenCalledTimes(1)
  })
})

describe('the built page and preload', () => {
  it('has a strict Content Security Policy', () => {
    const html = built('renderer/index.html')
    const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1]
    expect(csp).toBeDefined()
    const directives = new Map(
      csp!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    )
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    // Nothing of `npm run dev`'s policy (a nonce, the dev server's socket) reaches the build.
    expect(csp).not.toMatch(/nonce-|ws:|wss:|localhost/)
    expect(html).not.toMatch(/csp-nonce|nonce=/)
    for (const [name, sources] of directives) {
      for (const source of sources ?? []) {
        expect(source, name).not.toMatch(/unsafe-eval|unsafe-inline|^https?:|^\*$|^data:/)
        // An imported article's pictures are drawn from bytes the page already holds, never loaded.
        if (name !== 'img-src') expect(source, name).not.toMatch(/^blob:/)
      }
    }
  })

  it('loads only its own files: no remote script, style, font or image', () => {
    const html = built('renderer/index.html')
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
    const assets = join(ROOT, 'out/renderer/assets')
    for (const file of readdirSync(assets).filter((f) => f.endsWith('.css'))) {
      expect(readFileSync(join(assets, file), 'utf8'), file).not.toMatch(
        /url\(\s*['"]?(https?:|\/\/|data:)/,
      )
    }
  })

  it('exposes exactly the contract (and the menu commands) through contextBridge, never ipcRenderer', () => {
    const preload = built('preload/index.cjs')
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(2)
    expect(preload).toMatch(/exposeInMainWorld\("lectern",/)
    expect(preload).toMatch(/exposeInMainWorld\("lecternCommands", \{ onCommand\(/)
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/)
    expect(preload).not.toMatch(/require\("(?!electron")/) // bundled: a sandboxed preload can load nothing else
  })

  it('renders no HTML from strings in the window', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? sources(join(dir, e.name))
          : /\.tsx?$/.test(e.name)
            ? [join(dir, e.name)]
            : [],
      )
    for (const file of sources(join(ROOT, 'src/renderer'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(
        /dangerouslySetInnerHTML|innerHTML\s*=|insertAdjacentHTML|document\.write/,
      )
    }
  })
})

describe('packaging', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    build: {
      linux: { maintainer?: string }
      electronFuses: Record<string, boolean>
      asar: boolean
      extraResources: { from: string }[]
    }
  }

  it('turns on the fuses a shipped app should have', () => {
    expect(pkg.build.asar).toBe(true)
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('is a configuration electron-builder itself accepts', async () => {
    const require = createRequire(import.meta.url)
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>
    }
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown }
    await expect(validateConfiguration(pkg.build, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('gives the deb target what it refuses to build without: a maintainer and a homepage', () => {
    // electron-builder's FpmTarget: `linux.maintainer`, else the author's name and email; and a
    // project URL (`homepage` or `repository`).
    const meta = pkg as unknown as { homepage?: string; author?: { email?: string } }
    expect(meta.homepage).toMatch(/^https:\/\//)
    expect(meta.author?.email ?? pkg.build.linux.maintainer).toMatch(/@/)
  })

  it('re-signs a mac build ad hoc after flipping its fuses, so Apple Silicon launches it', () => {
    // Flipping fuses changes the binary and breaks its signature; an unsigned build (no
    // identity) is never signed again by electron-builder, and macOS on arm64 kills it.
    expect(pkg.build.electronFuses.resetAdHocDarwinSignature).toBe(true)
  })

  it('ships the seeds as app resources', () => {
    expect(pkg.build.extraResources.map((r) => r.from)).toContain('seeds')
  })
})

describe('the app:// scheme', () => {
  const dir = '/opt/lectern/out/renderer'
  it('serves the renderer’s own files', () => {
    expect(rendererFile(dir, 'app://lectern/')).toBe(join(dir, 'index.html'))
    expect(rendererFile(dir, 'app://lectern/assets/index-1.js')).toBe(
      join(dir, 'assets/index-1.js'),
    )
    expect(rendererFile(dir, 'app://lectern/assets/a%20b.woff2')).toBe(
      join(dir, 'assets/a b.woff2'),
    )
  })

  it('answers 404 (null) for a malformed escape, another host, or a way out of the folder', () => {
    for (const url of [
      'app://lectern/%E0%A4%A',
      'app://lectern/%',
      'app://other/index.html',
      'app://lectern/..%2F..%2Fetc%2Fpasswd',
      'app://lectern/a%00b',
      'not a url',
    ]) {
      expect(rendererFile(dir, url), url).toBeNull()
    }
  })
})
