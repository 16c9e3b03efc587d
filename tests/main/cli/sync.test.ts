import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../../src/main/cli/run'
import type { Bookmark, Note } from '../../../src/shared/types'
import type { SyncStatus } from '../../../src/main/services/store/userStore'

const ID = '000_ba4c929e0bb2f9d7'
const temp = (name: string): Promise<string> => mkdtemp(join(tmpdir(), `lectern-cli-${name}-`))

describe('editing from a terminal, on two computers', () => {
  it('updates bookmarks and notes, and merges what another computer changed', async () => {
    const folder = await temp('data')
    const here = ['--data-dir', folder, '--state-dir', await temp('state-a'), '--json']
    const added = JSON.parse(
      await main(['bookmark', 'add', ID, '--paragraph', '2', '--tag', 'old', ...here]),
    ) as Bookmark
    const note = JSON.parse(await main(['note', 'add', ID, '--text', 'first', ...here])) as Note

    // A second computer: a copy of the folder, as a sync tool delivers it, its own state.
    const copy = await temp('copy')
    await cp(folder, copy, { recursive: true })
    const there = ['--data-dir', copy, '--state-dir', await temp('state-b'), '--json']

    const updated = JSON.parse(
      await main([
        'bookmark',
        'update',
        added.id,
        '--color',
        'red',
        '--tag',
        'new',
        '--untag',
        'old',
        ...here,
      ]),
    ) as Bookmark
    expect(updated).toMatchObject({ color: 'red', tags: ['new'] })
    await main(['note', 'update', note.id, '--text', 'from here', ...here])
    await main(['note', 'update', note.id, '--text', 'from there', '--tag', 'x', ...there])
    await main(['bookmark', 'update', added.id, '--note', 'noted there', ...there])

    // The second computer's log arrives in the first folder.
    await cp(join(copy, 'journal'), join(folder, 'journal'), { recursive: true, force: false })
    const bookmarks = JSON.parse(await main(['bookmarks', ...here])) as Bookmark[]
    expect(bookmarks).toHaveLength(1)
    expect(bookmarks[0]).toMatchObject({ color: 'red', tags: ['new'], note: 'noted there' })
    const [merged] = JSON.parse(await main(['notes', ...here])) as Note[]
    // Edited on both while apart: both versions kept, one shown, the other a conflict.
    expect([merged?.text, merged?.conflicts?.[0]?.text].sort()).toEqual(['from here', 'from there'])
    expect(merged?.tags).toEqual(['x'])

    const status = JSON.parse(await main(['sync-status', ...here])) as SyncStatus
    expect(status.computers).toHaveLength(2)
    expect(status.conflicts).toEqual([{ id: note.id, type: 'note', versions: 2 }])
    expect(await main(['sync-status', ...here.slice(0, -1)])).toMatch(/Conflicts waiting: note/)
  }, 60_000)
})
