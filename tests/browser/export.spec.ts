import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { parse } from 'yaml'
import { startTestHost, type TestHost } from '../host/testHost'
import { test, expect } from './fixtures'

const ID = '002_dac4dfd4f164a684'

async function annotate(host: TestHost): Promise<void> {
  const h = host.lectern.handlers
  await h.addBookmark({
    articleId: ID,
    position: { paragraph: 5, start: 0, end: 36 },
    tags: ['radio'],
    note: 'Echo *of* Moscow',
  })
  await h.addNote({ articleId: ID, text: 'Whole-article note with <b>html</b> and # hash' })
  await h.addBookmark({
    articleId: '000_ba4c929e0bb2f9d7',
    position: { paragraph: 0, start: 0, end: 12 },
  })
}

async function menu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Export ▾' }).click()
  await page.getByRole('menuitem', { name: item }).click()
}

test('exports the open article to the chosen file, and copies it as Markdown', async ({
  page,
  host,
}) => {
  await annotate(host)
  const out = join(await mkdtemp(join(tmpdir(), 'lectern-export-')), 'broader.md')
  host.desktop.answers.save = out
  await page.goto(host.url)
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: /Broader Look/ })
    .click()
  await menu(page, 'Export this article’s notes…')
  await expect(page.getByRole('status').filter({ hasText: `Exported to ${out}` })).toBeVisible()
  expect(host.desktop.asked).toEqual(['Export notes as Markdown'])

  const md = await readFile(out, 'utf8')
  const front = parse(md.split('---\n')[1] ?? '') as Record<string, unknown>
  expect(front).toMatchObject({
    title: 'Broader Look at Russia-Israel Partnership',
    article_id: ID,
    bookmarks: 1,
    tags: ['radio'],
  })
  expect(md).toContain('> During his February 2020 interview')
  expect(md).toContain('Whole-article note with <b>html</b> and # hash')

  await menu(page, 'Copy as Markdown')
  await expect(page.getByText(/Copied [\d,]+ characters of Markdown/)).toBeVisible()
  expect(host.desktop.clipboard).toContain('# Broader Look at Russia-Israel Partnership')
})

test('exports every annotated article into a folder, and does nothing on cancel', async ({
  page,
  host,
}) => {
  await annotate(host)
  await page.goto(host.url)
  host.desktop.answers.folder = null
  await menu(page, 'Export all notes to a folder…')
  await expect(page.getByRole('button', { name: 'Export ▾' })).toBeFocused()
  await expect(page.getByText(/Exported/)).toHaveCount(0)

  const folder = await mkdtemp(join(tmpdir(), 'lectern-export-all-'))
  host.desktop.answers.folder = folder
  await page.keyboard.press('e') // the shortcut opens the same menu
  await page.getByRole('menuitem', { name: 'Export all notes to a folder…' }).click()
  await expect(page.getByText(`Exported 2 files to ${folder}`)).toBeVisible()
  // Named by their titles, as Obsidian shows a note's file name as its title.
  expect((await readdir(folder)).sort()).toEqual([
    'Broader Look at Russia-Israel Partnership.md',
    'Israel Remains Putin’s ‘Partner!’.md',
  ])
})

test('a backup made in one library restores into another', async ({ page, host }) => {
  await annotate(host)
  const file = join(await mkdtemp(join(tmpdir(), 'lectern-backup-')), 'backup.json')
  host.desktop.answers.save = file
  await page.goto(host.url)
  await menu(page, 'Back up all data…')
  await expect(page.getByText(`Backed up to ${file}`)).toBeVisible()

  const other = await startTestHost({ dataDir: await mkdtemp(join(tmpdir(), 'lectern-restore-')) })
  try {
    other.desktop.answers.open = file
    await page.goto(other.url)
    await page
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('button', { name: /Broader Look/ })
      .click()
    await menu(page, 'Restore from a backup…')
    await expect(page.getByText(/3 added, 0 updated, 0 already here/)).toBeVisible()
    await expect(
      page.getByRole('complementary', { name: 'Notes' }).getByText('Whole-article note with'),
    ).toBeVisible()
    await menu(page, 'Restore from a backup…')
    await expect(page.getByText(/0 added, 0 updated, 3 already here/)).toBeVisible()
  } finally {
    await other.close()
  }
})
