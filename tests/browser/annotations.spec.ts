import { writeFile, mkdtemp, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startTestHost } from '../host/testHost'
import { test, expect } from './fixtures'
import { reader, notes, openArticle, highlighted } from './panes'

/** Selects characters [start, end) of a paragraph as a person dragging over them would. */
async function select(page: Page, paragraph: number, start: number, end: number): Promise<string> {
  const p = reader(page).locator(`p[data-paragraph="${paragraph}"]`)
  // As a reader's click in the text would: the keyboard leaves the note it was in.
  await reader(page).focus()
  await p.scrollIntoViewIfNeeded()
  const text = await p.evaluate(
    (el, [s, e]) => {
      const node = el.firstChild as Text
      const range = document.createRange()
      range.setStart(node, s as number)
      range.setEnd(node, e as number)
      const sel = window.getSelection()!
      sel.removeAllRanges()
      sel.addRange(range)
      return range.toString()
    },
    [start, end],
  )
  await p.dispatchEvent('mouseup')
  return text
}

test('select → bookmark → note → reload: the highlight and the note are still there', async ({
  app,
}) => {
  await openArticle(app, /Broader Look/)
  const quote = await select(app, 5, 0, 61)
  await app
    .getByRole('toolbar', { name: 'Bookmark the selection' })
    .getByRole('button', { name: /evidence \(blue\)/ })
    .click()

  const card = notes(app).getByRole('article', { name: 'Bookmark, evidence' })
  await expect(card).toContainText(quote)
  await expect.poll(() => highlighted(app, 'bm-blue')).toEqual([quote])

  // Its note is open and has the keyboard: the reader types at once.
  const note = card.getByRole('textbox', { name: 'Note on this bookmark' })
  await expect(note).toBeFocused()
  await app.keyboard.type('Shevchenko is the **key** source here.')
  await expect(card.getByRole('status')).toHaveText('Saved')
  await card
    .getByRole('textbox', { name: 'Tags' })
    .or(card.getByPlaceholder('+ tag'))
    .fill('sources')
  await card.getByPlaceholder('+ tag').press('Enter')
  await expect(card.getByText('#sources')).toBeVisible()

  await app.reload()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(/Broader Look/) // last article reopened
  const again = notes(app).getByRole('article', { name: 'Bookmark, evidence' })
  await expect(again.locator('.markdown strong')).toHaveText('key')
  await expect(again.getByText('#sources')).toBeVisible()
  await expect.poll(() => highlighted(app, 'bm-blue')).toEqual([quote])
  await expect(
    app.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: /Broader Look/ }),
  ).toContainText('1 bookmark')
})

test('B bookmarks the selection; the margin marker bookmarks a whole paragraph', async ({
  app,
}) => {
  await openArticle(app, /Close Relations/)
  const quote = await select(app, 12, 6, 40)
  await app.keyboard.press('b')
  await expect(notes(app).getByRole('article', { name: 'Bookmark, key point' })).toContainText(
    quote,
  )

  const para = reader(app).locator('p[data-paragraph="13"]')
  await para.hover()
  await reader(app).getByRole('button', { name: 'Bookmark paragraph 14' }).click()
  await expect(notes(app).getByRole('article', { name: 'Bookmark, key point' })).toHaveCount(2)
  await expect.poll(() => highlighted(app, 'bm-yellow')).toContain(await para.textContent())
})

test('clicking a bookmark card takes the text there; clicking the highlight focuses the card', async ({
  app,
}) => {
  await openArticle(app, /Close Relations/)
  await select(app, 21, 0, 30)
  await app.keyboard.press('b')
  const card = notes(app).getByRole('article', { name: 'Bookmark, key point' })
  await expect(card).toBeVisible()
  await reader(app).evaluate((el) => (el.scrollTop = 0))
  await card.locator('.quote').click()
  const para = reader(app).locator('p[data-paragraph="21"]')
  await expect(para).toBeInViewport()
  await expect(para).toHaveClass(/flash/)

  await app.getByRole('button', { name: /Close Relations/ }).focus() // move focus off the card
  await expect(card).toHaveAttribute('aria-current', 'true') // focused by the jump
  await select(app, 20, 0, 15)
  await app.keyboard.press('b')
  const cards = notes(app).getByRole('article', { name: 'Bookmark, key point' })
  await expect(cards).toHaveCount(2)
  await expect(cards.nth(0)).toHaveAttribute('aria-current', 'true') // the new one (¶20) comes first
  await para.click({ position: { x: 20, y: 10 } }) // on the first highlight
  await expect(cards.nth(1)).toHaveAttribute('aria-current', 'true')
})

