/**
 * Purging (emptying the trash) on one computer while another, not having seen it, edits the
 * same item: the edit wins and the item comes back, whole; a purge that had seen every edit
 * holds. Either way, whatever order the logs arrive in.
 */
import { appendFile, copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  applyOp,
  emptyEntity,
  joinEntity,
  purged,
  type Entity,
} from '../../../../../src/main/services/store/journal/entities'
import { formatHlc } from '../../../../../src/main/services/store/journal/hlc'
import { openUserStore, type UserStore } from '../../../../../src/main/services/store/userStore'
import { makeTempDir, removeTempDirs } from '../fixtures'

afterEach(removeTempDirs)

interface Computer {
  dataDir: string
  stateDir: string
  store: UserStore
}

const open: Computer[] = []
afterEach(async () => {
  for (const pc of open.splice(0)) await pc.store.close()
})

async function computer(): Promise<Computer> {
  const dataDir = await makeTempDir()
  const stateDir = await makeTempDir()
  await mkdir(join(dataDir, 'journal'), { recursive: true })
  const pc = { dataDir, stateDir, store: await openUserStore(dataDir, { stateDir }) }
  open.push(pc)
  return pc
}

/** The sync tool: `from`'s log, as it is now, into `to`'s folder. */
async function deliver(from: Computer, to: Computer): Promise<void> {
  const name = `${from.store.device}.jsonl`
  await copyFile(join(from.dataDir, 'journal', name), join(to.dataDir, 'journal', name))
  await to.store.refresh()
}

/** Each computer's log to the other, the purging computer's (`a`) first or last. */
async function syncBoth(a: Computer, b: Computer, order: string): Promise<void> {
  const [first, second] = order === 'purger first' ? [a, b] : [b, a]
  await deliver(first, second)
  await deliver(second, first)
}

/** Closes and opens again: the snapshot is folded and read back. */
async function reopen(pc: Computer): Promise<void> {
  await pc.store.close()
  pc.store = await openUserStore(pc.dataDir, { stateDir: pc.stateDir })
}

const ID = 'note-1'
const KEY = `n:${ID}`
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString()

/** Two computers that both have the note, tagged, with the same text. */
async function twoWithNote(): Promise<[Computer, Computer]> {
  const a = await computer()
  const b = await computer()
  await a.store.save([
    {
      t: 'put',
      e: KEY,
      f: { id: ID, type: 'note', articleId: 'art', text: 'first', created: at(0), modified: at(0) },
    },
    { t: 'tags', e: KEY, add: ['kept'], rm: [] },
  ])
  await deliver(a, b)
  expect(b.store.data.notes.map((n) => n.text)).toEqual(['first'])
  return [a, b]
}

async function trashAndPurge(pc: Computer): Promise<void> {
  await pc.store.save([{ t: 'trash', e: KEY, at: at(5), seen: {} }])
  await pc.store.save([{ t: 'purge', e: KEY }])
  expect(pc.store.data.notes).toEqual([])
}

