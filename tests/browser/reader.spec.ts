import { test, expect } from './fixtures'

const list = (page: import('@playwright/test').Page) =>
  page.getByRole('navigation', { name: 'Articles' })
const reader = (page: import('@playwright/test').Page) =>
  page.getByRole('main', { name: 'Article' })

test('the library lists the five bundled articles with their details', async ({ app, host }) => {
  const rows = list(app).getByRole('listitem').getByRole('button')
  await expect(rows).toHaveCount(5)
  const expected = host.lectern.library.list()
  for (const [i, a] of expected.entries()) {
    await expect(rows.nth(i)).toContainText(a.title)
    await expect(rows.nth(i)).toContainText(`${a.readingMinutes} min read`)
  }
  await expect(list(app).getByRole('button', { name: /Broader Look/ })).toContainText(
    'Crescent International',
  )
  await expect(list(app).getByRole('button', { name: /Broader Look/ })).toContainText('2020')
})

test('opens the first article at start and another on click, marking the open one', async ({
  app,
}) => {
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(
    'Israel Remains Putin’s ‘Partner!’',
  )
  await expect(list(app).getByRole('listitem').getByRole('button').first()).toHaveAttribute(
    'aria-current',
    'true',
  )

  await list(app)
    .getByRole('button', { name: /Broader Look/ })
    .click()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(
    'Broader Look at Russia-Israel Partnership',
  )
  await expect(reader(app)).toContainText('Akhmet Makhmoudov')
  await expect(reader(app).locator('p[data-paragraph="0"]')).toContainText(
    'Being on the opposite sides in Syria',
  )
  await expect(reader(app)).not.toContainText('Privacy Policy')
  await expect(list(app).getByRole('button', { name: /Broader Look/ })).toHaveAttribute(
    'aria-current',
    'true',
  )
  await expect(list(app).getByRole('listitem').getByRole('button').first()).not.toHaveAttribute(
    'aria-current',
  )

  const notes = app.getByRole('complementary', { name: 'Notes' })
  await expect(notes).toContainText('Crescent International')
  await expect(notes).toContainText('1,150 words')
})

test('search shows grouped, highlighted hits and a click lands on the highlighted paragraph', async ({
  app,
}) => {
  const box = app.getByRole('combobox', { name: 'Search all articles' })
  await box.fill('encrypted telephone line')
  const results = app.getByRole('listbox', { name: 'Search results' })
  await expect(results.getByRole('option').first()).toBeVisible()
  await expect(
    results.getByRole('group', { name: 'The Close Relations between Putin and Zionism' }),
  ).toBeVisible()
  await expect(results.getByRole('option').first().locator('mark').first()).toHaveText(/encrypted/i)

  await results.getByRole('option').first().click()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(
    'The Close Relations between Putin and Zionism',
  )
  const target = reader(app).locator('[data-paragraph="15"]')
  await expect(target).toBeInViewport()
  await expect(target).toHaveClass(/flash/)
  const lit = await app.evaluate(() => {
    const h = CSS.highlights.get('search-hit')
    return h ? [...h].map((r) => (r as Range).toString()) : []
  })
  expect(lit.map((s) => s.toLowerCase())).toEqual(
    expect.arrayContaining(['encrypted', 'telephone', 'line']),
  )
})

test('a natural-language question finds passages, and Enter opens the best one', async ({
  app,
}) => {
  const box = app.getByRole('combobox', { name: 'Search all articles' })
  await box.fill('why did Russia get involved in Syria')
  await expect(app.getByRole('option').first()).toBeVisible()
  await expect(app.getByText(/passages? in \d+ articles?/).first()).toBeVisible()
  await box.press('Enter')
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(
    'Broader Look at Russia-Israel Partnership',
  )
})

test('search says so when nothing matches', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Search all articles' }).fill('xylophone quasar')
  await expect(app.locator('.search-summary')).toHaveText('No matches')
})

