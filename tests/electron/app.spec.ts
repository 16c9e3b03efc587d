/**
 * The real Electron app, end to end. Electron's binary is fetched on first launch; where it
 * is not installed (as on machines without network), the spec is skipped and says why.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

const ROOT = join(import.meta.dirname, '..', '..')

/**
 * Finds Electron's binary the way the `electron` package does, but without its fallback of
 * downloading it: a test run must not reach the network.
 */
function electronBinary(): { path?: string; reason?: string } {
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const pathFile = join(pkg, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist')
  const path = join(distDir, name)
  if (existsSync(path)) return { path }
  return {
    reason: `the Electron binary is not installed at ${path} (it is downloaded on first launch, which needs network access)`,
  }
}

const binary = electronBinary()
if (binary.reason) console.log(`Skipping the Electron spec: ${binary.reason}.`)

test.skip(!binary.path, binary.reason ?? '')

test('launches the built app, opens the first window on the library', async () => {
  test.skip(!existsSync(join(ROOT, 'out/main/index.js')), 'run `npm run build` first')
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-e2e-'))
  const app = await electron.launch({
    executablePath: binary.path,
    args: [ROOT, '--data-dir', dataDir, ...(process.env.CI ? ['--no-sandbox'] : [])],
    env: { ...process.env, ELECTRON_RENDERER_URL: '' },
  })
  try {
    const page = await app.firstWindow()
    await expect(page).toHaveTitle('Lectern')
    await expect(
      page.getByRole('navigation', { name: 'Articles' }).getByRole('button'),
    ).toHaveCount(5)
    const url = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.getURL(),
    )
    expect(url).toBe('app://lectern/index.html')
    expect(
      await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined')
    expect(await page.evaluate(() => Object.keys(window.lectern).sort())).toEqual([
      'getAppInfo',
      'getArticle',
      'listArticles',
      'search',
    ])
    expect((await page.evaluate(() => window.lectern.getAppInfo())).dataDir).toBe(dataDir)
  } finally {
    await app.close()
  }
})
