import { copyFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../../../src/main/cli/run'
import type { ConflictView, Note } from '../../../src/shared/types'
import type { SyncStatus } from '../../../src/main/services/store/userStore'
import { anotherComputer, removeTempDirs } from '../services/store/fixtures'

afterEach(removeTempDirs)

const ID = '000_ba4c929e0bb2f9d7'
const temp = (name: string): Promise<string> => mkdtemp(join(tmpdir(), `lectern-cli-${name}-`))
const PLAN = 'The plan: meet on Monday at the station.\n\nBring the maps and the tickets.'

describe('a note edited on two computers, from a terminal', () => {
  it('merges what it can, and settles the rest with note resolve, for every computer', async () => {
    const folder = await temp('data')
    const here = ['--data-dir', folder, '--state-dir', await temp('state'), '--json']
    const add = async (text: string): Promise<Note> =>
      JSON.parse(await main(['note', 'add', ID, '--text', text, ...here])) as Note
    const clash = await add(PLAN)
    const merges = await add(PLAN)

    const there = await anotherComputer(folder)
    try {
      const at = new Date().toISOString()
      await there.store.save([
        {
          t: 'put',
          e: `n:${clash.id}`,
          f: { text: PLAN.replace('Monday', 'Tuesday'), modified: at },
        },
        {
          t: 'put',
          e: `n:${merges.id}`,
          f: { text: PLAN.replace('maps', 'old maps'), modified: at },
        },
      ])
      await main(['note', 'update', clash.id, '--text', PLAN.replace('Monday', 'Friday'), ...here])
      await main(['note', 'update', merges.id, '--text', PLAN.replace('station', 'port'), ...here])
      await there.deliverTo(folder)

      // Different paragraphs: merged. The same word: both kept, one waiting to be settled.
      const notes = JSON.parse(await main(['notes', ...here])) as Note[]
      const merged = notes.find((n) => n.id === merges.id)
      expect(merged?.text).toBe(PLAN.replace('station', 'port').replace('maps', 'old maps'))
      expect(merged?.conflicts).toBeUndefined()
      const status = JSON.parse(await main(['sync-status', ...here])) as SyncStatus
      expect(status.conflicts).toEqual([{ id: clash.id, type: 'note', versions: 2 }])

      const versions = JSON.parse(
        await main(['note', 'versions', clash.id, ...here]),
      ) as ConflictView
      expect(versions.base).toBe(PLAN)
      expect(versions.versions.map((v) => [v.n, v.text, v.mine])).toEqual(
        expect.arrayContaining([
          [expect.any(Number), PLAN.replace('Monday', 'Friday'), true],
          [expect.any(Number), PLAN.replace('Monday', 'Tuesday'), false],
        ]),
      )
      const listed = await main(['note', 'versions', clash.id, ...here.slice(0, -1)])
      expect(listed).toMatch(/^1\. shown, /m)
      expect(listed).toMatch(/^2\. .*\n {4}The plan: meet on (Tuesday|Friday)/m)
      expect(listed).toContain('this computer')

      await expect(main(['note', 'resolve', clash.id, '--keep', '3', ...here])).rejects.toThrow(
        /no version 3: there are 2/,
      )
      await expect(main(['note', 'resolve', clash.id, ...here])).rejects.toThrow(/--keep/)
      const settled = JSON.parse(
        await main(['note', 'resolve', clash.id, '--keep', 'theirs', ...here]),
      ) as Note
      expect(settled.text).toBe(PLAN.replace('Monday', 'Tuesday'))
      expect(settled.conflicts).toBeUndefined()
      expect(await main(['sync-status', ...here.slice(0, -1)])).toMatch(/No conflicts waiting/)
      await expect(main(['note', 'resolve', clash.id, '--keep', 'mine', ...here])).rejects.toThrow(
        /no versions to settle/,
      )

      // The other computer reads the settlement; re-reading its log here brings nothing back.
      const name = `${(JSON.parse(await main(['sync-status', ...here])) as SyncStatus).device}.jsonl`
      await copyFile(join(folder, 'journal', name), join(there.dataDir, 'journal', name))
      await there.store.refresh()
      const theirs = there.store.data.notes.find((n) => n.id === clash.id)
      expect(theirs?.text).toBe(PLAN.replace('Monday', 'Tuesday'))
      expect(theirs?.conflicts).toBeUndefined()
      await there.deliverTo(folder)
      const again = JSON.parse(await main(['notes', ...here])) as Note[]
      expect(again.find((n) => n.id === clash.id)?.conflicts).toBeUndefined()
      expect((JSON.parse(await main(['sync-status', ...here])) as SyncStatus).conflicts).toEqual([])
    } finally {
      await there.close()
    }
  }, 60_000)

  it('settles with a text written by hand, merging both', async () => {
    const folder = await temp('data')
    const here = ['--data-dir', folder, '--state-dir', await temp('state'), '--json']
    const note = JSON.parse(
      await main(['note', 'add', ID, '--text', 'Meet at 9.', ...here]),
    ) as Note
    const there = await anotherComputer(folder)
    try {
      await there.store.save([{ t: 'put', e: `n:${note.id}`, f: { text: 'Meet at 10.' } }])
      await main(['note', 'update', note.id, '--text', 'Meet at 11.', ...here])
      await there.deliverTo(folder)
      const settled = JSON.parse(
        await main(['note', 'resolve', note.id, '--text', 'Meet at 10 or 11.', ...here]),
      ) as Note
      expect(settled).toMatchObject({ text: 'Meet at 10 or 11.' })
      expect(settled.conflicts).toBeUndefined()
      expect(await main(['note', 'versions', note.id, ...here.slice(0, -1)])).toMatch(
        /no versions to settle/,
      )
    } finally {
      await there.close()
    }
  }, 60_000)
})
