/** The trash: what is in it, when it went there, and emptying it through the app's own dialog. */
import { test, expect } from './fixtures'

const ID = '004_02c1bed588b60a46'

test('the trash shows colour and deletion time, and asks in its own dialog before emptying', async ({
  app,
  host,
}) => {
  const h = host.lectern.handlers
  const b = await h.addBookmark({
    articleId: ID,
    position: { paragraph: 0, start: 0, end: 12 },
    color: 'red',
  })
  const n = await h.addNote({ articleId: ID, text: 'Gone soon' })
  await h.deleteAnnotation({ id: b.id })
  await h.deleteAnnotation({ id: n.id })
  let browserDialogs = 0
  app.on('dialog', (d) => {
    browserDialogs++
    void d.dismiss()
  })
  await app.reload()
  await app.getByRole('button', { name: 'All notes' }).click()
  const all = app.getByRole('main', { name: 'All notes' })
  await all.getByRole('tab', { name: /Trash \(2\)/ }).click()
  const items = all.getByRole('region', { name: 'Trash' }).getByRole('listitem')
  await expect(items).toHaveCount(2)
  await expect(items.filter({ hasText: 'Bookmark, disagree' })).toContainText('deleted')
  await expect(items.locator('time')).toHaveCount(2)

  // Kept when the reader thinks again.
  await all.getByRole('button', { name: 'Empty trash' }).click()
  const ask = app.getByRole('dialog', { name: 'Empty the trash?' })
  await expect(ask).toContainText('The 2 items in the trash will be deleted for good.')
  await ask.getByRole('button', { name: 'Keep them' }).click()
  await expect(ask).toHaveCount(0)
  await expect(items).toHaveCount(2)

  await all.getByRole('button', { name: 'Empty trash' }).click()
  await ask.getByRole('button', { name: 'Delete for good' }).click()
  await expect(all.getByText('The trash is empty.')).toBeVisible()
  expect(await h.listTrash()).toEqual([])
  expect(browserDialogs).toBe(0)
})

test('all notes shows when each item was made, sorts by it, and keeps its filter when left', async ({
  app,
  host,
}) => {
  const h = host.lectern.handlers
  await h.addNote({ articleId: ID, text: 'The older note' })
  await new Promise((r) => setTimeout(r, 20))
  await h.addNote({ articleId: '000_ba4c929e0bb2f9d7', text: 'The newer note' })
  await app.reload()
  await app.getByRole('button', { name: 'All notes' }).click()
  const all = app.getByRole('main', { name: 'All notes' })
  const items = all.getByRole('listitem')
  await expect(items).toHaveCount(2)
  await expect(items.locator('time')).toHaveCount(2)
  await all.getByRole('combobox', { name: 'Order' }).selectOption('newest')
  await expect(items.first()).toContainText('The newer note')
  await all.getByRole('combobox', { name: 'Order' }).selectOption('oldest')
  await expect(items.first()).toContainText('The older note')

  await all.getByRole('searchbox', { name: 'Filter notes by words' }).fill('newer')
  await expect(items).toHaveCount(1)
  await all.getByRole('button', { name: 'Back to the article' }).click()
  await app.getByRole('button', { name: 'All notes' }).click()
  await expect(all.getByRole('searchbox', { name: 'Filter notes by words' })).toHaveValue('newer')
  await expect(all.getByRole('combobox', { name: 'Order' })).toHaveValue('oldest')
  await expect(items).toHaveCount(1)
})
