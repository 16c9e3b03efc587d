/**
 * Pictures of the app as a reader sees it: each theme at 1280×800 and 800×600, the dialogs,
 * focus mode and 200% zoom. They are
 * written to tests/screenshots/ (the README shows one) to be looked at, not compared.
 */
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { ThemeChoice } from '../../src/shared/settings'
import type { TestHost } from '../host/testHost'
import { ROOT } from '../host/testHost'
import { test, expect } from './fixtures'

const sizes = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'small', width: 800, height: 600 },
] as const

const ARTICLE = '004_02c1bed588b60a46'

/** A reader's marks on the article: a few colours, tags and notes. */
async function annotate(host: TestHost): Promise<void> {
  const h = host.lectern.handlers
  const { paragraphs } = await h.getArticle({ id: ARTICLE })
  const at = (p: number, words: string) => {
    const start = paragraphs[p]!.indexOf(words)
    return { paragraph: p, start, end: start + words.length }
  }
  await h.addBookmark({
    articleId: ARTICLE,
    position: at(0, 'some sectors have tried to show that Putin is opposed to Zionism'),
    color: 'red',
    tags: ['claim'],
    note: 'The thesis the article argues **against**.',
  })
  await h.addBookmark({
    articleId: ARTICLE,
    position: at(1, 'In 1947, when the UN “decreed” the creation of the State of Israel'),
    color: 'blue',
    tags: ['history', '1947'],
    note: 'Check the UN vote record.',
  })
  await h.addBookmark({
    articleId: ARTICLE,
    position: at(2, 'the Stalinist bureaucracy changed its politics'),
    color: 'yellow',
  })
  await h.addBookmark({
    articleId: ARTICLE,
    position: at(4, 'encourage the immigration of Russian Jews to Israel'),
    color: 'green',
    tags: ['follow-up'],
  })
  await h.addNote({
    articleId: ARTICLE,
    text: 'Polemical piece; sources are numbered in brackets.\n\n- compare with *Crescent* article',
    tags: ['reading-list'],
  })
}

const shot = async (page: Page, name: string): Promise<void> => {
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: join(ROOT, 'tests/screenshots', `${name}.png`) })
}

