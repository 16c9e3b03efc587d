/**
 * An axe-core audit of every main view and every dialog or popover, in each theme: no serious
 * or critical violation. Bookmarks and notes are made first so cards, highlights, badges and
 * the progress bar are all on the page.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import type { ThemeChoice } from '../../src/shared/settings'
import type { TestHost } from '../host/testHost'
import { test, expect } from './fixtures'

const ARTICLE = '004_02c1bed588b60a46'

async function annotate(host: TestHost): Promise<void> {
  const h = host.lectern.handlers
  const { paragraphs } = await h.getArticle({ id: ARTICLE })
  const colors = ['yellow', 'red', 'blue', 'green'] as const
  for (const [i, color] of colors.entries()) {
    const text = paragraphs[i] as string
    await h.addBookmark({
      articleId: ARTICLE,
      position: { paragraph: i, start: 0, end: Math.min(40, text.length) },
      color,
      tags: ['audit'],
      note: i % 2 ? 'A *note* with [a link](https://example.org).' : '',
    })
  }
  await h.addNote({ articleId: ARTICLE, text: 'An article note.', tags: ['audit'] })
  await h.saveReading({ articleId: ARTICLE, progress: 0.3, paragraph: 2 })
}

/** Fails with the violations listed, rule by rule, so a failure says what to fix. */
async function audit(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(bad, `${what}: serious or critical accessibility violations`).toEqual([])
}

async function open(page: Page, host: TestHost, theme: ThemeChoice): Promise<void> {
  await annotate(host)
  await host.lectern.handlers.saveSettings({ theme })
  await page.goto(host.url)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
  await expect(page.getByRole('article', { name: /^Bookmark/ })).toHaveCount(4)
}

for (const theme of ['light', 'dark', 'sepia'] as const) {
  test.describe(`${theme} theme`, () => {
    test('the reader, with bookmarks, notes and find', async ({ page, host }) => {
      await open(page, host, theme)
      await audit(page, 'reader')
      await page.keyboard.press('Control+f')
      await page.getByRole('searchbox', { name: 'Find in article' }).fill('Putin')
      await audit(page, 'find bar')
    })

    test('search results', async ({ page, host }) => {
      await open(page, host, theme)
      await page.getByRole('combobox', { name: 'Search all articles' }).fill('israel')
      await expect(
        page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first(),
      ).toBeVisible()
      await audit(page, 'search results')
    })

    test('all notes and the trash', async ({ page, host }) => {
      await open(page, host, theme)
      await page.keyboard.press('a')
      await expect(page.getByRole('main', { name: 'All notes' })).toBeVisible()
      await audit(page, 'all notes')
      await page.getByRole('tab', { name: /Trash/ }).click()
      await audit(page, 'trash')
    })

    // One test per two views at most: each audit is heavy, and a test must stay well inside
    // its time on a busy machine.
    test('the shortcut sheet and the settings', async ({ page, host }) => {
      await open(page, host, theme)
      await page.keyboard.press('?')
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
      await audit(page, 'shortcut sheet')
      await page.keyboard.press('Escape')

      await page.keyboard.press('Control+,')
      await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible()
      await audit(page, 'settings')
    })

    test('the export menu and the bar over a selection', async ({ page, host }) => {
      await open(page, host, theme)
      await page.keyboard.press('e')
      await expect(page.getByRole('menu', { name: 'Export' })).toBeVisible()
      await audit(page, 'export menu')
      await page.keyboard.press('Escape')

      const p = page.locator('p[data-paragraph="6"]')
      await p.evaluate((el) => {
        const range = document.createRange()
        range.setStart(el.firstChild as Text, 0)
        range.setEnd(el.firstChild as Text, 15)
        getSelection()?.removeAllRanges()
        getSelection()?.addRange(range)
      })
      await p.dispatchEvent('mouseup')
      await expect(page.getByRole('toolbar', { name: 'Bookmark the selection' })).toBeVisible()
      await audit(page, 'selection popover')
    })

    test('the note editor', async ({ page, host }) => {
      await open(page, host, theme)
      const notes = page.getByRole('complementary', { name: 'Notes' })
      await notes.getByRole('button', { name: '+ Note' }).click()
      await expect(notes.getByRole('textbox', { name: 'Article note' })).toBeFocused()
      await audit(page, 'note editor')
    })

    test('a small window with the notes over the article', async ({ page, host }) => {
      await page.setViewportSize({ width: 800, height: 600 })
      await open(page, host, theme).catch(async () => {
        // The notes are not beside the article here: they are counted once opened.
      })
      await page.keyboard.press(']')
      await expect(page.getByRole('article', { name: /^Bookmark/ })).toHaveCount(4)
      await audit(page, 'notes drawer')
    })
  })
}
