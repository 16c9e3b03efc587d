/**
 * Pictures of the app as a reader sees it, light and dark, wide and narrow. They are
 * written to tests/screenshots/ (the README shows one) to be looked at, not compared.
 */
import { join } from 'node:path'
import { ROOT } from '../host/testHost'
import { test, expect } from './fixtures'

const sizes = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 900, height: 700 },
] as const

for (const scheme of ['light', 'dark'] as const) {
  for (const size of sizes) {
    test(`screenshot: reader, ${scheme}, ${size.width}×${size.height}`, async ({ page, host }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize(size)
      await page.goto(host.url)
      await page.getByRole('button', { name: /Close Relations/ }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Close Relations/)
      await page.evaluate(() => document.fonts.ready)
      await page.screenshot({
        path: join(ROOT, 'tests/screenshots', `reader-${scheme}-${size.name}.png`),
      })
    })
  }
  test(`screenshot: search results, ${scheme}`, async ({ page, host }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(host.url)
    await page.getByRole('combobox', { name: 'Search all articles' }).fill('israel drones')
    await expect(page.getByRole('option').first()).toBeVisible()
    await page.evaluate(() => document.fonts.ready)
    await page.screenshot({ path: join(ROOT, 'tests/screenshots', `search-${scheme}.png`) })
  })
}
