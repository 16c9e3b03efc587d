/**
 * Simulated computers, each with its own data folder and state folder, editing offline; a
 * simulated sync tool copies their logs between folders in random order, partly written,
 * duplicated and under sync tools' conflict-copy names. Once everything has arrived, every
 * computer shows the same data and nothing acknowledged is missing.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { openUserStore, type UserStore } from '../../../../../src/main/services/store/userStore'
import { makeTempDir, removeTempDirs } from '../fixtures'

afterEach(removeTempDirs)

const YEAR = 365 * 86_400_000
const CONFLICT_NAMES = [
  (stem: string) => `${stem}.sync-conflict-20261201-101010-ABCDEF7.jsonl`,
  (stem: string) => `${stem} (Ann's conflicted copy 2026-12-01).jsonl`,
  (stem: string) => `${stem} 2.jsonl`,
  (stem: string) => `${stem} (1).jsonl`,
]

type Action =
  | { pc: number; t: 'add'; note: number }
  | { pc: number; t: 'text'; note: number; text: string }
  | { pc: number; t: 'tag' | 'untag'; note: number; tag: string }
  | { pc: number; t: 'trash' | 'restore' | 'purge'; note: number }
  | { pc: number; t: 'sync'; to: number; how: 'whole' | 'part' | 'copy' | 'twice'; cut: number }

const action = (computers: number): fc.Arbitrary<Action> => {
  const pc = fc.nat(computers - 1)
  const note = fc.nat(3)
  return fc.oneof(
    fc.record({ pc, t: fc.constant('add' as const), note }),
    fc.record({ pc, t: fc.constant('text' as const), note, text: fc.string({ maxLength: 6 }) }),
    fc.record({
      pc,
      t: fc.constantFrom('tag' as const, 'untag' as const),
      note,
      tag: fc.constantFrom('x', 'y', 'z'),
    }),
    fc.record({
      pc,
      t: fc.constantFrom('trash' as const, 'restore' as const, 'purge' as const),
      note,
    }),
    fc.record({
      pc,
      t: fc.constant('sync' as const),
      to: fc.nat(computers - 1),
      how: fc.constantFrom('whole' as const, 'part' as const, 'copy' as const, 'twice' as const),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  )
}

interface Computer {
  dataDir: string
  stateDir: string
  store: UserStore
}

async function deliver(from: Computer, to: Computer, how: string, cut: number): Promise<void> {
  const name = `${from.store.device}.jsonl`
  const source = join(from.dataDir, 'journal', name)
  const target = join(to.dataDir, 'journal', name)
  const bytes = await readFile(source)
  if (how === 'part') await writeFile(target, bytes.subarray(0, Math.floor(bytes.length * cut)))
  else if (how === 'copy') {
    const naming = CONFLICT_NAMES[Math.floor(cut * CONFLICT_NAMES.length) % CONFLICT_NAMES.length]!
    await writeFile(join(to.dataDir, 'journal', naming(from.store.device)), bytes)
  } else {
    await copyFile(source, target)
    if (how === 'twice')
      await copyFile(source, join(to.dataDir, 'journal', `${from.store.device} 2.jsonl`))
  }
  await to.store.refresh()
}

async function run(computers: number, actions: Action[]): Promise<void> {
  const pcs: Computer[] = []
  for (let i = 0; i < computers; i++) {
    const dataDir = await makeTempDir()
    const stateDir = await makeTempDir()
    await mkdir(join(dataDir, 'journal'), { recursive: true })
    // Clocks a year apart.
    const skew = (i - 1) * YEAR
    pcs.push({
      dataDir,
      stateDir,
      store: await openUserStore(dataDir, { stateDir, now: () => Date.now() + skew }),
    })
  }
  const created = new Set<string>()
  const purged = new Set<string>()
  try {
    for (const act of actions) {
      const pc = pcs[act.pc]!
      const store = pc.store
      const id = `note-${'note' in act ? act.note : 0}`
      const exists = store.data.notes.find((n) => n.id === id)
      const at = new Date().toISOString()
      if (act.t === 'sync') {
        if (act.to !== act.pc) await deliver(pc, pcs[act.to]!, act.how, act.cut)
      } else if (act.t === 'add') {
        if (exists || created.has(id)) continue
        await store.save([
          {
            t: 'put',
            e: `n:${id}`,
            f: { id, type: 'note', articleId: 'a', text: '', created: at, modified: at },
          },
        ])
        created.add(id)
      } else if (!exists) {
        continue
      } else if (act.t === 'text') {
        await store.save([{ t: 'put', e: `n:${id}`, f: { text: act.text, modified: at } }])
      } else if (act.t === 'tag' || act.t === 'untag') {
        const op = act.t === 'tag' ? { add: [act.tag], rm: [] } : { add: [], rm: [act.tag] }
        await store.save([{ t: 'tags', e: `n:${id}`, ...op }])
      } else if (act.t === 'purge') {
        // Emptied from the trash: gone, unless an edit it had not seen brings it back.
        await store.save([{ t: 'purge', e: `n:${id}` }])
        purged.add(id)
      } else if (act.t === 'trash') {
        if (!exists.deleted) await store.save([{ t: 'trash', e: `n:${id}`, at, seen: {} }])
      } else if (!exists.deleted) {
        continue
      } else {
        await store.save([
          { t: 'untrash', e: `n:${id}` },
          { t: 'put', e: `n:${id}`, f: { modified: at } },
        ])
      }
    }
    // Everything arrives.
    for (const from of pcs)
      for (const to of pcs) if (from !== to) await deliver(from, to, 'whole', 1)
    const sorted = (pc: Computer): unknown =>
      [...pc.store.data.notes].sort((a, b) => a.id.localeCompare(b.id))
    for (const pc of pcs) {
      expect(sorted(pc)).toEqual(sorted(pcs[0]!))
      // Every note made is there, unless purged.
      const ids = new Set(pc.store.data.notes.map((n) => n.id))
      expect([...ids].filter((id) => !created.has(id))).toEqual([])
      expect([...created].filter((id) => !ids.has(id) && !purged.has(id))).toEqual([])
    }
    // Closing folds each folder; reopening from the snapshot gives the same.
    const before = sorted(pcs[0]!)
    await pcs[0]!.store.close()
    pcs[0]!.store = await openUserStore(pcs[0]!.dataDir, { stateDir: pcs[0]!.stateDir })
    expect(sorted(pcs[0]!)).toEqual(before)
    expect((await readdir(join(pcs[0]!.dataDir, 'journal'))).length).toBeGreaterThanOrEqual(
      computers,
    )
  } finally {
    for (const pc of pcs) await pc.store.close()
  }
}

describe('several computers, one data folder', () => {
  it('end equal, with nothing acknowledged missing, whatever the sync tool does (2 and 3 computers)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.array(action(3), { minLength: 4, maxLength: 30 }),
        (n, acts) =>
          run(
            n,
            acts.map(
              (a) =>
                ({ ...a, pc: a.pc % n, ...(a.t === 'sync' ? { to: a.to % n } : {}) }) as Action,
            ),
          ),
      ),
      { numRuns: 20 },
    )
  }, 120_000)
})

const PARAGRAPHS = ['One two three four.', 'Five six seven eight.', 'Nine ten eleven twelve.']

interface TextEdit {
  pc: number
  paragraph: number
  word: number
  to: string
}

/** The note's text on `pc` with one word replaced. */
function editText(text: string, edit: TextEdit): string {
  const paragraphs = text.split('\n\n')
  const words = (paragraphs[edit.paragraph] ?? '').split(' ')
  words[edit.word % words.length] = edit.to
  paragraphs[edit.paragraph] = words.join(' ')
  return paragraphs.join('\n\n')
}

