/**
 * Pictures of the app as a reader sees it, light and dark, wide and narrow. They are
 * written to tests/screenshots/ (the README shows one) to be looked at, not compared.
 */
import { join } from 'node:path'
import type { TestHost } from '../host/testHost'
import { ROOT } from '../host/testHost'
import { test, expect } from './fixtures'

const sizes = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 900, height: 700 },
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

for (const scheme of ['light', 'dark'] as const) {
  for (const size of sizes) {
    test(`screenshot: reader, ${scheme}, ${size.width}×${size.height}`, async ({ page, host }) => {
      await annotate(host)
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize(size)
      await page.goto(host.url)
      await page.getByRole('button', { name: /Close Relations/ }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
      await expect(page.getByRole('article', { name: /^Bookmark/ })).toHaveCount(4)
      await page.evaluate(() => document.fonts.ready)
      await page.screenshot({
        path: join(ROOT, 'tests/screenshots', `reader-${scheme}-${size.name}.png`),
      })
    })
  }
  test(`screenshot: search results, ${scheme}`, async ({ page, host }) => {
    await annotate(host)
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(host.url)
    await page.getByRole('combobox', { name: 'Search all articles' }).fill('israel drones')
    await expect(page.getByRole('option').first()).toBeVisible()
    await page.evaluate(() => document.fonts.ready)
    await page.screenshot({ path: join(ROOT, 'tests/screenshots', `search-${scheme}.png`) })
  })
  test(`screenshot: all notes, ${scheme}`, async ({ page, host }) => {
    await annotate(host)
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(host.url)
    await page.getByRole('button', { name: 'All notes' }).click()
    await expect(page.getByRole('main', { name: 'All notes' }).getByRole('listitem')).toHaveCount(5)
    await page.evaluate(() => document.fonts.ready)
    await page.screenshot({ path: join(ROOT, 'tests/screenshots', `all-notes-${scheme}.png`) })
  })
}
