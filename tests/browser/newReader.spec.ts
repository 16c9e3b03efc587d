/**
 * What a new reader tripped over: notes shown as words where there is no room for their
 * layout, tags suggested from those in use, and the end of an article.
 */
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { reader, notes } from './panes'

const ID = '004_02c1bed588b60a46'

test('a note’s Markdown never shows as typed in search results or the hover card', async ({
  app,
  host,
}) => {
  const { paragraphs } = await host.lectern.handlers.getArticle({ id: ID })
  const words = 'the Stalinist bureaucracy changed its politics'
  const start = paragraphs[2]!.indexOf(words)
  await host.lectern.handlers.addBookmark({
    articleId: ID,
    position: { paragraph: 2, start, end: start + words.length },
    note: 'A **turning point**: see [the vote](https://example.org/vote) and `1948`.',
  })
  await app.reload()
  const search = app.getByRole('combobox', { name: 'Search all articles' })
  await search.fill('turning point')
  const hit = app
    .getByRole('listbox', { name: 'Search results' })
    .getByRole('option')
    .filter({ hasText: 'turning point' })
    .first()
  await expect(hit).toContainText('A turning point: see the vote and 1948.')
  await expect(hit).not.toContainText('**')
  await expect(hit).not.toContainText('](')
  await search.press('Escape')

  await app
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: /Close Relations/ })
    .click()
  const passage = reader(app).locator('p[data-paragraph="2"]')
  await passage.scrollIntoViewIfNeeded()
  // Over the highlighted words: the card shows the note's words, emphasis as emphasis.
  const box = await passage.evaluate((p, w) => {
    const text = p.firstChild as Text
    const at = (p.textContent ?? '').indexOf(w)
    const range = document.createRange()
    range.setStart(text, at + 3)
    range.setEnd(text, at + 8)
    const r = range.getBoundingClientRect()
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
  }, words)
  await app.mouse.move(box.x, box.y)
  const tip = app.getByRole('tooltip')
  await expect(tip).toContainText('A turning point: see the vote and 1948.')
  await expect(tip.locator('strong', { hasText: 'turning point' })).toBeVisible()
  await expect(tip).not.toContainText('**')
})

test('the tag field suggests the tags already in use', async ({ app, host }) => {
  const h = host.lectern.handlers
  await h.addNote({ articleId: ID, text: 'One', tags: ['middle east', 'history'] })
  await h.addNote({ articleId: '000_ba4c929e0bb2f9d7', text: 'Two', tags: ['history'] })
  await app.reload()
  await app
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: /Close Relations/ })
    .click()
  await notes(app).getByRole('button', { name: '+ Note' }).click()
  // The new note's tag field: it has no tags yet, so every tag in use is offered.
  const field = notes(app)
    .getByRole('group', { name: 'Note tags' })
    .filter({ hasNot: app.locator('.tag') })
    // With suggestions to offer, the field is a combobox.
    .getByRole('combobox', { name: 'Add a tag to note tags' })
  const offered = await field.evaluate((input: HTMLInputElement) => {
    return [...(input.list?.options ?? [])].map((o) => o.value)
  })
  // Most used first.
  expect(offered).toEqual(['history', 'middle east'])
})

test('the end of an article says it is finished and offers the next unread', async ({ app }) => {
  const article = reader(app)
  const title = await article.getByRole('heading', { level: 1 }).textContent()
  await article.press('End')
  const end = article.getByRole('region', { name: 'End of article' })
  await expect(end).toBeInViewport()
  // Read to its end, the article counts as finished.
  await expect(end).toContainText('Finished ✓')
  const row = app
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('listitem')
    .filter({ hasText: title! })
  await expect(row).toContainText('Finished')
  const next = end.getByRole('button', { name: /Next unread: / })
  const nextTitle = (await next.textContent())!.replace(/^Next unread: | →$/g, '')
  await next.click()
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(nextTitle)
  await expect(article).toBeFocused()
})