test('the notes pane filters by colour and tag', async ({ app, host }) => {
  const h = host.lectern.handlers
  const id = '004_02c1bed588b60a46'
  await h.addBookmark({
    articleId: id,
    position: { paragraph: 0, start: 0, end: 10 },
    color: 'red',
    tags: ['a'],
  })
  await h.addBookmark({
    articleId: id,
    position: { paragraph: 1, start: 0, end: 10 },
    color: 'blue',
    tags: ['b'],
  })
  await h.addBookmark({
    articleId: id,
    position: { paragraph: 2, start: 0, end: 10 },
    color: 'blue',
    tags: ['a'],
  })
  await openArticle(app, /Close Relations/)
  const cards = notes(app).getByRole('article', { name: /^Bookmark/ })
  await expect(cards).toHaveCount(3)
  await notes(app).getByRole('button', { name: 'Only evidence (blue)' }).click()
  await expect(cards).toHaveCount(2)
  await notes(app).getByRole('combobox', { name: 'Only with tag' }).selectOption('a')
  await expect(cards).toHaveCount(1)
  await notes(app).getByRole('button', { name: 'Clear' }).click()
  await expect(cards).toHaveCount(3)
})

test('delete shows an undo toast; undo and Ctrl+Z bring the bookmark back', async ({ app }) => {
  await openArticle(app, /Close Relations/)
  await select(app, 0, 0, 20)
  await app.keyboard.press('b')
  const card = notes(app).getByRole('article', { name: 'Bookmark, key point' })
  await expect(card).toBeVisible()

  await card.getByRole('button', { name: 'Delete bookmark' }).click()
  await expect(card).toHaveCount(0)
  await expect(app.getByText('Bookmark moved to the trash.')).toBeVisible()
  await app.getByRole('button', { name: 'Undo' }).click()
  await expect(card).toBeVisible()

  await card.getByRole('button', { name: 'Delete bookmark' }).click()
  await expect(card).toHaveCount(0)
  await reader(app).click({ position: { x: 5, y: 5 } })
  await app.keyboard.press('Control+z')
  await expect(card).toBeVisible()
  await expect.poll(() => highlighted(app, 'bm-yellow')).toHaveLength(1)
})

test('all notes lists everything by article, filters it, and restores from the trash', async ({
  app,
}) => {
  await openArticle(app, /Close Relations/)
  await select(app, 0, 0, 20)
  await app.keyboard.press('b')
  await openArticle(app, /Israel Remains/)
  await select(app, 1, 0, 30)
  await app.keyboard.press('b')
  await notes(app).getByRole('button', { name: '+ Note' }).click()
  const noteBox = notes(app).getByRole('textbox', { name: 'Article note' })
  await noteBox.fill('Compare with the Crescent piece.')
  await expect(
    notes(app).getByRole('article', { name: 'Article note' }).getByRole('status'),
  ).toHaveText('Saved')

  await app.getByRole('button', { name: 'All notes' }).click()
  const all = app.getByRole('main', { name: 'All notes' })
  await expect(
    all.getByRole('region', { name: 'Israel Remains Putin’s ‘Partner!’' }).getByRole('listitem'),
  ).toHaveCount(2)
  await expect(
    all.getByRole('region', { name: /Close Relations/ }).getByRole('listitem'),
  ).toHaveCount(1)
  await all.getByRole('searchbox', { name: 'Filter notes by words' }).fill('crescent')
  await expect(all.getByRole('listitem')).toHaveCount(1)
  await all.getByRole('searchbox', { name: 'Filter notes by words' }).fill('')

  // Delete the note, then restore it from the trash tab.
  await app.getByRole('button', { name: 'Back to the article' }).click()
  await notes(app).getByRole('button', { name: 'Delete note' }).click()
  await app.getByRole('button', { name: 'All notes' }).click()
  await all.getByRole('tab', { name: /Trash \(1\)/ }).click()
  await all.getByRole('button', { name: 'Restore' }).click()
  await expect(all.getByRole('tab', { name: /Trash \(0\)/ })).toBeVisible()
  await all.getByRole('tab', { name: /Bookmarks and notes/ }).click()
  await expect(all.getByText('Compare with the Crescent piece.')).toBeVisible()
})

