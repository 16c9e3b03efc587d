/**
 * What a reader types or selects is kept as they meant it: a field's own keys stay the field's,
 * the last words typed survive the page going away, and a passage over several paragraphs
 * is bookmarked whole.
 */
import { test, expect } from './fixtures'
import { reader, notes, openArticle, highlighted } from './panes'

const ARTICLE = '004_02c1bed588b60a46'

test('Ctrl+Z in a note, the search box or the tag field undoes the typing, never a bookmark change', async ({
  app,
  host,
}) => {
  const h = host.lectern.handlers
  await h.addBookmark({ articleId: ARTICLE, position: { paragraph: 1, start: 0, end: 12 } })
  await h.addBookmark({ articleId: ARTICLE, position: { paragraph: 3, start: 0, end: 12 } })
  await openArticle(app, /Close Relations/)
  const cards = notes(app).getByRole('article', { name: /^Bookmark/ })
  await expect(cards).toHaveCount(2)

  // Bookmark A goes green: an app change Ctrl+Z could undo.
  await cards.nth(0).getByRole('radio', { name: /green/ }).click()
  await expect(cards.nth(0).getByRole('radio', { checked: true })).toHaveAccessibleName(/green/)

  // A typo in bookmark B's note, then Ctrl+Z: the field's undo, not the app's.
  await cards
    .nth(1)
    .getByRole('button', { name: /Note on this bookmark/ })
    .click()
  const box = cards.nth(1).getByRole('textbox', { name: 'Note on this bookmark' })
  await box.pressSequentially('teh')
  await app.keyboard.press('ControlOrMeta+z')
  // The field's own undo took typing back (how much at a time is the browser's choice).
  await expect(box).not.toHaveValue('teh')
  await expect(cards.nth(0).getByRole('radio', { checked: true })).toHaveAccessibleName(/green/)
  await expect(app.getByText(/^Undone/)).toHaveCount(0)

  // The same in the tag field and the search box.
  const tag = cards.nth(1).getByPlaceholder('+ tag')
  await tag.fill('')
  await tag.pressSequentially('tpyo')
  await app.keyboard.press('ControlOrMeta+z')
  const search = app.getByRole('combobox', { name: 'Search all articles' })
  await search.focus()
  await search.pressSequentially('moscw')
  await app.keyboard.press('ControlOrMeta+z')
  await expect(search).not.toHaveValue('moscw')
  await expect(cards.nth(0).getByRole('radio', { checked: true })).toHaveAccessibleName(/green/)
  await expect(app.getByText(/^Undone/)).toHaveCount(0)
  expect(
    (await h.listAnnotations({ articleId: ARTICLE })).bookmarks.map((b) => b.color).sort(),
  ).toEqual(['green', 'yellow'])

  // Out of the fields, Ctrl+Z is the app's undo again.
  await search.fill('')
  await reader(app).focus()
  await app.keyboard.press('ControlOrMeta+z')
  await expect(app.getByText(/^Undone/)).toBeVisible()
})

test('no shortcut with a modifier fires from inside a text field', async ({ app }) => {
  await openArticle(app, /Close Relations/)
  await notes(app).getByRole('button', { name: '+ Note' }).click()
  const note = notes(app).getByRole('textbox', { name: 'Article note' })
  const search = app.getByRole('combobox', { name: 'Search all articles' })
  for (const field of [note, search]) {
    await field.focus()
    for (const key of ['ControlOrMeta+k', 'ControlOrMeta+f', 'ControlOrMeta+Comma']) {
      await app.keyboard.press(key)
      await expect(field, `${key} kept focus in the field`).toBeFocused()
    }
    await expect(app.getByRole('dialog')).toHaveCount(0) // no settings
    await expect(app.getByRole('search', { name: 'Find in article' })).toHaveCount(0)
  }
})

test('a note typed just before a reload is kept', async ({ app }) => {
  await openArticle(app, /Close Relations/)
  await notes(app).getByRole('button', { name: '+ Note' }).click()
  const note = notes(app).getByRole('textbox', { name: 'Article note' })
  await note.fill('The first thought.')
  await expect(notes(app).getByRole('status')).toHaveText('Saved')
  // Typed and gone within a moment: well inside the autosave's pause.
  await note.pressSequentially(' And the last words.')
  await app.reload()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
  await expect(notes(app).getByRole('article', { name: 'Article note' })).toContainText(
    'The first thought. And the last words.',
  )
})

test('a note being typed when another article opens is kept', async ({ app, host }) => {
  await openArticle(app, /Close Relations/)
  await notes(app).getByRole('button', { name: '+ Note' }).click()
  const note = notes(app).getByRole('textbox', { name: 'Article note' })
  await note.fill('Kept on leaving')
  await openArticle(app, /Israel Remains/) // within the autosave's pause
  await expect
    .poll(async () =>
      (await host.lectern.handlers.listAnnotations({ articleId: ARTICLE })).notes.map(
        (n) => n.text,
      ),
    )
    .toEqual(['Kept on leaving'])
})

test('a selection across paragraphs is bookmarked whole, and stays whole after a reload', async ({
  app,
  host,
}) => {
  await openArticle(app, /Close Relations/)
  const first = reader(app).locator('p[data-paragraph="2"]')
  const last = reader(app).locator('p[data-paragraph="3"]')
  await last.scrollIntoViewIfNeeded()
  // From the middle of paragraph 2 to the middle of paragraph 3, as a drag would select.
  const [a, b] = await app.evaluate(() => {
    const p2 = document.querySelector('p[data-paragraph="2"]')!.firstChild as Text
    const p3 = document.querySelector('p[data-paragraph="3"]')!.firstChild as Text
    const range = document.createRange()
    range.setStart(p2, 10)
    range.setEnd(p3, 25)
    getSelection()!.removeAllRanges()
    getSelection()!.addRange(range)
    return [p2.data.slice(10), p3.data.slice(0, 25)]
  })
  await last.dispatchEvent('mouseup')
  await app
    .getByRole('toolbar', { name: 'Bookmark the selection' })
    .getByRole('button', { name: /evidence \(blue\)/ })
    .click()

  const card = notes(app).getByRole('article', { name: 'Bookmark, evidence' })
  await expect(card.locator('blockquote')).toHaveText(`${a!.trim()}\n\n${b}`)
  await expect.poll(() => highlighted(app, 'bm-blue')).toEqual([a!.trim(), b])
  const saved = (await host.lectern.handlers.listAnnotations({ articleId: ARTICLE })).bookmarks
  expect(saved[0]?.placed).toMatchObject({ paragraph: 2, endParagraph: 3, end: 25 })

  await app.reload()
  await expect.poll(() => highlighted(app, 'bm-blue')).toEqual([a!.trim(), b])
  // Its whole passage is searchable and exported.
  const md = await host.lectern.handlers.copyArticleMarkdown({ articleId: ARTICLE })
  expect(md.chars).toBeGreaterThan(0)
  expect(host.desktop.clipboard).toContain(`> ${a!.trim()}\n>\n> ${b}`)
  await expect(first).toBeVisible()
})
