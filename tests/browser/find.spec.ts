/** Find in article: only the text on screen counts, and it starts from where the reader is. */
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { reader } from './panes'

const find = (page: Page) => page.getByRole('searchbox', { name: 'Find in article' })
const ID = '000_ba4c929e0bb2f9d7'

test('counts only the article’s visible text, not the screen-reader words of a highlight', async ({
  app,
  host,
}) => {
  const h = host.lectern.handlers
  const { paragraphs } = await h.getArticle({ id: ID })
  const paragraph = paragraphs.findIndex((p) => p.includes('Konashenkov'))
  const start = (paragraphs[paragraph] as string).indexOf('Konashenkov')
  // The highlight's description (read to screen readers) repeats the words and the note.
  await h.addBookmark({
    articleId: ID,
    position: { paragraph, start, end: start + 'Konashenkov'.length },
    note: 'Konashenkov again',
  })
  await app.reload()
  await app
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: /Israel Remains/ })
    .click()
  await expect(reader(app).locator('.bookmark-summary')).toContainText('Konashenkov')
  await reader(app).focus()
  await app.keyboard.press('ControlOrMeta+f')
  await find(app).fill('konashenkov')
  await expect(app.getByRole('search', { name: 'Find in article' })).toContainText('1 of 1')
  await expect
    .poll(() =>
      app.evaluate(() => [...(CSS.highlights.get('find-current') ?? [])].map((r) => `${r}`)),
    )
    .toEqual(['Konashenkov'])
})

test('starts at the first match in view, not at the top of the article', async ({ app, host }) => {
  const { paragraphs } = await host.lectern.handlers.getArticle({ id: ID })
  const hits = paragraphs.flatMap((p, i) => (/\bIsrael\b/.test(p) ? [i] : []))
  expect(hits.length).toBeGreaterThan(2)
  await app
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: /Israel Remains/ })
    .click()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(/Israel Remains/)
  const later = hits.at(-1) as number
  const target = reader(app).locator(`p[data-paragraph="${later}"]`)
  await expect(async () => {
    await target.evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }))
    await expect(reader(app).locator(`p[data-paragraph="${hits[0]}"]`)).not.toBeInViewport()
    await expect(target).toBeInViewport()
  }).toPass()
  // Where the paragraph in view sits on screen (the bar takes room above it; the text stays).
  const onScreen = async () => Math.round((await target.boundingBox())!.y)
  const before = await onScreen()
  await reader(app).focus()
  await app.keyboard.press('ControlOrMeta+f')
  await expect(find(app)).toBeFocused()
  expect(Math.abs((await onScreen()) - before)).toBeLessThan(80) // opening the bar moved nothing
  await find(app).fill('Israel')
  const current = () =>
    app.evaluate(() => {
      const r = [...(CSS.highlights.get('find-current') ?? [])][0] as Range | undefined
      return r?.startContainer.parentElement
        ?.closest('[data-paragraph]')
        ?.getAttribute('data-paragraph')
    })
  await expect.poll(current).toBe(String(later))
  const status = await app.getByRole('search', { name: 'Find in article' }).textContent()
  expect(status).not.toMatch(/\b1 of /)
})
