/**
 * A book imported through File ▸ Import (the dialog answered by the test host): its table of
 * contents takes the reader to a chapter, by mouse or keyboard, and a passage bookmarked
 * there is exported with the book.
 */
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { ROOT } from '../host/testHost'
import { test, expect } from './fixtures'

const BOOKS = join(ROOT, 'tests/fixtures/import/epub')
const library = (app: Page) => app.getByRole('navigation', { name: 'Articles' })
const reader = (app: Page) => app.getByRole('main', { name: 'Article' })
const notes = (app: Page) => app.getByRole('complementary', { name: 'Notes' })

test('an EPUB imported from the menu: its contents lead to a chapter, and a passage there is bookmarked and exported', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000)
  host.desktop.answers.import = [join(BOOKS, 'trees.epub')]
  await library(app).getByRole('button', { name: 'Import' }).click()
  await app.getByRole('menuitem', { name: /Import files/ }).click()
  const dialog = app.getByRole('dialog', { name: 'Import finished' })
  await expect(dialog).toBeVisible({ timeout: 60_000 })
  await expect(dialog.getByRole('status')).toContainText('1 imported')
  await dialog.getByRole('button', { name: 'Done' }).click()

  const [book] = host.lectern.imported.list()
  expect(book?.format).toBe('epub')
  await library(app).getByRole('button', { name: /Trees/ }).click()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText('Trees')

  const contents = notes(app).getByRole('navigation', { name: 'Outline' })
  await expect(contents.getByRole('heading')).toHaveText('Contents')
  await expect(contents.getByRole('button')).toHaveText(['Classification', 'Morphology'])
  // By keyboard: the entry is a button, reached and pressed without the mouse.
  await contents.getByRole('button', { name: 'Morphology' }).focus()
  await app.keyboard.press('Enter')
  const chapter = reader(app).getByRole('heading', { name: 'Morphology' })
  await expect(chapter).toBeInViewport()

  const passage = reader(app).locator('.para').filter({ hasText: /roots/i }).first()
  const text = (await passage.innerText()).trim()
  await passage.hover()
  await passage.getByRole('button', { name: /Bookmark paragraph/ }).click()
  await expect.poll(() => host.lectern.annotations.list(book!.id).bookmarks.length).toBe(1)
  const markdown = host.lectern.exporter.articleMarkdown(book!.id)
  expect(markdown).toContain('title: Trees')
  expect(markdown).toContain(`> ${text.slice(0, 40)}`)
})

test('a 1000-page book opens and reads to its end: its paragraphs are laid out only near the view', async ({
  app,
  host,
}) => {
  test.setTimeout(180_000)
  const { zipSync } = await import('fflate')
  const { mkdtemp, writeFile } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const utf8 = (s: string) => new TextEncoder().encode(s)
  // 100 chapters of 30 paragraphs of about 100 words: some 300 000 words, a thousand pages.
  const chapters = Array.from({ length: 100 }, (_, c) => {
    const paras = Array.from(
      { length: 30 },
      (_, p) =>
        `<p>Chapter ${c + 1}, paragraph ${p + 1}. ${'The long road wound on past the fields and the river and the mill. '.repeat(7)}</p>`,
    ).join('')
    return `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${c + 1}</title></head><body><h1>Chapter ${c + 1}</h1>${paras}</body></html>`
  })
  const files: Record<string, Uint8Array> = {
    mimetype: utf8('application/epub+zip'),
    'META-INF/container.xml': utf8(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'book.opf': utf8(
      `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">long-road</dc:identifier><dc:title>The Long Road</dc:title><dc:language>en</dc:language></metadata><manifest>${chapters.map((_, i) => `<item id="c${i}" href="c${i}.xhtml" media-type="application/xhtml+xml"/>`).join('')}</manifest><spine>${chapters.map((_, i) => `<itemref idref="c${i}"/>`).join('')}</spine></package>`,
    ),
  }
  chapters.forEach((xhtml, i) => (files[`c${i}.xhtml`] = utf8(xhtml)))
  const file = join(await mkdtemp(join(tmpdir(), 'lectern-long-')), 'long-road.epub')
  await writeFile(file, zipSync(files))
  const result = await host.lectern.importer().importFile(file)
  expect(result).toMatchObject({ status: 'imported' })
  await app.reload()

  await library(app)
    .getByRole('button', { name: /The Long Road/ })
    .click()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText('The Long Road')
  const last = reader(app).locator('.para').filter({ hasText: 'Chapter 100, paragraph 30.' })
  // Off-screen paragraphs are skipped by layout (content-visibility), so length costs little.
  expect(await last.evaluate((el) => getComputedStyle(el).contentVisibility)).toBe('auto')
  await reader(app).focus()
  await app.keyboard.press('End')
  await expect(last).toBeInViewport({ timeout: 10_000 })
  // The contents of a book without a navigation document are its chapters.
  const contents = notes(app).getByRole('navigation', { name: 'Outline' })
  await expect(contents.getByRole('button')).toHaveCount(100)
  await contents.getByRole('button', { name: 'Chapter 50', exact: true }).click()
  await expect(
    reader(app).getByRole('heading', { name: 'Chapter 50', exact: true }),
  ).toBeInViewport()
})

test('an Omnivore export imported from the menu: the summary lists its articles, its failure and the highlight it could not place', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000)
  host.desktop.answers.import = [join(ROOT, 'tests/fixtures/import/archives/omnivore-export.zip')]
  await library(app).getByRole('button', { name: 'Import' }).click()
  await app.getByRole('menuitem', { name: /Import files/ }).click()
  const dialog = app.getByRole('dialog', { name: 'Import finished' })
  await expect(dialog).toBeVisible({ timeout: 60_000 })
  // The export counts as the articles it held, not as one file.
  await expect(dialog.getByRole('status')).toHaveText('3 imported · 0 already there · 1 failed')
  await expect(dialog.getByText(/3 of 4 articles from Omnivore imported/)).toBeVisible()
  const imported = dialog.getByRole('region', { name: 'Imported' })
  await expect(imported.getByRole('button')).toHaveText([
    'The keeper’s winter log',
    'River rising',
    'A link without its page',
  ])
  await expect(dialog.getByRole('region', { name: 'Failed' })).toContainText('thrown-away')
  const orphans = dialog.getByRole('region', { name: 'Highlights not placed' })
  await expect(orphans).toContainText('about gulls and the price of paraffin')
  // The orphan's article opens from the summary; its bookmark waits there, unplaced.
  await orphans.getByRole('button', { name: 'The keeper’s winter log' }).click()
  await expect(dialog).toBeHidden()
  await expect(reader(app).getByRole('heading', { level: 1 })).toHaveText('The keeper’s winter log')
  await expect(notes(app)).toContainText('about gulls and the price of paraffin')
})
