/**
 * A note and a bookmark's note edited on two computers while apart: the other computer is a
 * real store on a copy of the host's data folder, whose log is delivered into the host's folder
 * as a sync tool would. The window marks both, compares the versions, and settles them for good.
 */
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import type { TestHost } from '../host/testHost'
import { ROOT } from '../host/testHost'
import { anotherComputer, removeTempDirs } from '../main/services/store/fixtures'
import { test, expect } from './fixtures'
import { notes, reader } from './panes'

const ARTICLE = '004_02c1bed588b60a46'
const NOTE = 'Polemical piece.\n\nCheck the sources in brackets against the 1947 UN vote.'
const HERE = NOTE.replace('Check the sources', 'Verify every source')
const THERE = NOTE.replace('Check the sources', 'Ignore the sources')

test.afterEach(removeTempDirs)

/** A note and a bookmark, each edited here and on another computer in the same words. */
async function editedOnTwoComputers(host: TestHost): Promise<{ note: string; bookmark: string }> {
  const h = host.lectern.handlers
  const { paragraphs } = await h.getArticle({ id: ARTICLE })
  const words = 'the Stalinist bureaucracy changed its politics'
  const start = paragraphs[2]!.indexOf(words)
  const bookmark = await h.addBookmark({
    articleId: ARTICLE,
    position: { paragraph: 2, start, end: start + words.length },
    color: 'blue',
    note: 'Why did it change?',
  })
  const note = await h.addNote({ articleId: ARTICLE, text: NOTE })

  const there = await anotherComputer(host.dataDir)
  try {
    await there.store.save([
      { t: 'put', e: `n:${note.id}`, f: { text: THERE } },
      { t: 'put', e: `b:${bookmark.id}`, f: { note: 'Why did it change in 1947?' } },
    ])
    await h.updateNote({ id: note.id, text: HERE })
    await h.updateBookmark({ id: bookmark.id, note: 'Why did it change so fast?' })
    await there.deliverTo(host.dataDir)
  } finally {
    await there.close()
  }
  await host.lectern.store.refresh()
  return { note: note.id, bookmark: bookmark.id }
}

async function openArticle(page: Page, host: TestHost): Promise<void> {
  await page.goto(host.url)
  await expect(reader(page).getByRole('heading', { level: 1 })).toBeVisible()
  // In a narrow window the library is out of the way until asked for.
  const list = page.getByRole('navigation', { name: 'Articles' })
  if (!(await list.isVisible())) await page.keyboard.press('[')
  await list.getByRole('button', { name: /Close Relations/ }).click()
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
}

test('a note edited on two computers: marked, compared, one version kept for good', async ({
  page,
  host,
}) => {
  await editedOnTwoComputers(host)
  await openArticle(page, host)
  const card = notes(page).getByRole('article', { name: 'Article note' })
  const marker = card.getByRole('group', { name: 'Edited on two computers' })
  await expect(marker).toContainText('2 versions')
  await expect(card.getByRole('textbox', { name: 'Article note' }).or(card)).toContainText(
    /(Verify|Ignore) every source|(Verify|Ignore) the sources/,
  )

  // By keyboard: the button opens the comparison, with both versions and who wrote them.
  await marker.getByRole('button', { name: 'Compare versions' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Compare versions' })
  await expect(dialog).toBeVisible()
  const versions = dialog.getByRole('list', { name: 'Versions' }).getByRole('listitem')
  await expect(versions).toHaveCount(2)
  await expect(dialog).toContainText('Verify every source')
  await expect(dialog).toContainText('Ignore the sources')
  await expect(dialog).toContainText('This computer, ')
  await dialog.getByText('The text both were edited from').click()
  await expect(dialog).toContainText('Check the sources in brackets')

  // Keep the other computer's.
  const theirs = versions.filter({ hasNotText: 'This computer, ' })
  await theirs.getByRole('button', { name: /^Keep version \d, from / }).focus()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(marker).toHaveCount(0)
  await expect(card).toContainText('Ignore the sources in brackets')
  await expect(page.getByRole('status').filter({ hasText: /Kept version \d/ })).toBeVisible()

  // Settled on disk: after a reload, and after the other computer's log is read again.
  expect(host.lectern.store.syncStatus().conflicts).toEqual([
    expect.objectContaining({ type: 'bookmark' }),
  ])
  await host.lectern.store.refresh()
  await page.reload()
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: /Close Relations/ })
    .click()
  const again = notes(page).getByRole('article', { name: 'Article note' })
  await expect(again).toContainText('Ignore the sources in brackets')
  await expect(again.getByRole('group', { name: 'Edited on two computers' })).toHaveCount(0)
})