test('find in article highlights every match, steps through them and counts', async ({ app }) => {
  await list(app)
    .getByRole('button', { name: /Close Relations/ })
    .click()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
  const expected = await reader(app)
    .locator('article')
    .evaluate((el) => (el.textContent ?? '').toLowerCase().split('zionis').length - 1)
  expect(expected).toBeGreaterThan(3)

  await app.keyboard.press('Control+f')
  const find = app.getByRole('searchbox', { name: 'Find in article' })
  await expect(find).toBeFocused()
  await find.fill('ZIONIS')
  const status = app.getByRole('search', { name: 'Find in article' })
  await expect(status).toContainText(`1 of ${expected}`)
  await find.press('Enter')
  await expect(status).toContainText(`2 of ${expected}`)
  await find.press('Shift+Enter')
  await find.press('Shift+Enter')
  await expect(status).toContainText(`${expected} of ${expected}`)
  const painted = await app.evaluate(() => CSS.highlights.get('find')?.size ?? 0)
  expect(painted).toBe(expected)

  await find.fill('no such words here')
  await expect(status).toContainText('No matches')
  await find.press('Escape')
  await expect(find).toBeHidden()
  expect(await app.evaluate(() => CSS.highlights.has('find'))).toBe(false)
})

test('keyboard: j/k move between articles, arrows move in the list, / and Ctrl+K focus search', async ({
  app,
}) => {
  const title = reader(app).getByRole('heading', { level: 1 })
  await expect(title).toHaveText(/Partner/)
  await app.keyboard.press('j')
  await expect(title).toHaveText(/Netanyahu and Putin agree/)
  await app.keyboard.press('j')
  await expect(title).toHaveText(/Broader Look/)
  await app.keyboard.press('k')
  await expect(title).toHaveText(/Netanyahu and Putin agree/)

  await list(app)
    .getByRole('button', { name: /Netanyahu and Putin agree/ })
    .focus()
  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('ArrowDown')
  await expect(list(app).getByRole('button', { name: /unconditional allies/ })).toBeFocused()
  await app.keyboard.press('Enter')
  await expect(title).toHaveText(/unconditional allies/)

  const box = app.getByRole('combobox', { name: 'Search all articles' })
  await app.keyboard.press('/')
  await expect(box).toBeFocused()
  await box.press('Escape')
  await list(app).getByRole('listitem').getByRole('button').first().focus()
  await app.keyboard.press('Control+k')
  await expect(box).toBeFocused()
  await box.fill('Hanukk')
  const results = app.getByRole('listbox', { name: 'Search results' }).getByRole('option')
  await expect(results).toHaveCount(2)
  await app.keyboard.press('ArrowDown')
  await expect(results.nth(1)).toHaveAttribute('aria-selected', 'true')
  await app.keyboard.press('Enter')
  await expect(title).toHaveText(/Netanyahu and Putin agree/)
})

test('the outline jumps to a section', async ({ app }) => {
  await list(app)
    .getByRole('button', { name: /Close Relations/ })
    .click()
  const outline = app.getByRole('navigation', { name: 'Outline' })
  await outline.getByRole('button', { name: /Putin’s Reasons/ }).click()
  await expect(
    reader(app).getByRole('heading', { level: 2, name: 'Putin’s Reasons' }),
  ).toBeInViewport()
})

test('a failing library shows an error with a way to try again', async ({ page, host }) => {
  let fail = true
  await page.route(`${host.url}/api/listArticles`, async (route) => {
    if (!fail) return route.continue()
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'disk unreadable' } }),
    })
  })
  await page.goto(host.url)
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('The library could not be loaded')
  await expect(alert).toContainText('disk unreadable')
  fail = false
  await alert.getByRole('button', { name: 'Try again' }).click()
  await expect(list(page).getByRole('listitem').getByRole('button')).toHaveCount(5)
})
