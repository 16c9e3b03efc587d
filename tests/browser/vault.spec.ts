/**
 * Notes that live in a vault: the reader chooses a folder in the window, Lectern keeps one
 * file per article there as they highlight, and asks before touching a file someone changed.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect } from './fixtures'

const ID = '004_02c1bed588b60a46'

test('the window keeps a vault folder up to date and asks before overwriting a changed file', async ({
  app,
  host,
}) => {
  const vault = await mkdtemp(join(tmpdir(), 'lectern-vault-'))
  host.desktop.answers.folder = vault
  await app.getByRole('button', { name: /Export/ }).click()
  await app.getByRole('menuitem', { name: /Keep notes in a folder/ }).click()
  const dialog = app.getByRole('dialog', { name: 'Notes folder' })
  await expect(dialog).toContainText('No folder is kept up to date.')
  await dialog.getByRole('button', { name: 'Choose a folder…' }).click()
  await expect(dialog).toContainText(`Keeping notes in ${vault}`)

  // A bookmark made in the window is in the folder soon after, as a file of its article.
  await dialog.getByRole('button', { name: 'Close' }).click()
  const bookmark = await host.lectern.handlers.addBookmark({
    articleId: ID,
    position: { paragraph: 0, start: 0, end: 24 },
    note: 'First thought',
  })
  const file = async (): Promise<string | undefined> =>
    (await readdir(vault)).find((n) => n.endsWith('.md'))
  await expect.poll(file, { timeout: 15_000 }).toBeDefined()
  const path = join(vault, (await file())!)
  await expect.poll(() => readFile(path, 'utf8')).toContain('First thought')
  expect(await readFile(path, 'utf8')).toContain(`^lectern-${bookmark.id}`)

  // Someone edits the file in the vault; Lectern's next change does not overwrite it.
  await writeFile(path, `${await readFile(path, 'utf8')}\nMy own line in Obsidian.\n`)
  await host.lectern.handlers.updateBookmark({ id: bookmark.id, note: 'Second thought' })
  await app.getByRole('button', { name: /Export/ }).click()
  await app.getByRole('menuitem', { name: /Keep notes in a folder/ }).click()
  const changed = dialog.getByRole('region', { name: 'Changed outside Lectern' })
  await expect(changed).toContainText('edited since Lectern wrote it', { timeout: 15_000 })
  expect(await readFile(path, 'utf8')).toContain('My own line in Obsidian.')

  // The reader settles it: Lectern's version, theirs moved to the folder's trash.
  await changed.getByRole('button', { name: 'Use Lectern’s' }).click()
  await expect(changed).toHaveCount(0)
  const now = await readFile(path, 'utf8')
  expect(now).toContain('Second thought')
  expect(now).not.toContain('My own line in Obsidian.')
  expect(await readdir(join(vault, '.lectern-trash'))).toHaveLength(1)
})

test('a lectern:// link handed to the app opens its article at the bookmark', async ({
  app,
  host,
}) => {
  const reader = app.getByRole('main', { name: 'Article' })
  // The window asks for a waiting link as it starts: once it shows an article it has asked,
  // so the link put below is for the next start, not taken by this one.
  await expect(reader.getByRole('heading', { level: 1 })).toBeVisible()
  const bookmark = await host.lectern.handlers.addBookmark({
    articleId: ID,
    position: { paragraph: 14, start: 0, end: 20 },
  })
  // What the main process does when the system opens a link (see lifecycle.ts and index.ts),
  // and the command it sends the window, which a browser cannot receive: so the page is
  // reloaded, and a window that starts takes any link waiting for it.
  host.lectern.links.put({ articleId: ID, bookmarkId: bookmark.id, paragraph: 14 })
  await app.reload()
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
  await expect(reader.locator('p[data-paragraph="14"]')).toBeInViewport()
  await expect(
    app.getByRole('complementary', { name: 'Notes' }).getByRole('article', { name: /^Bookmark/ }),
  ).toHaveAttribute('aria-current', 'true')
})
