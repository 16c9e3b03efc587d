import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../../src/main/cli/run'

const FIXTURES = join(import.meta.dirname, '../../fixtures/import')

describe('lectern extract and import: books, web archives, exports', { timeout: 180_000 }, () => {
  it('extract: an EPUB with its outline, a web archive, each article of an export', async () => {
    const epub = join(FIXTURES, 'epub/vertical-japanese.epub')
    const mhtml = join(FIXTURES, 'mhtml/keepers-log.mhtml')
    const zip = join(FIXTURES, 'archives/omnivore-export.zip')
    const out = JSON.parse(await main(['extract', epub, mhtml, zip, '--json'])) as {
      file: string
      title?: string
      text?: string
      outline?: { title: string; block: number }[]
      error?: string
    }[]
    expect(out.map((r) => r.file)).toEqual([
      epub,
      mhtml,
      `${zip} › the-keepers-winter-log-18c1f1e2a3b`,
      `${zip} › river-rising-18c1f1e2a3c`,
      `${zip} › a-link-without-its-page-18c1f1e2a3d`,
    ])
    expect(out[0]).toMatchObject({ title: '雨ニモマケズ' })
    expect(out[0]?.outline?.map((o) => o.title)).toEqual(['一', '二', '二の後半'])
    expect(out[1]?.title).toBe('The keeper’s winter log')
    expect(out[2]?.text).toContain('almost companionable')
    expect(out[4]?.text).toMatch(/not available offline/)
  })

  it('import: an EPUB and a Pocket list, each article of the list on its own line', async () => {
    const data = await mkdtemp(join(tmpdir(), 'lectern-cli-books-'))
    const epub = join(FIXTURES, 'epub/trees.epub')
    const csv = join(FIXTURES, 'archives/pocket.csv')
    // One row of the list has no address: it is named, and the list itself is imported.
    const stdout = await main(['import', epub, csv, '--data-dir', data])
    expect(stdout).toMatch(/^imported {3}.*trees\.epub → a_[0-9a-f]{16} “Trees”/m)
    expect(stdout).toMatch(
      /^ {2}imported {3}.*pocket\.csv › row 2 → a_[0-9a-f]{16} “How to Fix a Bicycle Chain”/m,
    )
    expect(stdout).toMatch(/^ {2}failed {5}.*pocket\.csv › row 4: no web address/m)
    const list = JSON.parse(await main(['list', '--json', '--data-dir', data])) as {
      title: string
    }[]
    expect(list.map((a) => a.title)).toEqual(
      expect.arrayContaining(['Trees', 'Quoted, with a comma']),
    )
  })
})
