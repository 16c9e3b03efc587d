/** The app's panes and a few steps every reader takes, as the browser tests find them. */
import { expect, type Page } from '@playwright/test'

export const reader = (page: Page) => page.getByRole('main', { name: 'Article' })
export const notes = (page: Page) => page.getByRole('complementary', { name: 'Notes' })

/** Opens an article from the library list and waits for its title. */
export async function openArticle(page: Page, title: RegExp): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: title })
    .click()
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(title)
}

/** The texts of the ranges drawn under one CSS highlight name. */
export const highlighted = (page: Page, name: string) =>
  page.evaluate((n) => [...(CSS.highlights.get(n) ?? [])].map((r) => (r as Range).toString()), name)
