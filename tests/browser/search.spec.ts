/** Search as a reader meets it: one ranking for passages and bookmarks, marks, names, spelling. */
import { expect, test } from './fixtures'
import type { Page } from '@playwright/test'

const ISRAEL_REMAINS = '000_ba4c929e0bb2f9d7'

const searchBox = (app: Page) => app.getByRole('combobox', { name: 'Search all articles' })
const results = (app: Page) => app.getByRole('listbox', { name: 'Search results' })

test('a bookmarked paragraph is listed once, marked, and ranked with the passages', async ({
  app,
  host,
}) => {
  const text = host.lectern.library.get(ISRAEL_REMAINS).paragraphs[3] as string
  await host.lectern.handlers.addBookmark({
    articleId: ISRAEL_REMAINS,
    position: { paragraph: 3, start: 0, end: text.length },
  })
  // A bookmark far from the question must not take a place above the answers.
  await host.lectern.handlers.addBookmark({
    articleId: ISRAEL_REMAINS,
    position: { paragraph: 11, start: 0, end: 40 },
    note: 'workers must correct their leadership',
  })
  await searchBox(app).fill('shot down plane ')
  const options = results(app).getByRole('option')
  await expect(options.first()).toBeVisible()
  const bookmarked = options.filter({ hasText: 'Israeli F-16 fighter jet' })
  await expect(bookmarked).toHaveCount(1)
  await expect(bookmarked).toContainText('Bookmarked')
  await expect(options.filter({ hasText: 'workers must correct' })).toHaveCount(0)
})

test('only the words the reader typed are marked in the snippets', async ({ app }) => {
  await searchBox(app).fill('how much warning did israel give russia before the raid')
  const marks = results(app).locator('mark')
  await expect(marks.first()).toBeVisible()
  const marked = (await marks.allTextContents()).map((m) => m.toLowerCase())
  for (const word of marked) {
    expect(word).toMatch(/^(warn\w*|israel|israel's|giv\w*|gave|russia|russia's|raids?)$/)
  }
})

test('a hyphenated name is found whole, not as its parts', async ({ app }) => {
  await searchBox(app).fill('il-20')
  const first = results(app).getByRole('option').first()
  await expect(first.locator('mark').first()).toHaveText(/^Il-20$/)
  // Only the article about the plane, not every passage with a 2014 or a 2015.
  await expect(results(app).getByRole('group')).toHaveCount(1)
  await expect(
    results(app).getByRole('group', { name: 'Israel Remains Putin’s ‘Partner!’' }),
  ).toBeVisible()
})

test('a misspelt name shows the results for the nearest word, and says so', async ({ app }) => {
  await searchBox(app).fill('Netanyahoo')
  await expect(app.locator('.search-correction')).toHaveText(
    'No match for “Netanyahoo”. Showing results for Netanyahu.',
  )
  await expect(results(app).getByRole('option').first().locator('mark').first()).toHaveText(
    'Netanyahu',
  )
  await expect(app.locator('.search-summary')).not.toHaveText('No matches')
})

test('one letter asks to keep typing rather than to try another spelling', async ({ app }) => {
  await searchBox(app).fill('r')
  await expect(app.locator('.search-summary')).toHaveText('Keep typing…')
  await expect(app.getByText('Try fewer words')).toHaveCount(0)
  await searchBox(app).press('u')
  await expect(results(app).getByRole('option').first()).toBeVisible()
})
