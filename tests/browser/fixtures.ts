/**
 * Browser-test fixtures: each test gets its own test host (real services, fresh data
 * folder) and a page on it. Any request the page makes outside the host fails the test.
 */
import { test as base, expect, type Page } from '@playwright/test'
import { hostOrigins, startTestHost, type TestHost } from '../host/testHost'

interface Fixtures {
  host: TestHost
  /** The app, loaded and showing its article list. */
  app: Page
  /** Requests the page tried to make outside the test host. */
  offHost: string[]
}

export const test = base.extend<Fixtures>({
  // Playwright fixtures take their dependencies as a destructured first argument.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startTestHost()
    await use(host)
    await host.close()
  },
  // eslint-disable-next-line no-empty-pattern
  offHost: async ({}, use) => {
    await use([])
  },
  // Depending on `host` keeps the host up until the page is done with it.
  page: async ({ page, host: _host, offHost }, use) => {
    await page.context().route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith('data:') || hostOrigins.has(new URL(url).origin)) return route.continue()
      offHost.push(url)
      return route.abort('blockedbyclient')
    })
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    await use(page)
    expect(offHost, 'the page requested something outside the test host').toEqual([])
    expect(errors, 'uncaught errors in the page').toEqual([])
  },
  app: async ({ page, host }, use) => {
    await page.goto(host.url)
    await expect(
      page
        .getByRole('navigation', { name: 'Articles' })
        .getByRole('listitem')
        .getByRole('button')
        .first(),
    ).toBeVisible()
    await use(page)
  },
})

export { expect }
