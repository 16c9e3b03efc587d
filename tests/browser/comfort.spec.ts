/** Themes, typography and panes: each change shows at once, is kept, and comes back on reload. */
import type { Page } from '@playwright/test'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { THEME_COLORS } from '../../src/shared/themes'
import { test, expect } from './fixtures'
import { reader, notes } from './panes'

const list = (page: Page) => page.getByRole('navigation', { name: 'Articles' })

/** The computed background of the page, as `rgb(r, g, b)`. */
const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor)

const rgb = (hex: string): string => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  return `rgb(${r}, ${g}, ${b})`
}

test('the theme changes at once from the settings panel, and is kept across a reload', async ({
  app,
  host,
}) => {
  await app.emulateMedia({ colorScheme: 'light' })
  expect(await background(app)).toBe(rgb(THEME_COLORS.light.paper))

  await app.getByRole('button', { name: 'Reading settings' }).click()
  const panel = app.getByRole('dialog', { name: 'Reading settings' })
  await panel.getByRole('radio', { name: 'Sepia' }).check()
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'sepia')
  expect(await background(app)).toBe(rgb(THEME_COLORS.sepia.paper))
  await expect.poll(() => host.lectern.settings.get().theme).toBe('sepia')

  await app.reload()
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'sepia')
  expect(await background(app)).toBe(rgb(THEME_COLORS.sepia.paper))
})

test('"follow the system" follows the system as it changes', async ({ app }) => {
  await app.emulateMedia({ colorScheme: 'dark' })
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light')
  expect(await background(app)).toBe(rgb(THEME_COLORS.light.paper))
})

test('T goes through the themes in order', async ({ app, host }) => {
  await app.emulateMedia({ colorScheme: 'light' })
  const seen: string[] = []
  for (let i = 0; i < 4; i++) {
    await app.keyboard.press('t')
    await expect(app.getByRole('status').filter({ hasText: /^Theme:/ })).toBeAttached()
    seen.push((await app.locator('html').getAttribute('data-theme')) ?? '')
  }
  expect(seen).toEqual(['light', 'dark', 'sepia', 'light'])
  await expect.poll(() => host.lectern.settings.get().theme).toBe('system')
  // The last press chose "follow the system", which looks like light: it says so, visibly.
  await expect(app.getByText('Theme: Follow the system (light now)')).toBeVisible()
})

test('text size, line height, column width and font apply to the article and are kept', async ({
  app,
  host,
}) => {
  const paragraph = reader(app).locator('p[data-paragraph="0"]')
  const style = () =>
    paragraph.evaluate((p) => {
      const s = getComputedStyle(p)
      return { size: s.fontSize, leading: s.lineHeight, font: s.fontFamily }
    })
  expect(await style()).toMatchObject({ size: '18px' })

  await app.keyboard.press('=')
  await app.keyboard.press('=')
  await expect.poll(async () => (await style()).size).toBe('20px')
  await app.keyboard.press('-')
  await expect.poll(async () => (await style()).size).toBe('19px')

  await app.keyboard.press('Control+,')
  const panel = app.getByRole('dialog', { name: 'Reading settings' })
  await panel.getByRole('radio', { name: 'Sans serif' }).check()
  expect((await style()).font).toMatch(/sans-serif/)
  const leading = panel.getByRole('slider', { name: 'Line height' })
  await leading.focus()
  await leading.press('End')
  await expect.poll(async () => parseFloat((await style()).leading)).toBeCloseTo(19 * 2.2, 3)
  const width = panel.getByRole('slider', { name: 'Column width' })
  await width.focus()
  await width.press('Home')
  // 40 characters of text, plus the column's padding.
  const textWidth = () =>
    reader(app)
      .locator('article')
      .evaluate((el) => {
        const s = getComputedStyle(el)
        return el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
      })
  await expect.poll(textWidth).toBeLessThan(19 * 40 * 0.7)

  await expect
    .poll(() => host.lectern.settings.get())
    .toMatchObject({ fontSize: 19, font: 'sans', lineHeight: 2.2, columnWidth: 40 })
  await app.reload()
  await expect.poll(async () => (await style()).size).toBe('19px')
  expect((await style()).font).toMatch(/sans-serif/)
})

test('a bad settings value is refused by the main process and changes nothing', async ({
  app,
  host,
}) => {
  const error = await app.evaluate(() =>
    window.lectern.saveSettings({ fontSize: 400 }).then(
      () => 'saved',
      (e: unknown) => (e as Error).message,
    ),
  )
  expect(error).toMatch(/fontSize is at most 30/)
  expect(host.lectern.settings.get()).toEqual(DEFAULT_SETTINGS)
})