test('an article can be marked finished before its end, and unmarked', async ({ app }) => {
  const actions = reader(app).getByRole('group', { name: 'This article' })
  await actions.getByRole('button', { name: 'Mark finished' }).click()
  await expect(actions.getByRole('button', { name: 'Finished ✓' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await expect(app.getByRole('status').filter({ hasText: 'marked finished' })).toBeVisible()
  await app.getByRole('button', { name: 'Undo' }).click()
  await expect(actions.getByRole('button', { name: 'Mark finished' })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
})

/** Characters in one line of the article's first long paragraph, as laid out now. */
async function lineChars(page: Page): Promise<number> {
  return reader(page)
    .locator('p[data-paragraph="1"]')
    .evaluate((p) => {
      const text = p.firstChild as Text
      const range = document.createRange()
      let first = -1
      let count = 0
      for (let i = 0; i < text.length; i++) {
        range.setStart(text, i)
        range.setEnd(text, i + 1)
        const top = Math.round(range.getBoundingClientRect().top)
        if (first < 0) first = top
        if (top !== first) break
        count++
      }
      return count
    })
}

test('at 1024×700 the notes fold away so lines keep 55 characters; at 1280×800 they stay', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  await page.goto(host.url)
  await expect(reader(page).locator('p[data-paragraph="1"]')).toBeVisible()
  await expect(notes(page)).toHaveCount(0)
  expect(await lineChars(page)).toBeGreaterThanOrEqual(55)
  // Still there when asked for, over the article.
  await page.keyboard.press(']')
  await expect(notes(page)).toBeVisible()
  await expect(notes(page)).toHaveClass(/drawer/)
  await page.keyboard.press('Escape')

  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(notes(page)).toBeVisible()
  await expect(notes(page)).not.toHaveClass(/drawer/)
  expect(await lineChars(page)).toBeGreaterThanOrEqual(55)
})

test('all notes takes the whole width: no notes pane repeating the open article', async ({
  app,
}) => {
  await expect(notes(app)).toBeVisible()
  await app.getByRole('button', { name: 'All notes' }).click()
  await expect(app.getByRole('main', { name: 'All notes' })).toBeVisible()
  await expect(notes(app)).toHaveCount(0)
  const width = await app.getByRole('main', { name: 'All notes' }).evaluate((el) => el.clientWidth)
  const list = await app
    .getByRole('navigation', { name: 'Articles' })
    .evaluate((el) => el.clientWidth)
  expect(width).toBeGreaterThan(1280 - list - 20)
})

test('at 420 px the top bar folds its tools into a menu and never scrolls sideways', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 420, height: 800 })
  await page.goto(host.url)
  await expect(reader(page).getByRole('heading', { level: 1 })).toBeVisible()
  const bar = page.locator('#pane-top')
  expect(await bar.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420)
  await bar.getByRole('button', { name: 'Menu' }).click()
  const menu = page.getByRole('menu', { name: 'Menu' })
  await menu.getByRole('menuitemcheckbox', { name: 'All notes' }).click()
  await expect(page.getByRole('main', { name: 'All notes' })).toBeVisible()
  await bar.getByRole('button', { name: 'Menu' }).click()
  await menu.getByRole('menuitem', { name: /Export, copy, back up/ }).click()
  await expect(page.getByRole('menu', { name: 'Export' })).toBeVisible()
})

test('the note editor is roomy: the reading font, and it grows with the note instead of scrolling', async ({
  app,
}) => {
  await notes(app).getByRole('button', { name: '+ Note' }).click()
  const box = notes(app).getByRole('textbox', { name: 'Article note' })
  await expect(box).toBeFocused()
  for (let i = 0; i < 30; i++) await app.keyboard.type(`Line ${i} of a long note\n`)
  const look = await box.evaluate((el) => ({
    inner: el.scrollHeight - el.clientHeight,
    font: getComputedStyle(el).fontFamily,
    width: el.getBoundingClientRect().width,
    pane: document.getElementById('pane-notes')!.clientWidth,
  }))
  expect(look.inner).toBeLessThanOrEqual(1)
  expect(look.font).toMatch(/Literata/)
  expect(look.width).toBeGreaterThan(look.pane * 0.8)
})
