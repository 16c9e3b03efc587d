/**
 * Importing the reader's own articles through the window: File ▸ Import (the dialog answered
 * by the test host), dropping files, progress and Cancel, the summary, duplicates and look-
 * alikes, and an imported article read, bookmarked, removed and brought back.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { ROOT } from '../host/testHost'
import { test, expect } from './fixtures'

const PAGES = join(ROOT, 'tests/fixtures/import/pages')
const library = (app: Page) => app.getByRole('navigation', { name: 'Articles' })
const reader = (app: Page) => app.getByRole('main', { name: 'Article' })

/** The summary, once the import ends: reading pages starts a worker, slow on a busy machine. */
async function finished(app: Page, name = 'Import finished') {
  const dialog = app.getByRole('dialog', { name })
  await expect(dialog).toBeVisible({ timeout: 60_000 })
  return dialog
}

/** A short article page of its own, different from every other one made here. */
function page(title: string, body: string): string {
  const text = Array.from(
    { length: 4 },
    (_, i) => `<p>${body} This is paragraph ${i + 1} of “${title}”, long enough to be read.</p>`,
  ).join('\n')
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${text}</article></body></html>`
}

async function importFolder(
  app: Page,
  host: { desktop: { answers: { import?: string[] | null } } },
  paths: string[],
) {
  host.desktop.answers.import = paths
  await library(app).getByRole('button', { name: 'Import' }).click()
  await app.getByRole('menuitem', { name: /Import a folder/ }).click()
}

test('File ▸ Import reads a folder: progress, a summary that names each failure, pictures shown', async ({
  app,
  host,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-import-'))
  await writeFile(join(dir, 'not-really.html'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 9]))
  await writeFile(join(dir, 'empty.md'), '')
  // The index is built before the import, so what follows shows it growing.
  await host.lectern.handlers.search({ query: 'sandbags volunteers' })
  await importFolder(app, host, [PAGES, dir])

  const dialog = await finished(app)
  await expect(dialog.getByRole('status')).toContainText('8 imported · 0 already there · 2 failed')
  const failed = dialog.getByRole('region', { name: 'Failed' }).getByRole('listitem')
  await expect(failed.filter({ hasText: 'not-really.html' })).toContainText(/not HTML|binary/)
  await expect(failed.filter({ hasText: 'empty.md' })).toContainText('empty')
  await dialog.getByRole('button', { name: 'Done' }).click()

  // Side by side with the bundled articles; the newest first.
  await expect(library(app).locator('.count')).toHaveText('13 articles')
  await library(app)
    .getByRole('button', { name: /The river is rising/ })
    .click()
  const article = reader(app)
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('The river is rising')
  await expect(article.locator('.byline')).toContainText('Maria Lopez')
  // The page's own picture, copied into the library and drawn from its bytes.
  const picture = article.getByRole('img', { name: 'The mill steps under water' })
  await expect(picture).toBeVisible()
  await expect
    .poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0)
  await expect(
    article.getByRole('heading', { level: 2, name: 'What the council decided' }),
  ).toBeVisible()
  await expect(article.locator('.block-item')).toHaveCount(2)
  await expect(article.locator('.block-caption')).toHaveText('The old mill on Tuesday morning.')

  // Searched with everything else, as soon as it is in.
  const search = app.getByRole('combobox', { name: 'Search all articles' })
  await search.fill('sandbags volunteers')
  const results = app.getByRole('listbox', { name: 'Search results' })
  await expect(results.getByRole('group', { name: 'The river is rising' })).toBeVisible()
  await search.press('Escape')

  // A right-to-left article reads right to left.
  await library(app)
    .getByRole('button', { name: /הספרייה העירונית/ })
    .click()
  await expect(article.locator('article')).toHaveAttribute('dir', 'rtl')
})

test('files dropped on the window are imported from their bytes; dropped again, nothing is added', async ({
  app,
}) => {
  const files = [
    { name: 'clipped.md', bytes: await readFile(join(PAGES, 'clipped.md')) },
    { name: 'mailing-list-post.txt', bytes: await readFile(join(PAGES, 'mailing-list-post.txt')) },
  ]
  const drop = async (): Promise<void> => {
    const data = await app.evaluateHandle(
      (list) => {
        const dt = new DataTransfer()
        for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name))
        return dt
      },
      files.map((f) => ({ name: f.name, bytes: [...f.bytes] })),
    )
    await app.locator('.app').dispatchEvent('dragover', { dataTransfer: data })
    await expect(app.locator('.drop-zone')).toBeVisible()
    await app.locator('.app').dispatchEvent('drop', { dataTransfer: data })
  }
  await drop()
  const done = await finished(app)
  await expect(done.getByRole('status')).toContainText('2 imported · 0 already there · 0 failed')
  await expect(done.getByRole('region', { name: 'Imported' })).toContainText(
    'Why cities plant trees',
  )
  await done.getByRole('button', { name: 'Done' }).click()
  await expect(library(app).getByRole('button', { name: /Why cities plant trees/ })).toBeVisible()

  await drop()
  await expect(done.getByRole('status')).toContainText('0 imported · 2 already there · 0 failed')
  await expect(done.getByRole('region', { name: 'Already there' })).toContainText(
    'already in the library as “Why cities plant trees”',
  )
  await done.getByRole('button', { name: 'Done' }).click()
  await expect(library(app).locator('.count')).toHaveText('7 articles')
})

test('a long import shows how far it got and stops when asked, keeping what it finished', async ({
  app,
  host,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-bulk-'))
  for (let i = 0; i < 60; i++)
    await writeFile(
      join(dir, `page-${String(i).padStart(2, '0')}.html`),
      page(`Bulk page ${i}`, `Text ${i}.`),
    )
  await importFolder(app, host, [dir])
  const running = app.getByRole('dialog', { name: 'Importing' })
  await expect(running.getByRole('status')).toContainText(/[1-9]\d* of 60 files/, {
    timeout: 60_000,
  })
  await expect(running.locator('.import-current')).toContainText(/Reading page-\d\d\.html/)
  await running.getByRole('button', { name: 'Cancel' }).click()
  const stopped = await finished(app, 'Import stopped')
  await expect(stopped.getByRole('status')).toContainText(/stopped after \d+ of 60/)
  const text = (await stopped.getByRole('status').textContent()) ?? ''
  const imported = Number(/(\d+) imported/.exec(text)?.[1])
  expect(imported).toBeGreaterThan(0)
  expect(imported).toBeLessThan(60)
  // Exactly what the summary says is in the library: nothing half-imported.
  expect(host.lectern.imported.list()).toHaveLength(imported)
  await stopped.getByRole('button', { name: 'Done' }).click()
  await expect(library(app).locator('.count')).toHaveText(`${5 + imported} articles`)
})

test('the same article saved again: the reader replaces the old one and its bookmark follows', async ({
  app,
  host,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-again-'))
  const body = 'The harbour wall was rebuilt in stone after the winter storms took the old one.'
  await writeFile(join(dir, 'first.html'), page('Harbour wall', body))
  await importFolder(app, host, [join(dir, 'first.html')])
  await (await finished(app)).getByRole('button', { name: 'Done' }).click()
  const [old] = host.lectern.imported.list()
  await host.lectern.handlers.addBookmark({
    articleId: old!.id,
    position: { paragraph: 0, start: 4, end: 17 },
    note: 'stone, not concrete',
  })

  await writeFile(join(dir, 'second.html'), page('Harbour wall', `${body} Saved again.`))
  await importFolder(app, host, [join(dir, 'second.html')])
  const dialog = await finished(app)
  const similar = dialog.getByRole('region', { name: 'Look like articles already there' })
  await expect(similar).toContainText('looks like “Harbour wall”')
  await similar.getByRole('button', { name: 'Replace' }).click()
  await expect(dialog.getByRole('region', { name: 'Imported' })).toContainText(
    'replaced “Harbour wall”',
  )
  await dialog.getByRole('button', { name: 'Done' }).click()

  const [now] = host.lectern.imported.list()
  expect(now!.id).not.toBe(old!.id)
  expect(host.lectern.imported.trash().map((a) => a.id)).toEqual([old!.id])
  const moved = host.lectern.annotations.list(now!.id).bookmarks
  expect(moved).toHaveLength(1)
  expect(moved[0]!.placed).not.toBeNull()
  expect(moved[0]!.note).toBe('stone, not concrete')
})

test('the library filters by title and state, sorts, archives, and removes to a restorable trash', async ({
  app,
  host,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-list-'))
  await writeFile(join(dir, 'a.html'), page('Apple orchards in winter', 'Pruning starts.'))
  await writeFile(join(dir, 'b.html'), page('Bees and the clover', 'Bees forage.'))
  await importFolder(app, host, [dir])
  await (await finished(app)).getByRole('button', { name: 'Done' }).click()
  const rows = library(app).getByRole('listitem')
  await expect(rows).toHaveCount(7)

  await library(app).getByRole('searchbox', { name: 'Filter the library by title' }).fill('orch')
  await expect(rows).toHaveCount(1)
  await expect(library(app).locator('.count')).toHaveText('1 of 7')
  await library(app).getByRole('searchbox', { name: 'Filter the library by title' }).fill('')

  await library(app).getByRole('combobox', { name: 'Sort by' }).selectOption('title')
  await expect(rows.first()).toContainText('Apple orchards in winter')

  // Archived: out of the list, under Archived, and back.
  await rows.filter({ hasText: 'Bees and the clover' }).getByRole('button').click()
  await reader(app).getByRole('button', { name: 'Archive' }).click()
  await expect(rows).toHaveCount(6)
  await library(app).getByRole('combobox', { name: 'Show' }).selectOption('archived')
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('Archived')
  await library(app).getByRole('combobox', { name: 'Show' }).selectOption('all')

  // Removed with its bookmark, then brought back with it from the toast.
  await rows.filter({ hasText: 'Apple orchards' }).getByRole('button').click()
  const apple = host.lectern.imported.list().find((a) => a.title.startsWith('Apple'))!
  await host.lectern.handlers.addBookmark({
    articleId: apple.id,
    position: { paragraph: 0, start: 0, end: 7 },
  })
  await reader(app).getByRole('button', { name: 'Remove' }).click()
  await expect(app.getByRole('status').filter({ hasText: 'moved to the trash' })).toBeVisible()
  await expect(rows.filter({ hasText: 'Apple orchards' })).toHaveCount(0)
  expect(host.lectern.annotations.list().bookmarks).toHaveLength(0)
  // Gone from search too, while it is in the trash.
  expect(
    (await host.lectern.handlers.search({ query: 'pruning orchards' })).hits.map(
      (h) => h.articleId,
    ),
  ).not.toContain(apple.id)
  await app.getByRole('button', { name: 'Undo' }).click()
  await expect(rows.filter({ hasText: 'Apple orchards' })).toHaveCount(1)
  expect(host.lectern.annotations.list(apple.id).bookmarks).toHaveLength(1)
  expect(
    (await host.lectern.handlers.search({ query: 'pruning orchards' })).hits.map(
      (h) => h.articleId,
    ),
  ).toContain(apple.id)
})

test('a bookmark on an imported article is exported to Markdown with the article', async ({
  app,
  host,
}) => {
  await importFolder(app, host, [join(PAGES, 'saved-complete')])
  await (await finished(app)).getByRole('button', { name: 'Done' }).click()
  const [river] = host.lectern.imported.list()
  await library(app)
    .getByRole('button', { name: /The river is rising/ })
    .click()
  const paragraph = reader(app).locator('.para').filter({ hasText: 'The river had been rising' })
  await paragraph.hover()
  await paragraph.getByRole('button', { name: /Bookmark paragraph/ }).click()
  await expect.poll(() => host.lectern.annotations.list(river!.id).bookmarks.length).toBe(1)
  const markdown = host.lectern.exporter.articleMarkdown(river!.id)
  expect(markdown).toContain('title: The river is rising')
  expect(markdown).toContain('> The river had been rising for three days')
  expect(markdown).toContain('https://example.com/2023/05/river-rising')
})

test('a two-column PDF imported by the menu reads as an article, and its bookmark is exported', async ({
  app,
  host,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-import-pdf-'))
  await writeFile(
    join(dir, 'river.pdf'),
    await readFile(join(ROOT, 'tests/fixtures/import/pdf/two-columns.pdf')),
  )
  await importFolder(app, host, [dir])
  const dialog = await finished(app)
  await expect(dialog.getByRole('status')).toContainText('1 imported · 0 already there · 0 failed')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await library(app)
    .getByRole('button', { name: /The River in Spate/ })
    .click()
  const article = reader(app)
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('The River in Spate')
  await expect(article.getByRole('heading', { name: 'The night of the flood' })).toBeVisible()
  // The right column's paragraph, whole: read after the left column, not beside it.
  const paragraph = article.locator('.para').filter({ hasText: 'The families along the lower' })
  await expect(paragraph).toHaveText(/^The families along the lower street .* an adventure\.$/)
  const [pdf] = host.lectern.imported.list()
  await paragraph.hover()
  await paragraph.getByRole('button', { name: /Bookmark paragraph/ }).click()
  await expect.poll(() => host.lectern.annotations.list(pdf!.id).bookmarks.length).toBe(1)
  expect(host.lectern.exporter.articleMarkdown(pdf!.id)).toContain(
    '> The families along the lower street carried what they could up the hill',
  )
})