test('All notes says which cards were edited on two computers, and one opens where it is settled', async ({
  page,
  host,
}) => {
  await editedOnTwoComputers(host)
  await page.goto(host.url)
  await expect(reader(page).getByRole('heading', { level: 1 })).toBeVisible()
  await page.getByRole('button', { name: 'All notes' }).click()
  const all = page.getByRole('region', { name: /Close Relations/ })
  const marked = all
    .getByRole('listitem')
    .filter({ hasText: 'Edited on two computers: 2 versions' })
  await expect(marked).toHaveCount(2)
  // On the note's own words: a click there must open it too.
  await marked.filter({ hasText: 'Polemical piece' }).getByText('Polemical piece').click()
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
  await expect(
    notes(page)
      .getByRole('article', { name: 'Article note' })
      .getByRole('group', { name: 'Edited on two computers' }),
  ).toBeVisible()
})

test("a bookmark's note edited on two computers: settled with a text written from both", async ({
  page,
  host,
}) => {
  await editedOnTwoComputers(host)
  await openArticle(page, host)
  const card = notes(page).getByRole('article', { name: /^Bookmark/ })
  await card.getByRole('button', { name: 'Compare versions' }).click()
  const dialog = page.getByRole('dialog', { name: 'Compare versions' })
  await expect(dialog).toContainText('Why did it change in 1947?')
  const merged = dialog.getByRole('textbox', { name: 'Or write one version from both' })
  await merged.fill('Why did it change so fast, in 1947?')
  await dialog.getByRole('button', { name: 'Save this text' }).click()
  await expect(dialog).toBeHidden()
  await expect(card.getByRole('group', { name: 'Edited on two computers' })).toHaveCount(0)
  await expect(card).toContainText('Why did it change so fast, in 1947?')
  await page.reload()
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: /Close Relations/ })
    .click()
  await expect(notes(page).getByRole('article', { name: /^Bookmark/ })).toContainText(
    'Why did it change so fast, in 1947?',
  )
  expect(host.lectern.store.syncStatus().conflicts).toEqual([
    expect.objectContaining({ type: 'note' }),
  ])
})

const sizes = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 520, height: 800 },
] as const

for (const theme of ['light', 'dark'] as const) {
  for (const size of sizes) {
    test(`screenshot: comparing versions, ${theme}, ${size.name}`, async ({ page, host }) => {
      await page.setViewportSize(size)
      await host.lectern.handlers.saveSettings({ theme })
      await editedOnTwoComputers(host)
      await openArticle(page, host)
      if (!(await notes(page).isVisible())) await page.keyboard.press(']')
      const marker = notes(page)
        .getByRole('article', { name: 'Article note' })
        .getByRole('group', { name: 'Edited on two computers' })
      await expect(marker).toBeVisible()
      const pane = await new AxeBuilder({ page }).include('#pane-notes').analyze()
      expect(pane.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
      await page.evaluate(() => document.fonts.ready)
      await page.screenshot({
        path: join(ROOT, 'tests/screenshots', `conflict-marker-${theme}-${size.name}.png`),
      })
      await marker.getByRole('button', { name: 'Compare versions' }).click()
      const dialog = page.getByRole('dialog', { name: 'Compare versions' })
      await expect(dialog.getByRole('listitem')).toHaveCount(2)
      const { violations } = await new AxeBuilder({ page }).include('dialog').analyze()
      expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
      await page.screenshot({
        path: join(ROOT, 'tests/screenshots', `conflict-${theme}-${size.name}.png`),
      })
      await page.keyboard.press('Escape')
      await expect(dialog).toBeHidden()
      await page.keyboard.press('a')
      await expect(
        page.getByRole('main', { name: 'All notes' }).getByText(/Edited on two computers: 2/),
      ).toHaveCount(2)
      await page.screenshot({
        path: join(ROOT, 'tests/screenshots', `conflict-all-notes-${theme}-${size.name}.png`),
      })
    })
  }
}
