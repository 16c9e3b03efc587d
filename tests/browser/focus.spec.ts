/** Where the keyboard is: a reader using only keys always knows, and can read at once. */
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { reader, notes } from './panes'

const scrollTop = (page: Page, id: string) =>
  page.evaluate((i) => document.getElementById(i)!.scrollTop, id)

test('on first launch the reading keys scroll the article with no click', async ({ app }) => {
  // As a reader would: once the window has finished opening (text, notes, details).
  await expect(reader(app).locator('p[data-paragraph="1"]')).toBeVisible()
  await expect(notes(app).getByText('Reading time')).toBeVisible()
  await app.waitForLoadState('networkidle')
  await expect(reader(app)).toBeFocused()
  await app.keyboard.press('PageDown')
  await expect.poll(() => scrollTop(app, 'pane-reader')).toBeGreaterThan(0)
})

test('Enter on a library item opens it and moves the keyboard to the article', async ({ app }) => {
  const list = app.getByRole('navigation', { name: 'Articles' })
  await list.getByRole('listitem').getByRole('button').first().focus()
  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('Enter')
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(/Netanyahu and Putin/)
  await expect(reader(app)).toBeFocused()
  await app.keyboard.press('Space')
  await expect.poll(() => scrollTop(app, 'pane-reader')).toBeGreaterThan(0)
})

test('an article opened while the window is still starting stays open', async ({ page, host }) => {
  // The start asks main for a link it was opened with before it reopens the last article;
  // held here, so the reader's choice comes first.
  let release = (): void => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/api/takeOpenedLink', async (route) => {
    await held
    await route.continue()
  })
  await page.goto(host.url)
  const rows = page.getByRole('navigation', { name: 'Articles' }).getByRole('listitem')
  await rows.nth(1).getByRole('button').click()
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(/Netanyahu and Putin/)
  release()
  await page.waitForLoadState('networkidle')
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(/Netanyahu and Putin/)
})

test('Esc out of find puts the keyboard back in the article', async ({ app }) => {
  await app.keyboard.press('ControlOrMeta+f')
  await expect(app.getByRole('searchbox', { name: 'Find in article' })).toBeFocused()
  await app.keyboard.press('Escape')
  await expect(app.getByRole('search', { name: 'Find in article' })).toHaveCount(0)
  await expect(reader(app)).toBeFocused()
  // The next letter typed is a shortcut, not a word in the search box.
  await app.keyboard.press('j')
  await expect(app.getByRole('combobox', { name: 'Search all articles' })).toHaveValue('')
})

test('each article’s notes start at the top of the pane', async ({ app, host }) => {
  const h = host.lectern.handlers
  const id = '004_02c1bed588b60a46'
  const { paragraphs } = await h.getArticle({ id })
  for (let i = 0; i < 14; i++) {
    await h.addBookmark({
      articleId: id,
      position: { paragraph: i, start: 0, end: Math.min(60, (paragraphs[i] as string).length) },
      note: `Note ${i}`,
    })
  }
  await app.reload()
  const list = app.getByRole('navigation', { name: 'Articles' })
  await list.getByRole('button', { name: /Close Relations/ }).click()
  await expect(notes(app).getByRole('article', { name: /^Bookmark/ })).toHaveCount(14)
  await app.evaluate(() => document.getElementById('pane-notes')!.scrollTo({ top: 10_000 }))
  await expect.poll(() => scrollTop(app, 'pane-notes')).toBeGreaterThan(0)
  await list.getByRole('button', { name: /Israel Remains/ }).click()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(/Israel Remains/)
  await expect.poll(() => scrollTop(app, 'pane-notes')).toBe(0)
  await expect(notes(app).getByRole('heading', { name: 'Notes' })).toBeInViewport()
})

test('opening a search result puts the keyboard in the article, at the result', async ({ app }) => {
  const search = app.getByRole('combobox', { name: 'Search all articles' })
  await search.fill('Konashenkov')
  await expect(app.getByRole('option').first()).toBeVisible()
  await search.press('Enter')
  await expect(reader(app)).toBeFocused()
  await expect(reader(app).locator('p', { hasText: 'Konashenkov' })).toBeInViewport()
})

test('one Esc leaves search and puts the keyboard back in the article', async ({ app }) => {
  const search = app.getByRole('combobox', { name: 'Search all articles' })
  await app.keyboard.press('ControlOrMeta+k')
  await expect(search).toBeFocused()
  await app.keyboard.type('drones')
  await expect(app.getByRole('listbox', { name: 'Search results' })).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(app.getByRole('listbox', { name: 'Search results' })).toHaveCount(0)
  await expect(reader(app)).toBeFocused()
  // Reading goes on with the keys, and the next letter is a shortcut, not a word in the box.
  await app.keyboard.press('PageDown')
  await expect.poll(() => scrollTop(app, 'pane-reader')).toBeGreaterThan(0)
  await app.keyboard.press('j')
  await expect(search).toHaveValue('drones')
})

