import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractText } from '../../../../src/main/services/import/text/extractText'
import { blocksToText, ImportError } from '../../../../src/main/services/import/types'

const PAGES = join(import.meta.dirname, '../../../fixtures/import/pages')

describe('plain-text extractor', () => {
  it('reads a saved mailing-list post with the seed rules', async () => {
    const a = extractText({ bytes: await readFile(join(PAGES, 'mailing-list-post.txt')) })
    expect(a).toMatchObject({
      format: 'text',
      title: 'Frost dates for the coming season',
      author: 'Tom Greene',
      siteName: 'Gardeners mailing list',
      published: '2024-03-04',
      direction: 'ltr',
    })
    const text = blocksToText(a.blocks)
    expect(text).toContain('three of the last ten springs had a hard frost in early May')
    expect(text).not.toContain('More information about the Gardeners mailing list')
  })

  it('reads windows-1252 text that is not valid UTF-8', () => {
    const bytes = Uint8Array.from(
      Buffer.from(
        'Caf\xe9 notes\n\nThe caf\xe9 opens at nine every morning, even on Sundays.\n',
        'latin1',
      ),
    )
    const a = extractText({ bytes })
    expect(a.title).toBe('Café notes')
    expect(blocksToText(a.blocks)).toContain('The café opens at nine')
  })

  it('says a file of blank lines is empty', () => {
    expect(() => extractText({ bytes: new TextEncoder().encode('\n \n\t\n') })).toThrow(ImportError)
  })
})
