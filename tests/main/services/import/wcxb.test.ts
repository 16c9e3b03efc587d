/**
 * Real pages with human ground truth (see tests/fixtures/import/wcxb/README.md): the text a
 * correct extraction must keep and the boilerplate it must drop.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportService } from '../../../../src/main/services/import/importService'
import { blocksToText } from '../../../../src/main/services/import/types'

const WCXB = join(import.meta.dirname, '../../../fixtures/import/wcxb')
const service = new ImportService({ timeoutMs: 120_000 })
afterAll(() => service.close())

const squash = (s: string): string => s.toLowerCase().replace(/[‘’]/g, "'").replace(/\s+/g, ' ')

interface Truth {
  url: string
  ground_truth: {
    title: string
    author: string | null
    publish_date: string | null
    with: string[]
    without: string[]
  }
}

describe('WCXB sample pages', { timeout: 120_000 }, () => {
  for (const [id, kind] of [
    ['0437', 'an article'],
    ['0684', 'a documentation page'],
    ['0541', 'a forum thread (every reply)'],
  ] as const) {
    it(`keeps the content of ${kind} and drops its boilerplate`, async () => {
      const truth = JSON.parse(await readFile(join(WCXB, `${id}.json`), 'utf8')) as Truth
      const bytes = gunzipSync(await readFile(join(WCXB, `${id}.html.gz`)))
      const a = await service.extractBytes(`${id}.html`, bytes)
      const text = squash(blocksToText(a.blocks))
      for (const snippet of truth.ground_truth.with) expect(text).toContain(squash(snippet))
      for (const snippet of truth.ground_truth.without) expect(text).not.toContain(squash(snippet))
      expect(a.title).toBe(truth.ground_truth.title)
      if (truth.ground_truth.publish_date) expect(a.published).toBe(truth.ground_truth.publish_date)
    })
  }
})