test('panes: [ and ] hide and show them, focus mode hides both, all kept across a reload', async ({
  app,
  host,
}) => {
  await app.keyboard.press('[')
  await expect(list(app)).toBeHidden()
  await expect(app.getByRole('button', { name: 'Library' })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  await app.keyboard.press(']')
  await expect(notes(app)).toBeHidden()
  await app.keyboard.press('[')
  await expect(list(app)).toBeVisible()
  await expect
    .poll(() => host.lectern.settings.get().panes)
    .toMatchObject({ listOpen: true, notesOpen: false })

  await app.keyboard.press(']')
  await app.keyboard.press('f')
  await expect(list(app)).toBeHidden()
  await expect(notes(app)).toBeHidden()
  await expect(app.getByRole('button', { name: 'Focus mode' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await expect.poll(() => host.lectern.settings.get().panes.focus).toBe(true)
  await app.reload()
  await expect(reader(app).getByRole('heading', { level: 1 })).toBeVisible()
  await expect(list(app)).toBeHidden()
  await expect(notes(app)).toBeHidden()

  // Asking for a pane in focus mode leaves it, with that pane shown.
  await app.keyboard.press('[')
  await expect(list(app)).toBeVisible()
  await expect(notes(app)).toBeVisible()
  await expect.poll(() => host.lectern.settings.get().panes.focus).toBe(false)
})

test('a pane edge resizes with the keys and by dragging, and the width is kept', async ({
  app,
  host,
}) => {
  const edge = app.getByRole('separator', { name: 'Resize the library' })
  const width = () => list(app).evaluate((el) => el.getBoundingClientRect().width)
  const before = await width()
  await edge.focus()
  await edge.press('ArrowRight')
  await edge.press('ArrowRight')
  await expect.poll(width).toBe(before + 20)
  await expect(edge).toHaveAttribute('aria-valuenow', String(DEFAULT_SETTINGS.panes.listWidth + 20))

  const box = (await edge.boundingBox())!
  await app.mouse.move(box.x + box.width / 2, box.y + 200)
  await app.mouse.down()
  await app.mouse.move(box.x - 60, box.y + 200, { steps: 4 })
  await app.mouse.up()
  await expect.poll(width).toBeLessThan(before - 20)
  const dragged = Math.round(await width())

  await expect.poll(() => host.lectern.settings.get().panes.listWidth).toBe(dragged)
  await app.reload()
  await expect(list(app).getByRole('listitem').getByRole('button').first()).toBeVisible()
  expect(Math.round(await width())).toBe(dragged)

  await app.getByRole('separator', { name: 'Resize the notes' }).press('Home')
  await expect.poll(() => notes(app).evaluate((el) => el.getBoundingClientRect().width)).toBe(220)
})

test('in a small window the notes slide over the article when asked for, and Esc puts them away', async ({
  app,
}) => {
  await app.setViewportSize({ width: 800, height: 600 })
  await expect(notes(app)).toBeHidden()
  await expect(list(app)).toBeVisible()
  await app.keyboard.press(']')
  await expect(notes(app)).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(notes(app)).toBeHidden()

  // Nothing is wider than the window.
  const overflow = await app.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow).toBe(0)
})

test('the sliders say their units; an article without sections shows no outline', async ({
  app,
  host,
}) => {
  await app.keyboard.press('ControlOrMeta+,')
  const panel = app.getByRole('dialog', { name: 'Reading settings' })
  await expect(panel.locator('output').nth(0)).toHaveText(/^\d+ px$/)
  await expect(panel.locator('output').nth(1)).toHaveText(/^\d\.\d×$/)
  await expect(panel.locator('output').nth(2)).toHaveText(/^\d+ characters$/)
  await app.keyboard.press('Escape')

  const articles = await host.lectern.handlers.listArticles()
  const full = await Promise.all(
    articles.map((a) => host.lectern.handlers.getArticle({ id: a.id })),
  )
  const plain = full.find((a) => a.headings.length === 0)
  const sectioned = full.find((a) => a.headings.length > 0)
  const notes = app.getByRole('complementary', { name: 'Notes' })
  const list = app.getByRole('navigation', { name: 'Articles' })
  await list.locator(`[data-article-id="${plain!.id}"]`).click()
  await expect(notes.getByText(`${plain!.words.toLocaleString('en')} words`)).toBeVisible()
  await expect(notes.getByRole('navigation', { name: 'Outline' })).toHaveCount(0)
  await list.locator(`[data-article-id="${sectioned!.id}"]`).click()
  await expect(notes.getByRole('navigation', { name: 'Outline' }).getByRole('button')).toHaveCount(
    sectioned!.headings.length,
  )
})
