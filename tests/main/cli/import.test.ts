import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main, run } from '../../../src/main/cli/run'

const PAGES = join(import.meta.dirname, '../../fixtures/import/pages')

describe('lectern import, remove, unremove', { timeout: 120_000 }, () => {
  it('imports files and folders, prints one JSON entry per file, and lists them after', async () => {
    const data = await mkdtemp(join(tmpdir(), 'lectern-cli-import-'))
    const out = JSON.parse(
      await main([
        'import',
        join(PAGES, 'clipped.md'),
        join(PAGES, 'saved-complete'),
        '--json',
        '--data-dir',
        data,
      ]),
    ) as Record<string, unknown>[]
    expect(out.map((r) => r.status)).toEqual(['imported', 'imported'])
    expect(out[0]).toMatchObject({
      file: join(PAGES, 'clipped.md'),
      title: 'Why cities plant trees',
      articleId: expect.stringMatching(/^a_[0-9a-f]{16}$/),
    })
    const list = JSON.parse(await main(['list', '--json', '--data-dir', data])) as { id: string }[]
    expect(list).toHaveLength(7)
    expect(list.map((a) => a.id)).toContain(out[0]?.articleId)
    const shown = JSON.parse(
      await main(['show', out[1]?.articleId as string, '--json', '--data-dir', data]),
    ) as { title: string; images: unknown[] }
    expect(shown.title).toBe('The river is rising')
    expect(shown.images).toHaveLength(1)

    // Again: nothing added, and said so.
    const again = JSON.parse(
      await main(['import', join(PAGES, 'clipped.md'), '--json', '--data-dir', data]),
    ) as Record<string, unknown>[]
    expect(again[0]).toMatchObject({ status: 'duplicate', articleId: out[0]?.articleId })
  })

  it('imports a PDF, and a scan as needing text recognition', async () => {
    const data = await mkdtemp(join(tmpdir(), 'lectern-cli-import-pdf-'))
    const pdfs = join(import.meta.dirname, '../../fixtures/import/pdf')
    const out = JSON.parse(
      await main([
        'import',
        join(pdfs, 'one-column.pdf'),
        join(pdfs, 'scanned.pdf'),
        '--json',
        '--data-dir',
        data,
      ]),
    ) as Record<string, unknown>[]
    expect(out.map((r) => [r.status, r.title])).toEqual([
      ['imported', 'The River in Spate'],
      ['imported', 'scanned'],
    ])
    const scan = JSON.parse(
      await main(['show', out[1]?.articleId as string, '--json', '--data-dir', data]),
    ) as { tags: string[]; paragraphs: string[] }
    expect(scan.tags).toEqual(['needs text recognition'])
    expect(scan.paragraphs[0]).toMatch(/needs text recognition \(OCR\)/)
  })

  it('exits 1 when some files failed, after importing the others', async () => {
    const data = await mkdtemp(join(tmpdir(), 'lectern-cli-import-'))
    const dir = await mkdtemp(join(tmpdir(), 'lectern-cli-files-'))
    await writeFile(join(dir, 'broken.html'), Buffer.alloc(100))
    const lines: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((s: string) => (lines.push(s), true)) as typeof process.stdout.write
    let code: number
    try {
      code = await run([
        'import',
        join(PAGES, 'notes-plain.md'),
        join(dir, 'broken.html'),
        '--data-dir',
        data,
      ])
    } finally {
      process.stdout.write = write
    }
    expect(code).toBe(1)
    const text = lines.join('')
    expect(text).toMatch(
      /imported\s+.*notes-plain\.md → a_[0-9a-f]{16} “Notes on the harbour walk”/,
    )
    expect(text).toMatch(/failed\s+.*broken\.html: not HTML despite its name: binary data/)
    expect(text).toMatch(/1 imported, 0 already there, 1 failed\./)
  })

  it('removes an imported article to the trash and brings it back; bundled ones are archived, not removed', async () => {
    const data = await mkdtemp(join(tmpdir(), 'lectern-cli-import-'))
    const [done] = JSON.parse(
      await main(['import', join(PAGES, 'mailing-list-post.txt'), '--json', '--data-dir', data]),
    ) as { articleId: string }[]
    const id = done!.articleId
    expect(await main(['remove', id, '--data-dir', data])).toMatch(
      /Moved “Frost dates for the coming season” to the trash/,
    )
    expect(await main(['list', '--data-dir', data])).not.toContain(id)
    expect(await main(['removed', '--data-dir', data])).toContain(id)
    expect(await main(['unremove', id, '--data-dir', data])).toMatch(/Brought back/)
    expect(await main(['list', '--data-dir', data])).toContain(id)
    await expect(main(['remove', '000_ba4c929e0bb2f9d7', '--data-dir', data])).rejects.toThrow(
      /archived, not removed/,
    )
  })
})
