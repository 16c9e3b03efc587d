/**
 * `npm run dev`'s page policy and request filter, read from the real dev configuration: what
 * development needs is allowed there and only there; the built page keeps the strict policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type ViteDevServer } from 'vite'
import config from '../../electron.vite.config'
import { developmentCsp, isAllowedRequest } from '../../src/main/security'

type RendererConfig = { root: string; plugins: unknown[] }
const renderer = (config as unknown as { renderer: RendererConfig }).renderer

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k as string, v]),
  )
}

describe('the dev server page', () => {
  let server: ViteDevServer
  let origin: string
  beforeAll(async () => {
    server = await createServer({
      configFile: false,
      root: renderer.root,
      plugins: renderer.plugins as never,
      logLevel: 'silent',
      server: { host: 'localhost', port: 0, strictPort: false },
    })
    await server.listen()
    origin = new URL(server.resolvedUrls!.local[0]!).origin
  })
  afterAll(async () => server?.close())

  it('lets in Vite’s own inline scripts and styles by nonce, and its websocket, nothing else', async () => {
    const html = await (await fetch(`${origin}/`)).text()
    const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1]
    expect(csp).toBeDefined()
    const d = directives(csp!)
    const nonce = d.get('script-src')?.find((s) => s.startsWith("'nonce-"))
    expect(nonce).toMatch(/^'nonce-[A-Za-z0-9+/=]{16,}'$/)
    expect(d.get('style-src')).toEqual(["'self'", nonce])
    expect(d.get('connect-src')).toEqual(["'self'", origin.replace(/^http/, 'ws')])
    expect(d.get('default-src')).toEqual(["'self'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    for (const [name, sources] of d) {
      for (const source of sources) {
        expect(source, name).not.toMatch(/unsafe-eval|unsafe-inline|^https?:|^\*$|^data:/)
        // An imported article's pictures are drawn from bytes the page already holds, never loaded.
        if (name !== 'img-src') expect(source, name).not.toMatch(/^blob:/)
      }
    }
    // Every inline script Vite injected carries the nonce, so the policy lets it run.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1])
    expect(inline.length).toBeGreaterThan(0)
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce!.slice(7, -1)}"`)
    expect(html).toMatch(/<meta property="csp-nonce" nonce="/)
  })

  it('is a fresh nonce for each dev server', () => {
    const a = developmentCsp('http://localhost:5173/', 'one')
    expect(a).toContain("'nonce-one'")
    expect(a).toContain('ws://localhost:5173')
    expect(developmentCsp('https://localhost:5173/', 'x')).toContain('wss://localhost:5173')
  })
})

describe('the dev configuration leaves the build alone', () => {
  it('applies its policy only while serving', () => {
    const plugin = (renderer.plugins as { name?: string; apply?: unknown }[]).find(
      (p) => p?.name === 'lectern-development-csp',
    )
    expect(plugin?.apply).toBe('serve')
  })

  it('lets the dev server’s websocket through the request filter in development only', () => {
    const dev = 'http://localhost:5173'
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true)
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true)
    expect(isAllowedRequest('ws://localhost:5174/', dev)).toBe(false)
    expect(isAllowedRequest('ws://127.0.0.1:5173/', dev)).toBe(false)
    expect(isAllowedRequest('wss://localhost:5173/', dev)).toBe(false)
    expect(isAllowedRequest('https://example.org/', dev)).toBe(false)
    // The built app: no dev server, no socket.
    expect(isAllowedRequest('ws://localhost:5173/')).toBe(false)
    expect(isAllowedRequest('app://lectern/assets/x.js')).toBe(true)
  })
})