test('the search box finds words in notes and bookmarks, marked as such', async ({ app }) => {
  await openArticle(app, /Israel Remains/)
  await notes(app).getByRole('button', { name: '+ Note' }).click()
  await notes(app)
    .getByRole('textbox', { name: 'Article note' })
    .fill('A zeugma of diplomacy and war.')
  await expect(
    notes(app).getByRole('article', { name: 'Article note' }).getByRole('status'),
  ).toHaveText('Saved')

  await app.getByRole('combobox', { name: 'Search all articles' }).fill('zeugma')
  const option = app.getByRole('option').first()
  await expect(option).toContainText('Note')
  await expect(option.locator('mark')).toHaveText('zeugma')
})

test('notes render Markdown inert: no HTML, no scripts, no javascript: links', async ({ app }) => {
  let dialogs = 0
  app.on('dialog', (d) => {
    dialogs++
    void d.dismiss()
  })
  await openArticle(app, /Israel Remains/)
  await notes(app).getByRole('button', { name: '+ Note' }).click()
  const hostile = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 2">',
    '[click me](javascript:window.__pwned=3)',
    '<iframe src="https://example.com"></iframe>',
    '![tracker](https://example.com/pixel.png)',
    '<style>body{display:none}</style>',
    '**still bold**',
  ].join('\n\n')
  await notes(app).getByRole('textbox', { name: 'Article note' }).fill(hostile)
  await expect(
    notes(app).getByRole('article', { name: 'Article note' }).getByRole('status'),
  ).toHaveText('Saved')
  await reader(app).click({ position: { x: 5, y: 5 } })
  const rendered = notes(app).locator('.markdown')
  await expect(rendered.locator('strong')).toHaveText('still bold')
  expect(await rendered.locator('script, img, iframe, style').count()).toBe(0)
  expect(await rendered.locator('a').getAttribute('href')).toBe('')
  await rendered.locator('a').click()
  expect(
    await app.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined()
  expect(dialogs).toBe(0)
})

test('the reading position is restored on the next start, and progress shows in the list', async ({
  app,
}) => {
  await openArticle(app, /Close Relations/)
  await reader(app).locator('[data-paragraph="16"]').scrollIntoViewIfNeeded()
  await reader(app).evaluate((el) => el.dispatchEvent(new Event('scroll')))
  await app.waitForTimeout(1500) // positions are saved at most once a second
  await app.reload()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
  await expect(reader(app).locator('[data-paragraph="16"]')).toBeInViewport()
  await expect(
    app
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('button', { name: /Close Relations/ })
      .getByRole('img', { name: /% read/ }),
  ).toBeVisible()
})

test('a damaged data file is set aside, the backup restored, and the reader told', async ({
  page,
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lectern-damaged-'))
  // A first session leaves a backup with one note in it.
  const first = await startTestHost({ dataDir })
  const note = await first.lectern.handlers.addNote({
    articleId: '000_ba4c929e0bb2f9d7',
    text: 'kept safe',
  })
  expect(note.text).toBe('kept safe')
  await first.close()
  await mkdir(dataDir, { recursive: true })
  await writeFile(join(dataDir, 'lectern.json'), '{"version": 2, "bookmarks": [')

  const host = await startTestHost({ dataDir })
  try {
    await page.goto(host.url)
    const banner = page.getByRole('alert')
    await expect(banner).toContainText('Your notes file could not be read')
    await expect(banner).toContainText('lectern.damaged-')
    await expect(banner).toContainText('restored the latest good backup')
    await expect(notes(page).getByText('kept safe')).toBeVisible()
    await banner.getByRole('button', { name: 'Got it' }).click()
    await expect(banner).toBeHidden()
  } finally {
    await host.close()
  }
})
