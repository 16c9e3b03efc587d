import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestHost } from '../host/testHost'
import { test, expect } from './fixtures'

const HOSTILE = [
  '<script>window.__pwned = 1</script> A <b>bold</b> title',
  '',
  'First paragraph with <img src=x onerror="window.__pwned = 2"> an image tag and enough words to count as prose.',
  '',
  '<iframe src="https://example.com/"></iframe> <style>body { display: none }</style> javascript:alert(1) [link](javascript:alert(2)) and more words here.',
  '',
  'Hebrew: שָׁלוֹם עוֹלָם, Arabic: مرحبا بالعالم, emoji 👩‍👩‍👧 🇺🇦 and combining e\u0301 in one long paragraph of prose.',
].join('\n')

test('article text with markup, scripts and RTL is shown as text and runs nothing', async ({
  page,
}) => {
  const seeds = await mkdtemp(join(tmpdir(), 'lectern-hostile-'))
  await writeFile(join(seeds, '000_hostile.txt'), HOSTILE)
  const host = await startTestHost({ seedsDir: seeds })
  try {
    let dialogs = 0
    page.on('dialog', (d) => {
      dialogs++
      void d.dismiss()
    })
    await page.goto(host.url)
    const reader = page.getByRole('main', { name: 'Article' })
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText(
      '<script>window.__pwned = 1</script> A <b>bold</b> title',
    )
    await expect(reader.locator('p[data-paragraph="0"]')).toContainText(
      '<img src=x onerror="window.__pwned = 2">',
    )
    await expect(reader.locator('p[data-paragraph="1"]')).toContainText(
      '<iframe src="https://example.com/"></iframe>',
    )
    await expect(reader.locator('p[data-paragraph="2"]')).toContainText('שָׁלוֹם עוֹלָם')
    expect(
      await reader
        .locator('article script, article img, article iframe, article style, article b')
        .count(),
    ).toBe(0)
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined()
    expect(dialogs).toBe(0)

    // Searching it is safe too: the snippet is text with marked words.
    await page.getByRole('combobox', { name: 'Search all articles' }).fill('onerror')
    const option = page.getByRole('option').first()
    await expect(option).toContainText('<img src=x onerror=')
    expect(await option.locator('img').count()).toBe(0)
    await page.getByRole('combobox', { name: 'Search all articles' }).fill('שלום')
    await expect(page.getByRole('option').first().locator('mark')).toHaveText('שָׁלוֹם')
  } finally {
    await host.close()
  }
})