async function concurrentEdits(
  computers: number,
  edits: TextEdit[],
  order: [number, number][],
): Promise<void> {
  const pcs: Computer[] = []
  for (let i = 0; i < computers; i++) {
    const dataDir = await makeTempDir()
    const stateDir = await makeTempDir()
    await mkdir(join(dataDir, 'journal'), { recursive: true })
    pcs.push({ dataDir, stateDir, store: await openUserStore(dataDir, { stateDir }) })
  }
  try {
    const at = new Date().toISOString()
    const f = { id: 'n1', type: 'note', articleId: 'a', text: PARAGRAPHS.join('\n\n') }
    await pcs[0]!.store.save([{ t: 'put', e: 'n:n1', f: { ...f, created: at, modified: at } }])
    for (const pc of pcs.slice(1)) await deliver(pcs[0]!, pc, 'whole', 1)
    // Each computer edits the note from the text they all share, while apart.
    for (const edit of edits) {
      const store = pcs[edit.pc]!.store
      const text = editText(store.data.notes[0]!.text, edit)
      await store.save([{ t: 'put', e: 'n:n1', f: { text, modified: at } }])
    }
    // Delivered in any order, then everything arrives.
    for (const [from, to] of order) if (from !== to) await deliver(pcs[from]!, pcs[to]!, 'whole', 1)
    for (const from of pcs)
      for (const to of pcs) if (from !== to) await deliver(from, to, 'whole', 1)
    const shown = pcs.map((pc) => pc.store.data.notes[0])
    for (const note of shown) expect(note).toEqual(shown[0])
    // One edit per computer, each in its own paragraph: all merged, nothing left as a conflict.
    const touched = new Set(edits.map((e) => e.paragraph))
    const one = new Set(edits.map((e) => e.pc))
    if (touched.size === edits.length && one.size === edits.length) {
      const expected = edits.reduce(editText, PARAGRAPHS.join('\n\n'))
      expect(shown[0]?.text).toBe(expected)
      expect(shown[0]?.conflicts).toBeUndefined()
    }
    // Reopened from its folded snapshot, a computer shows the same.
    await pcs[1]!.store.close()
    pcs[1]!.store = await openUserStore(pcs[1]!.dataDir, { stateDir: pcs[1]!.stateDir })
    expect(pcs[1]!.store.data.notes[0]).toEqual(shown[0])
  } finally {
    for (const pc of pcs) await pc.store.close()
  }
}

describe('one note edited on several computers from the same text', () => {
  it('merges or keeps both the same way on every computer, whatever the delivery order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.array(
          fc.record({
            pc: fc.nat(2),
            paragraph: fc.nat(2),
            word: fc.nat(3),
            to: fc.constantFrom('red', 'blue', 'שלום', '🙂'),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { maxLength: 6 }),
        (n, edits, order) =>
          concurrentEdits(
            n,
            edits.map((e) => ({ ...e, pc: e.pc % n })),
            order.map(([from, to]) => [from % n, to % n]),
          ),
      ),
      { numRuns: 25 },
    )
  }, 120_000)
})
