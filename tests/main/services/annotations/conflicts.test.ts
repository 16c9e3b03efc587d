import { copyFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/dispatch'
import { openLectern, type Lectern } from '../../../../src/main/lectern'
import { createApi } from '../../../../src/shared/reply'
import type { LecternApi } from '../../../../src/shared/contract'
import { anotherComputer, removeTempDirs, type OtherComputer } from '../store/fixtures'
import { SEEDS } from '../../seedLibrary'

const ID = '002_dac4dfd4f164a684'
const TEXT = 'Read the second half again.\n\nCompare with the interview.'
let dataDir: string
let stateDir: string
let lectern: Lectern
let api: LecternApi
let there: OtherComputer | undefined

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-conflicts-'))
  stateDir = await mkdtemp(join(tmpdir(), 'lectern-conflicts-state-'))
  lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: 'test', stateDir })
  api = createApi((name, args) => dispatch(lectern.handlers, name, args))
})
afterEach(async () => {
  await there?.close()
  there = undefined
  await lectern.close()
  await removeTempDirs()
})

/** A note edited here as `here` and on another computer as `elsewhere`, both from TEXT. */
async function editedApart(here: string, elsewhere: string): Promise<string> {
  const note = await api.addNote({ articleId: ID, text: TEXT })
  there = await anotherComputer(dataDir)
  await there.store.save([{ t: 'put', e: `n:${note.id}`, f: { text: elsewhere } }])
  await api.updateNote({ id: note.id, text: here })
  await there.deliverTo(dataDir)
  await lectern.store.refresh()
  return note.id
}

describe('getConflict and resolveConflict', () => {
  it('merge what does not overlap, with nothing to settle', async () => {
    const id = await editedApart(
      TEXT.replace('second half', 'second half, slowly,'),
      TEXT.replace('interview', 'radio interview'),
    )
    const [note] = (await api.listAnnotations({ articleId: ID })).notes
    expect(note?.text).toBe(
      'Read the second half, slowly, again.\n\nCompare with the radio interview.',
    )
    expect(await api.getConflict({ id })).toBeNull()
    await expect(api.resolveConflict({ id, keep: 'mine' })).rejects.toThrow(/no versions to settle/)
  })

  it('list both versions with their computers, times and base; an ordinary edit leaves them', async () => {
    const id = await editedApart(TEXT.replace('Read', 'Skim'), TEXT.replace('Read', 'Reread'))
    const conflict = await api.getConflict({ id })
    expect(conflict).toMatchObject({ id, type: 'note', base: TEXT })
    expect(conflict?.versions.map((v) => v.n)).toEqual([1, 2])
    const mine = conflict?.versions.find((v) => v.mine)
    const theirs = conflict?.versions.find((v) => !v.mine)
    expect(mine).toMatchObject({ text: TEXT.replace('Read', 'Skim'), device: lectern.store.device })
    expect(theirs).toMatchObject({
      text: TEXT.replace('Read', 'Reread'),
      device: there!.store.device,
    })
    expect(Date.parse(theirs!.at)).toBeGreaterThan(0)

    // Editing the shown text does not throw the other version away.
    const shown = conflict!.versions[0]!.text
    await api.updateNote({ id, text: `${shown}\n\nLater thought.` })
    expect((await api.getConflict({ id }))?.versions).toHaveLength(2)
  })

  it('settle for every computer: the choice is logged, and re-reading logs does not undo it', async () => {
    const id = await editedApart(TEXT.replace('Read', 'Skim'), TEXT.replace('Read', 'Reread'))
    await expect(api.resolveConflict({ id, keep: 3 })).rejects.toThrow(/no version 3/)
    await expect(
      dispatch(lectern.handlers, 'resolveConflict', { id, keep: 'mine', text: 'x' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    const settled = await api.resolveConflict({ id, keep: 'theirs' })
    expect(settled).toMatchObject({ text: TEXT.replace('Read', 'Reread') })
    expect(settled.conflicts).toBeUndefined()
    expect(lectern.store.syncStatus().conflicts).toEqual([])

    // The other computer reads this one's log: settled there too.
    const log = `${lectern.store.device}.jsonl`
    await copyFile(join(dataDir, 'journal', log), join(there!.dataDir, 'journal', log))
    await there!.store.refresh()
    expect(there!.store.data.notes[0]).toMatchObject({ text: TEXT.replace('Read', 'Reread') })
    expect(there!.store.data.notes[0]?.conflicts).toBeUndefined()

    // Reopened from disk, with the other's log read from the start: still settled.
    await there!.deliverTo(dataDir)
    await lectern.close()
    lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: 'test', stateDir })
    api = createApi((name, args) => dispatch(lectern.handlers, name, args))
    expect(await api.getConflict({ id })).toBeNull()
    expect(lectern.store.data.notes[0]?.text).toBe(TEXT.replace('Read', 'Reread'))
  })

  it("settle a bookmark's note with a given text", async () => {
    const b = await api.addBookmark({
      articleId: ID,
      position: { paragraph: 2, start: 0, end: 10 },
      note: 'Good point',
    })
    there = await anotherComputer(dataDir)
    await there.store.save([{ t: 'put', e: `b:${b.id}`, f: { note: 'Weak point' } }])
    await api.updateBookmark({ id: b.id, note: 'Key point' })
    await there.deliverTo(dataDir)
    await lectern.store.refresh()
    expect((await api.getConflict({ id: b.id }))?.type).toBe('bookmark')
    const settled = await api.resolveConflict({ id: b.id, text: 'Key but weak point' })
    expect(settled).toMatchObject({ type: 'bookmark', note: 'Key but weak point' })
    expect(await api.getConflict({ id: b.id })).toBeNull()
    await expect(api.getConflict({ id: 'nope' })).rejects.toThrow(/No bookmark or note/)
  })
})
