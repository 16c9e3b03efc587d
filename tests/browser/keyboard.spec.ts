/** Keyboard first: the shortcut sheet, moving between panes, and shortcuts that stay out of the way. */
import type { Page } from '@playwright/test'
import { SHORTCUTS } from '../../src/renderer/src/shortcuts'
import { test, expect } from './fixtures'
import { reader, notes } from './panes'

const list = (page: Page) => page.getByRole('navigation', { name: 'Articles' })

test('? opens the sheet of every shortcut; Esc closes it and focus goes back', async ({ app }) => {
  const row = list(app).getByRole('listitem').getByRole('button').nth(1)
  await row.focus()
  await app.keyboard.press('?')
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet).toBeVisible()
  for (const s of SHORTCUTS) await expect(sheet.getByText(s.label, { exact: true })).toBeVisible()
  // The window behind is out of reach while it is open: shortcuts do nothing.
  await app.keyboard.press('j')
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(/Partner/)
  await app.keyboard.press('Escape')
  await expect(sheet).toBeHidden()
  await expect(row).toBeFocused()

  await app.getByRole('button', { name: 'Keyboard shortcuts' }).click()
  await expect(sheet).toBeVisible()
  await sheet.getByRole('button', { name: 'Close' }).click()
  await expect(sheet).toBeHidden()
})

test('F6 and Shift+F6 move between the panes, skipping hidden ones, with focus visible', async ({
  app,
}) => {
  const search = app.getByRole('combobox', { name: 'Search all articles' })
  const openRow = list(app).locator('[aria-current="true"]')
  // At launch the keyboard is in the article; F6 goes on from there.
  await expect(reader(app)).toBeFocused()
  await app.keyboard.press('F6')
  await expect(notes(app)).toBeFocused()
  await app.keyboard.press('F6')
  await expect(search).toBeFocused()
  await search.press('F6')
  await expect(openRow).toBeFocused()
  const outline = await openRow.evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(outline).toBe('solid')
  await app.keyboard.press('F6')
  await expect(reader(app)).toBeFocused()
  await app.keyboard.press('F6')
  await expect(notes(app)).toBeFocused()
  await app.keyboard.press('F6')
  await expect(search).toBeFocused()
  await search.press('Shift+F6')
  await expect(notes(app)).toBeFocused()

  await app.keyboard.press('[')
  await reader(app).focus()
  await app.keyboard.press('Shift+F6')
  await expect(search).toBeFocused()
})

test('Ctrl+, opens the settings, A switches to all notes and back, E opens the export menu', async ({
  app,
}) => {
  await app.keyboard.press('Control+,')
  const panel = app.getByRole('dialog', { name: 'Reading settings' })
  await expect(panel).toBeVisible()
  await expect(panel.getByRole('radio', { name: 'Follow the system' })).toBeChecked()
  await app.keyboard.press('Escape')
  await expect(panel).toBeHidden()

  await app.keyboard.press('a')
  await expect(app.getByRole('main', { name: 'All notes' })).toBeVisible()
  await app.keyboard.press('a')
  await expect(reader(app)).toBeVisible()

  await app.keyboard.press('e')
  await expect(app.getByRole('menu', { name: 'Export' })).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(app.getByRole('menu', { name: 'Export' })).toBeHidden()
})

test('letter shortcuts stay quiet while typing', async ({ app }) => {
  const box = app.getByRole('combobox', { name: 'Search all articles' })
  await box.focus()
  await box.pressSequentially('jf[t?')
  await expect(box).toHaveValue('jf[t?')
  await expect(list(app)).toBeVisible()
  await expect(app.getByRole('dialog')).toHaveCount(0)
  await expect(app.locator('html')).not.toHaveAttribute('data-theme', 'dark')
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(/Partner/)
})

test('1 to 4 pick a colour in the bar over a selection', async ({ app }) => {
  const p = reader(app).locator('p[data-paragraph="1"]')
  await p.evaluate((el) => {
    const range = document.createRange()
    const text = el.firstChild as Text
    range.setStart(text, 0)
    range.setEnd(text, 20)
    getSelection()?.removeAllRanges()
    getSelection()?.addRange(range)
  })
  await p.dispatchEvent('mouseup')
  await expect(app.getByRole('toolbar', { name: 'Bookmark the selection' })).toBeVisible()
  await app.keyboard.press('3')
  const card = notes(app).getByRole('article', { name: /^Bookmark/ })
  await expect(card).toHaveCount(1)
  await expect(card.getByRole('radio', { checked: true })).toHaveAccessibleName(/blue/)
  // And a screen reader hears of it before the paragraph.
  await expect(
    reader(app).locator('.para', { has: app.locator('[data-paragraph="1"]') }),
  ).toContainText(/Highlighted in blue, evidence: “/)
})

test('the bar over a selection names each colour', async ({ app }) => {
  const p = reader(app).locator('p[data-paragraph="1"]')
  await p.evaluate((el) => {
    const range = document.createRange()
    range.setStart(el.firstChild as Text, 0)
    range.setEnd(el.firstChild as Text, 20)
    getSelection()?.removeAllRanges()
    getSelection()?.addRange(range)
  })
  await p.dispatchEvent('mouseup')
  const bar = app.getByRole('toolbar', { name: 'Bookmark the selection' })
  await expect(bar).toContainText('key point')
  await expect(bar.getByRole('button')).toHaveText([
    'key point',
    'disagree',
    'evidence',
    'follow up',
  ])
})
