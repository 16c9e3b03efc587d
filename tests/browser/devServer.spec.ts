/**
 * `npm run dev`'s renderer in Chromium under its development policy: the page is styled (Vite's
 * injected `<style>` elements carry the nonce), the hot-reload socket connects, and nothing
 * is refused. The window itself needs Electron's preload, so the page shows its error state;
 * what is checked here is the policy, not the app.
 */
import { expect, test } from '@playwright/test'
import { createServer, type ViteDevServer } from 'vite'
import config from '../../electron.vite.config'

const renderer = (config as unknown as { renderer: { root: string; plugins: unknown[] } }).renderer

let server: ViteDevServer
test.beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: renderer.root,
    plugins: renderer.plugins as never,
    logLevel: 'silent',
    server: { host: 'localhost', port: 0 },
  })
  await server.listen()
})
test.afterAll(async () => server?.close())

test('the dev page is styled and hot reload connects, with no policy violation', async ({
  page,
}) => {
  const url = server.resolvedUrls!.local[0]!
  const origin = new URL(url).origin
  const offServer: string[] = []
  await page.route('**/*', (route) => {
    const target = route.request().url()
    if (new URL(target).origin === origin) return route.continue()
    offServer.push(target)
    return route.abort('blockedbyclient')
  })
  const console: string[] = []
  page.on('console', (m) => console.push(m.text()))
  await page.addInitScript(() => {
    ;(window as unknown as { violations: string[] }).violations = []
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { violations: string[] }).violations.push(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    )
  })
  await page.goto(url)
  await expect.poll(() => console.some((line) => line.includes('[vite] connected'))).toBe(true)
  // The app's stylesheet arrived as injected <style> elements and applies.
  await expect
    .poll(() => page.evaluate(() => document.querySelectorAll('style[nonce]').length))
    .toBeGreaterThan(0)
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily)
  expect(font).not.toMatch(/^"?Times/)
  expect(
    await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
  ).toEqual([])
  expect(offServer).toEqual([])
})
