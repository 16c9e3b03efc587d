/**
 * Long articles and long libraries: a 50 000-word article opens whole, costs only what is on
 * screen to lay out, and scrolls to its end with find still working; a library of 2 000
 * articles draws only the rows in view and stays navigable from the keyboard; and so do
 * 3 000 bookmarks in All notes.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { describePassage } from '../../src/main/services/anchoring'
import type { Bookmark } from '../../src/shared/types'
import { startTestHost, type TestHost } from '../host/testHost'
import { test, expect } from './fixtures'

const WORDS =
  'the reader turns each page slowly while rain keeps falling on the quiet harbour town'.split(' ')

/** A paragraph of `n` words, numbered so each is different. */
const paragraph = (i: number, n: number): string =>
  `Paragraph ${i}: ${Array.from({ length: n - 2 }, (_, w) => WORDS[(i + w) % WORDS.length]).join(' ')}.`

async function seeds(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-seeds-'))
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(dir, name), text)))
  return dir
}

const hosts: TestHost[] = []
test.afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
})

/** Whether the focused library row is wholly below the list's sticky heading. */
const focusedRowClearOfHead = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const row = document.activeElement?.closest('li')
    const head = document.querySelector('#pane-list .list-head')
    if (!row || !head) return false
    return row.getBoundingClientRect().top >= head.getBoundingClientRect().bottom - 0.5
  })

async function openOn(page: Page, seedsDir: string): Promise<TestHost> {
  const host = await startTestHost({ seedsDir })
  hosts.push(host)
  await page.goto(host.url)
  return host
}

test('a 50 000-word article opens whole and scrolls to its end', async ({ page }) => {
  const count = 625 // of 80 words each
  const body = Array.from({ length: count }, (_, i) => paragraph(i, 80)).join('\n\n')
  await openOn(page, await seeds({ '000_long.txt': `A Very Long Article\n\n\n${body}\n` }))
  const reader = page.getByRole('main', { name: 'Article' })
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('A Very Long Article')
  await expect(reader.locator('p[data-paragraph]')).toHaveCount(count)
  await expect(page.getByRole('complementary', { name: 'Notes' })).toContainText('50,000 words')

  // Paragraphs out of view are skipped by layout and paint until they come near.
  const skipped = await reader
    .locator('.para')
    .last()
    .evaluate((el) => getComputedStyle(el).contentVisibility)
  expect(skipped).toBe('auto')

  await reader.press('End')
  await expect(reader.locator(`p[data-paragraph="${count - 1}"]`)).toBeInViewport()
  // The reading position follows, and lands in the library row: read to the end, finished.
  await expect(
    page.getByRole('navigation', { name: 'Articles' }).locator('.badge-done'),
  ).toHaveText('Finished')

  await page.keyboard.press('Control+f')
  const find = page.getByRole('searchbox', { name: 'Find in article' })
  await find.fill(`Paragraph ${count - 1}:`)
  await expect(page.getByRole('search', { name: 'Find in article' })).toContainText('1 of 1')
  await find.fill('Paragraph 3')
  // 3, 30–39, 300–399: matched across the whole article, drawn or not.
  await expect(page.getByRole('search', { name: 'Find in article' })).toContainText('1 of 111')
})

test('a library of 2 000 articles draws only the rows in view', async ({ page }) => {
  const files: Record<string, string> = {}
  for (let i = 0; i < 2000; i++) {
    const id = String(i).padStart(4, '0')
    files[`${id}_a.txt`] = `Article number ${i}\n\n\n${paragraph(i, 40)}\n`
  }
  await openOn(page, await seeds(files))
  const list = page.getByRole('navigation', { name: 'Articles' })
  await expect(list).toContainText('2,000 articles')
  const rows = list.getByRole('listitem')
  await expect(rows.first()).toBeVisible()
  expect(await rows.count()).toBeLessThan(40)
  await expect(rows.first()).toHaveAttribute('aria-setsize', '2000')

  // End goes to the last article, drawn once it is in view; Enter opens it.
  await list.getByRole('button', { name: /^Article number 0 / }).focus()
  await page.keyboard.press('End')
  const last = list.getByRole('button', { name: /^Article number 1999 / })
  await expect(last).toBeFocused()
  await expect(last.locator('xpath=..')).toHaveAttribute('aria-posinset', '2000')
  expect(await rows.count()).toBeLessThan(40)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Article number 1999')
  // Enter put the keyboard in the article; back in the list, the arrows go on from the row.
  await expect(page.getByRole('main', { name: 'Article' })).toBeFocused()
  await last.focus()
  await page.keyboard.press('ArrowUp')
  await expect(list.getByRole('button', { name: /^Article number 1998 / })).toBeFocused()
  // Rows moved to upwards land below the heading and filter, which stay at the top of the
  // pane, not behind them.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('PageUp')
    await expect.poll(() => focusedRowClearOfHead(page)).toBe(true)
  }
  await page.keyboard.press('ArrowUp')
  await expect.poll(() => focusedRowClearOfHead(page)).toBe(true)

  // k walks back through the library, and the open row is kept in view.
  await page.keyboard.press('Home')
  await expect(list.getByRole('button', { name: /^Article number 0 / })).toBeFocused()
  await page.getByRole('main', { name: 'Article' }).focus()
  await page.keyboard.press('k')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Article number 1998')
  await expect(list.getByRole('button', { name: /^Article number 1998 / })).toBeInViewport()
})