test('Esc out of a note saves it and puts the keyboard back in the article', async ({ app }) => {
  await notes(app).getByRole('button', { name: '+ Note' }).click()
  const box = notes(app).getByRole('textbox', { name: 'Article note' })
  await expect(box).toBeFocused()
  await app.keyboard.type('Read on from here')
  await app.keyboard.press('Escape')
  await expect(reader(app)).toBeFocused()
  await expect(notes(app).getByRole('article', { name: 'Article note' })).toContainText(
    'Read on from here',
  )
  await app.keyboard.press('PageDown')
  await expect.poll(() => scrollTop(app, 'pane-reader')).toBeGreaterThan(0)
})

test('. and , step through the article’s bookmarks, in reading order', async ({ app, host }) => {
  const id = '004_02c1bed588b60a46'
  for (const paragraph of [3, 12, 20])
    await host.lectern.handlers.addBookmark({
      articleId: id,
      position: { paragraph, start: 0, end: 12 },
    })
  await app.reload()
  await app
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: /Close Relations/ })
    .click()
  await reader(app).focus()
  const cards = notes(app).getByRole('article', { name: /^Bookmark/ })
  await expect(cards).toHaveCount(3)
  await app.keyboard.press('.')
  await expect(cards.nth(0)).toHaveAttribute('aria-current', 'true')
  await expect(reader(app).locator('p[data-paragraph="3"]')).toBeInViewport()
  await app.keyboard.press('.')
  await expect(cards.nth(1)).toHaveAttribute('aria-current', 'true')
  await expect(reader(app).locator('p[data-paragraph="12"]')).toBeInViewport()
  await app.keyboard.press(',')
  await expect(cards.nth(0)).toHaveAttribute('aria-current', 'true')
  await expect(reader(app)).toBeFocused()
})

test('the notes pane marks the card of the passage being read, as the article scrolls', async ({
  app,
  host,
}) => {
  const id = '004_02c1bed588b60a46'
  const ids: string[] = []
  for (const paragraph of [2, 8, 14])
    ids.push(
      (
        await host.lectern.handlers.addBookmark({
          articleId: id,
          position: { paragraph, start: 0, end: 12 },
        })
      ).id,
    )
  await app.reload()
  await app
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: /Close Relations/ })
    .click()
  const here = notes(app).locator('[data-reading-here]')
  for (const [paragraph, bookmark] of [
    [8, ids[1]],
    [14, ids[2]],
    [3, ids[0]],
  ] as const) {
    await reader(app)
      .locator(`p[data-paragraph="${paragraph}"]`)
      .evaluate((p) => {
        // The paragraph's top at the top of the view (scrollIntoView would leave a margin).
        const pane = document.getElementById('pane-reader')!
        pane.scrollTop += p.getBoundingClientRect().top - pane.getBoundingClientRect().top
      })
    await expect(here).toHaveAttribute('data-bookmark-id', bookmark!)
    await expect(here).toBeInViewport()
  }
})

test('the keyboard walk: read, search, open a result, bookmark, note, Esc, read on — no mouse', async ({
  app,
}) => {
  await expect(reader(app).locator('p[data-paragraph="1"]')).toBeVisible()
  await expect(notes(app).getByText('Reading time')).toBeVisible()
  await expect(reader(app)).toBeFocused()
  await app.keyboard.press('Space')
  await expect.poll(() => scrollTop(app, 'pane-reader')).toBeGreaterThan(0)

  await app.keyboard.press('ControlOrMeta+k')
  await app.keyboard.type('drones')
  const results = app.getByRole('listbox', { name: 'Search results' })
  await expect(results.getByRole('option').first()).toBeVisible()
  // Results of the whole query, not of its first letters still shown while it is asked.
  await expect(results).toHaveAttribute('aria-busy', 'false')
  // The first result's article is the one Enter opens.
  const title = await results.getByRole('group').first().getAttribute('aria-label')
  await app.keyboard.press('Enter')
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(title!)
  await expect(reader(app)).toBeFocused()

  // Past the article's own buttons (Mark finished, Archive), one Tab stop holds every margin
  // marker; ↓ moves among them.
  const focusedMark = () =>
    app.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')
  for (let i = 0; i < 3 && !/^Bookmark paragraph/.test(await focusedMark()); i++)
    await app.keyboard.press('Tab')
  await expect.poll(focusedMark).toMatch(/^Bookmark paragraph \d+$/)
  // The next Tab leaves the markers for what follows the article, not the next marker.
  await app.keyboard.press('Tab')
  expect(await focusedMark()).not.toMatch(/^Bookmark paragraph/)
  await app.keyboard.press('Shift+Tab')
  await expect.poll(focusedMark).toMatch(/^Bookmark paragraph \d+$/)
  const first = Number((await focusedMark()).match(/\d+/)![0])
  await app.keyboard.press('ArrowDown')
  await expect.poll(focusedMark).toBe(`Bookmark paragraph ${first + 1}`)
  await app.keyboard.press('Enter')

  // The new bookmark's note has the keyboard.
  const card = notes(app).getByRole('article', { name: 'Bookmark, key point' })
  await expect(card.getByRole('textbox', { name: 'Note on this bookmark' })).toBeFocused()
  await app.keyboard.type('Why this matters')
  await app.keyboard.press('Escape')
  await expect(card).toContainText('Why this matters')
  await expect(reader(app)).toBeFocused()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(title!)
  const before = await scrollTop(app, 'pane-reader')
  await app.keyboard.press('Space')
  await expect.poll(() => scrollTop(app, 'pane-reader')).toBeGreaterThan(before)
})
