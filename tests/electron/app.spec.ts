/**
 * The real Electron app, end to end. Electron's binary is fetched on first launch; where it
 * is not installed (as on machines without network), the spec is skipped and says why.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { callNames } from '../../src/shared/contract'

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
  // The session logs every request it blocks; a run of the app must not have any.
  const output: string[] = []
  app.process().stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  app.process().stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  try {
    const page = await app.firstWindow()
    await expect(page).toHaveTitle('Lectern')
    await expect(
      page.getByRole('navigation', { name: 'Articles' }).getByRole('listitem').getByRole('button'),
    ).toHaveCount(5)
    const url = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.getURL(),
    )
    expect(url).toBe('app://lectern/index.html')
    expect(
      await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined')
    expect(await page.evaluate(() => Object.keys(window.lectern).sort())).toEqual(
      [...callNames].sort(),
    )
    expect((await page.evaluate(() => window.lectern.getAppInfo())).dataDir).toBe(dataDir)

    // A bookmark made in the real window lands in the data folder.
    await page
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('listitem')
      .getByRole('button')
      .nth(2)
      .click()
    await page.getByRole('button', { name: 'Bookmark paragraph 1' }).click({ force: true })
    await expect(page.getByRole('article', { name: /^Bookmark/ })).toHaveCount(1)
  } finally {
    await app.close()
  }
  expect(output.join('')).not.toContain('blocked request')
})

test('reopens the window where it was left, at the size it had', async () => {
  test.skip(!existsSync(join(ROOT, 'out/main/index.js')), 'run `npm run build` first')
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-e2e-'))
  const launch = () =>
    electron.launch({
      executablePath: binary.path,
      args: [ROOT, '--data-dir', dataDir, ...(process.env.CI ? ['--no-sandbox'] : [])],
      env: { ...process.env, ELECTRON_RENDERER_URL: '' },
    })
  const wanted = { x: 40, y: 60, width: 900, height: 640 }
  const first = await launch()
  try {
    await first.firstWindow()
    await first.evaluate(({ BrowserWindow }, bounds) => {
      BrowserWindow.getAllWindows()[0]!.setBounds(bounds)
    }, wanted)
  } finally {
    await first.close()
  }
  const state = JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8')) as {
    bounds: typeof wanted
  }
  expect(state.bounds).toMatchObject({ width: wanted.width, height: wanted.height })

  const second = await launch()
  try {
    await second.firstWindow()
    const bounds = await second.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.getBounds(),
    )
    expect(bounds).toMatchObject({ width: wanted.width, height: wanted.height })
  } finally {
    await second.close()
  }
})

test('quitting right after typing keeps the note, the window’s place and frees the data folder', async () => {
  test.skip(!existsSync(join(ROOT, 'out/main/index.js')), 'run `npm run build` first')
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-e2e-'))
  const app = await electron.launch({
    executablePath: binary.path,
    args: [ROOT, '--data-dir', dataDir, ...(process.env.CI ? ['--no-sandbox'] : [])],
    env: { ...process.env, ELECTRON_RENDERER_URL: '' },
  })
  const page = await app.firstWindow()
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button').first().click()
  await page.getByRole('button', { name: '+ Note' }).click()
  const box = page.getByRole('textbox', { name: 'Article note' })
  await box.fill('Saved by the quit itself')
  // Ctrl/Cmd+Q at once: the note's autosave has not fired yet.
  const exited = new Promise((resolve) => app.process().once('exit', resolve))
  await app.evaluate(({ app: electronApp }) => electronApp.quit())
  await exited
  const data = readFileSync(join(dataDir, 'lectern.json'), 'utf8')
  expect(data).toContain('Saved by the quit itself')
  expect(existsSync(join(dataDir, 'window-state.json'))).toBe(true)
  expect(existsSync(join(dataDir, 'lectern.lock'))).toBe(false)
})

test('a lectern:// link it is started with opens the article at its paragraph', async () => {
  test.skip(!existsSync(join(ROOT, 'out/main/index.js')), 'run `npm run build` first')
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-e2e-'))
  const link = 'lectern://article/004_02c1bed588b60a46?paragraph=14'
  const app = await electron.launch({
    executablePath: binary.path,
    args: [ROOT, '--data-dir', dataDir, ...(process.env.CI ? ['--no-sandbox'] : []), link],
    env: { ...process.env, ELECTRON_RENDERER_URL: '' },
  })
  try {
    const page = await app.firstWindow()
    const reader = page.getByRole('main', { name: 'Article' })
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
    await expect(reader.locator('p[data-paragraph="14"]')).toBeInViewport()
  } finally {
    await app.close()
  }
})