/** Opens the app on the annotated article, in a theme chosen in the reader's settings. */
async function openReader(page: Page, host: TestHost, theme: ThemeChoice): Promise<void> {
  await annotate(host)
  await host.lectern.handlers.saveSettings({ theme })
  await page.goto(host.url)
  await expect(
    page.getByRole('main', { name: 'Article' }).getByRole('heading', { level: 1 }),
  ).toBeVisible()
  // In a very narrow window the library is out of the way until asked for.
  const list = page.getByRole('navigation', { name: 'Articles' })
  if (!(await list.isVisible())) await page.keyboard.press('[')
  await list.getByRole('button', { name: /Close Relations/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
}

for (const theme of ['light', 'dark', 'sepia'] as const) {
  for (const size of sizes) {
    test(`screenshot: reader, ${theme}, ${size.width}×${size.height}`, async ({ page, host }) => {
      await page.setViewportSize(size)
      await openReader(page, host, theme)
      if (size.name === 'wide') {
        await expect(page.getByRole('article', { name: /^Bookmark/ })).toHaveCount(4)
      } else {
        // No room beside the article: the notes slide over it when asked for.
        await expect(page.getByRole('complementary', { name: 'Notes' })).toBeHidden()
      }
      await shot(page, `reader-${theme}-${size.name}`)
    })
  }
  test(`screenshot: search results, ${theme}`, async ({ page, host }) => {
    await annotate(host)
    await host.lectern.handlers.saveSettings({ theme })
    await page.goto(host.url)
    await page.getByRole('combobox', { name: 'Search all articles' }).fill('israel drones')
    await expect(
      page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first(),
    ).toBeVisible()
    await shot(page, `search-${theme}`)
  })
  test(`screenshot: all notes, ${theme}`, async ({ page, host }) => {
    await annotate(host)
    await host.lectern.handlers.saveSettings({ theme })
    await page.goto(host.url)
    await page.getByRole('button', { name: 'All notes' }).click()
    await expect(page.getByRole('main', { name: 'All notes' }).getByRole('listitem')).toHaveCount(5)
    await shot(page, `all-notes-${theme}`)
  })
}

test('screenshot: the system theme follows the system into dark', async ({ page, host }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await openReader(page, host, 'system')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await shot(page, 'reader-system-dark')
})

test('screenshot: reading settings and the shortcut sheet', async ({ page, host }) => {
  await openReader(page, host, 'light')
  await page.keyboard.press('Control+,')
  await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible()
  await shot(page, 'settings-light')
  await page.keyboard.press('Escape')
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await shot(page, 'shortcuts-light')
})

test('screenshot: shortcut sheet in a small window, dark', async ({ page, host }) => {
  await page.setViewportSize({ width: 800, height: 600 })
  await openReader(page, host, 'dark')
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await shot(page, 'shortcuts-dark-small')
})

test('screenshot: focus mode, sepia, larger text', async ({ page, host }) => {
  await host.lectern.handlers.saveSettings({ fontSize: 21, lineHeight: 1.8, columnWidth: 60 })
  await openReader(page, host, 'sepia')
  await page.keyboard.press('f')
  await expect(page.getByRole('navigation', { name: 'Articles' })).toBeHidden()
  await shot(page, 'focus-sepia')
})

test('screenshot: a small window with the notes over the article', async ({ page, host }) => {
  await page.setViewportSize({ width: 800, height: 600 })
  await openReader(page, host, 'light')
  await page.keyboard.press(']')
  await expect(page.getByRole('article', { name: /^Bookmark/ })).toHaveCount(4)
  await shot(page, 'notes-drawer-light-small')
})

test('screenshot: 200% zoom (1280×800 at twice the size)', async ({ browser, host }) => {
  const context = await browser.newContext({
    viewport: { width: 640, height: 400 },
    deviceScaleFactor: 2,
  })
  const page = await context.newPage()
  await openReader(page, host, 'light')
  await shot(page, 'reader-light-zoom200')
  await context.close()
})

/** The reader's own articles: a saved page read with its picture, and an import's summary. */
for (const theme of ['light', 'dark'] as const) {
  for (const size of [sizes[0], { name: 'narrow', width: 420, height: 800 }] as const) {
    test(`screenshot: imported article and import summary, ${theme}, ${size.name}`, async ({
      page,
      host,
    }) => {
      await page.setViewportSize(size)
      await host.lectern.handlers.saveSettings({ theme })
      await page.goto(host.url)
      host.desktop.answers.import = [join(ROOT, 'tests/fixtures/import/pages')]
      await expect(
        page.getByRole('main', { name: 'Article' }).getByRole('heading', { level: 1 }),
      ).toBeVisible()
      const list = page.getByRole('navigation', { name: 'Articles' })
      if (!(await list.isVisible())) await page.keyboard.press('[')
      await list.getByRole('button', { name: 'Import' }).click()
      await page.getByRole('menuitem', { name: /Import a folder/ }).click()
      const done = page.getByRole('dialog', { name: 'Import finished' })
      // Reading pages starts a worker, which takes a while on a busy machine.
      await expect(done).toBeVisible({ timeout: 60_000 })
      await expect(done.getByRole('status')).toContainText('8 imported')
      await shot(page, `import-summary-${theme}-${size.name}`)
      await done.getByRole('button', { name: 'Done' }).click()
      if (!(await list.isVisible())) await page.keyboard.press('[')
      await list.getByRole('button', { name: /The river is rising/ }).click()
      await expect(page.getByRole('img', { name: 'The mill steps under water' })).toBeVisible()
      await shot(page, `imported-${theme}-${size.name}`)
    })
  }
}

/** The sizes a new reader tried: a 1024×700 laptop window, and 420 px (200 % zoom of 840). */
for (const theme of ['light', 'dark'] as const) {
  for (const size of [
    { name: '1024', width: 1024, height: 700 },
    { name: '420', width: 420, height: 800 },
  ]) {
    test(`screenshot: reader and all notes, ${theme}, ${size.width}×${size.height}`, async ({
      page,
      host,
    }) => {
      await page.setViewportSize(size)
      await openReader(page, host, theme)
      if (size.width < 640) await page.keyboard.press('Escape') // the library drawer closes
      await shot(page, `reader-${theme}-${size.name}`)
      if (size.width < 640) {
        await page.getByRole('button', { name: 'Menu' }).click()
        await page.getByRole('menuitemcheckbox', { name: 'All notes' }).click()
      } else await page.getByRole('button', { name: 'All notes' }).click()
      await expect(page.getByRole('main', { name: 'All notes' }).getByRole('listitem')).toHaveCount(
        5,
      )
      await shot(page, `all-notes-${theme}-${size.name}`)
    })
  }
}