test('all notes with 3 000 bookmarks draws only the cards in view', async ({ page }) => {
  const files: Record<string, string> = {}
  for (let i = 0; i < 300; i++) {
    files[`${String(i).padStart(3, '0')}_n.txt`] = `Noted article ${i}\n\n\n${paragraph(i, 40)}\n`
  }
  const host = await startTestHost({ seedsDir: await seeds(files) })
  hosts.push(host)
  const { handlers, annotations } = host.lectern
  const articles = await handlers.listArticles()
  expect(articles).toHaveLength(300)
  // Ten bookmarks an article (every fourth red), anchored as the app anchors them and written
  // in one change through the real service (3 000 separate saves would take minutes).
  const at = new Date().toISOString()
  const bookmarks: Bookmark[] = []
  for (const [i, a] of articles.entries()) {
    const { paragraphs } = await handlers.getArticle({ id: a.id })
    for (let k = 0; k < 10; k++) {
      bookmarks.push({
        id: `mark-${i * 10 + k}`,
        type: 'bookmark',
        articleId: a.id,
        color: k % 4 === 3 ? 'red' : 'yellow',
        tags: [],
        note: `Mark ${i * 10 + k}`,
        anchor: describePassage(paragraphs, { paragraph: 0, start: k * 5, end: k * 5 + 4 }),
        created: at,
        modified: at,
      })
    }
  }
  await annotations.apply((data) => {
    data.bookmarks.push(...bookmarks)
  })
  await page.goto(host.url)
  await expect(
    page
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('listitem')
      .getByRole('button')
      .first(),
  ).toBeVisible()
  await page.getByRole('button', { name: 'All notes' }).click()
  const all = page.getByRole('main', { name: 'All notes' })
  await expect(all.getByRole('tab', { name: 'Bookmarks and notes (3000)' })).toBeVisible()
  const cards = all.getByRole('listitem')
  // Each card ends with its note, then when it was made.
  const card = (n: number) => cards.filter({ hasText: new RegExp(`Mark ${n}(?!\\d)`) })
  await expect(card(0)).toBeVisible()
  expect(await cards.count()).toBeLessThan(100)
  await expect(card(0)).toHaveAttribute('aria-setsize', '10')
  await expect(all.getByRole('region', { name: 'Noted article 0' })).toBeAttached()
  // Measured rows sit one after another, margins and all.
  const first = await card(0).boundingBox()
  const second = await card(1).boundingBox()
  expect(second?.y).toBeGreaterThan((first?.y ?? Infinity) + (first?.height ?? 0))

  // The focused card stays drawn (and focused) while the list scrolls far away from it,
  // and Tab goes on to the next card.
  await card(0).getByRole('button').focus()
  const toEnd = async (): Promise<void> => {
    await all.evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await expect(card(2999)).toBeInViewport({ timeout: 500 })
  }
  await expect(toEnd).toPass()
  await expect(card(2999)).toHaveAttribute('aria-posinset', '10')
  await expect(all.getByRole('heading', { name: 'Noted article 299' })).toBeAttached()
  expect(await cards.count()).toBeLessThan(100)
  await expect(card(0).getByRole('button')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(card(1).getByRole('button')).toBeFocused()
  await expect(card(1)).toBeInViewport()

  // Opening a card still jumps to its passage.
  await card(1).getByRole('button').press('Enter')
  await expect(
    page.getByRole('main', { name: 'Article' }).getByRole('heading', { level: 1 }),
  ).toHaveText('Noted article 0')

  // The filters still narrow the whole list, drawn or not.
  await page.getByRole('button', { name: 'All notes' }).click()
  await all.getByRole('combobox', { name: 'Only colour' }).selectOption('red')
  await expect(card(3)).toBeVisible()
  await expect(card(0)).toHaveCount(0)
  expect(await cards.count()).toBeLessThan(100)
  await all.getByRole('searchbox', { name: 'Filter notes by words' }).fill('Mark 2993')
  await expect(cards).toHaveCount(1)
  await expect(card(2993)).toBeVisible()
  await expect(
    all.getByRole('region', { name: 'Noted article 299' }).getByRole('listitem'),
  ).toHaveCount(1)
})