describe('an edit and a purge on two computers', () => {
  for (const order of ['purger first', 'editor first'] as const) {
    it(`an edit the purge had not seen brings the item back whole (${order})`, async () => {
      const [a, b] = await twoWithNote()
      await trashAndPurge(a)
      // The snapshot keeps the purged item's last state.
      await reopen(a)
      expect(a.store.data.notes).toEqual([])
      await b.store.save([{ t: 'put', e: KEY, f: { text: 'edited on b', modified: at(9) } }])

      await syncBoth(a, b, order)
      for (const pc of [a, b]) {
        expect(pc.store.data.notes).toEqual([
          {
            id: ID,
            type: 'note',
            articleId: 'art',
            text: 'edited on b',
            tags: ['kept'],
            created: at(0),
            modified: at(9),
          },
        ])
      }
      // Idempotent: the same logs again change nothing; nor does folding and reopening.
      await deliver(a, b)
      await deliver(b, a)
      await reopen(b)
      expect(b.store.data.notes).toEqual(a.store.data.notes)
    })

    it(`a purge that had seen the edit holds (${order})`, async () => {
      const [a, b] = await twoWithNote()
      await b.store.save([{ t: 'put', e: KEY, f: { text: 'edited on b', modified: at(9) } }])
      await deliver(b, a)
      await trashAndPurge(a)
      await syncBoth(a, b, order)
      for (const pc of [a, b]) expect(pc.store.data.notes).toEqual([])
      await reopen(a)
      expect(a.store.data.notes).toEqual([])
    })
  }

  it('a later purge that has seen the edit that brought it back removes it again', async () => {
    const [a, b] = await twoWithNote()
    await trashAndPurge(a)
    await b.store.save([{ t: 'put', e: KEY, f: { text: 'edited on b', modified: at(9) } }])
    await deliver(b, a)
    expect(a.store.data.notes.map((n) => n.text)).toEqual(['edited on b'])
    await a.store.save([{ t: 'purge', e: KEY }])
    await deliver(a, b)
    for (const pc of [a, b]) expect(pc.store.data.notes).toEqual([])
  })

  it('a purge logged without what it had seen (an older Lectern) is final', async () => {
    const [a, b] = await twoWithNote()
    // An older Lectern's log in the folder: its purge says nothing of what it had seen.
    const old = '0123456789ab'
    const record = { h: formatHlc(Date.now() + 1000, 0, old), o: [{ t: 'purge', e: KEY }] }
    await appendFile(join(a.dataDir, 'journal', `${old}.jsonl`), `${JSON.stringify(record)}\n`)
    await a.store.refresh()
    expect(a.store.data.notes).toEqual([])
    await b.store.save([{ t: 'put', e: KEY, f: { text: 'edited on b', modified: at(9) } }])
    await deliver(b, a)
    expect(a.store.data.notes).toEqual([])
    await reopen(a)
    expect(a.store.data.notes).toEqual([])
  })
})

describe('purges as the merge sees them', () => {
  const h = (time: number, device: string) => formatHlc(time, 0, device)
  const edit = (entity: Entity, time: number, device: string) =>
    applyOp(entity, KEY, { t: 'put', e: KEY, f: { text: `${device}${time}` } }, h(time, device))

  it('join and apply agree in any order, and a final purge stays final', () => {
    const seenAll = {
      t: 'purge' as const,
      e: KEY,
      seen: { aaaa: h(1, 'aaaa'), bbbb: h(2, 'bbbb') },
    }
    const seenLess = { t: 'purge' as const, e: KEY, seen: { aaaa: h(1, 'aaaa') } }
    const final = { t: 'purge' as const, e: KEY }
    const ops = [
      (e: Entity) => edit(e, 1, 'aaaa'),
      (e: Entity) => edit(e, 2, 'bbbb'),
      (e: Entity) => applyOp(e, KEY, seenLess, h(3, 'cccc')),
      (e: Entity) => applyOp(e, KEY, seenAll, h(4, 'aaaa')),
    ]
    const orders = [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [2, 0, 3, 1],
      [1, 3, 0, 2],
    ]
    const results = orders.map((order) => {
      const entity = emptyEntity()
      for (const i of order) ops[i]!(entity)
      return entity
    })
    for (const result of results) {
      expect(result).toEqual(results[0])
      expect(purged(result)).toBe(true)
    }
    // Split into two halves, each applied to its own copy, then joined.
    const left = emptyEntity()
    ops[0]!(left)
    ops[3]!(left)
    const right = emptyEntity()
    ops[1]!(right)
    ops[2]!(right)
    expect(joinEntity(structuredClone(left), right, 'n')).toEqual(results[0])
    expect(joinEntity(structuredClone(right), left, 'n')).toEqual(results[0])

    // Only the purge that had not seen b's edit: b's edit brings it back.
    const back = emptyEntity()
    ops[0]!(back)
    ops[1]!(back)
    ops[2]!(back)
    expect(purged(back)).toBe(false)
    // A purge with no `seen` beats it, whichever arrives first.
    const finalFirst = emptyEntity()
    applyOp(finalFirst, KEY, final, h(5, 'dddd'))
    joinEntity(finalFirst, back, 'n')
    const finalLast = structuredClone(back)
    applyOp(finalLast, KEY, final, h(5, 'dddd'))
    expect(finalFirst).toEqual(finalLast)
    expect(purged(finalLast)).toBe(true)
    edit(finalLast, 9, 'bbbb')
    expect(purged(finalLast)).toBe(true)
  })
})
