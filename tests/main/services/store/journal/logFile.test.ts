import { readFile, truncate, writeFile, appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseLogBytes, readLog } from '../../../../../src/main/services/store/journal/logFile'
import { openUserStore } from '../../../../../src/main/services/store/userStore'
import { makeTempDir, removeTempDirs } from '../fixtures'

afterEach(removeTempDirs)

const note = (i: number): Record<string, unknown> => ({
  id: `n${i}`,
  type: 'note',
  articleId: 'a',
  text: `note ${i} ✓`,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
})

async function folderWithNotes(
  count: number,
): Promise<{ dataDir: string; stateDir: string; log: string }> {
  const dataDir = await makeTempDir()
  const stateDir = await makeTempDir()
  const store = await openUserStore(dataDir, { stateDir })
  for (let i = 0; i < count; i++) await store.save([{ t: 'put', e: `n:n${i}`, f: note(i) }])
  const log = join(dataDir, 'journal', `${store.device}.jsonl`)
  // Closed without folding: the snapshot is not written, only the log holds the notes.
  await (store as unknown as { writer: { close(): Promise<void> } }).writer.close()
  await (store as unknown as { lock: { release(): Promise<void> } }).lock.release()
  return { dataDir, stateDir, log }
}

describe('a change log cut short', () => {
  it('keeps exactly the records before a cut at every byte of its last three records, padded or not', async () => {
    const { log } = await folderWithNotes(6)
    const bytes = await readFile(log)
    const whole = parseLogBytes(bytes)
    expect(whole.stopped).toBeNull()
    const ends = [0]
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) ends.push(i + 1)
    const lastThreeStart = ends[ends.length - 4] as number
    for (let cut = lastThreeStart; cut < bytes.length; cut++) {
      const wholeBefore = ends.filter((end) => end <= cut).length - 1
      for (const padding of [
        Buffer.alloc(0),
        Buffer.alloc(37),
        Buffer.from('\u0007garbage{"h":'),
      ]) {
        const read = parseLogBytes(Buffer.concat([bytes.subarray(0, cut), padding]))
        expect(read.records).toEqual(whole.records.slice(0, wholeBefore))
        expect(read.end).toBe(ends[wholeBefore])
      }
    }
  })

  it("cuts this computer's damaged tail at open, keeps it aside, says so, and saves on after it", async () => {
    const { dataDir, stateDir, log } = await folderWithNotes(4)
    const size = (await readFile(log)).length
    await truncate(log, size - 5)
    await appendFile(log, Buffer.alloc(64))
    const store = await openUserStore(dataDir, { stateDir })
    try {
      expect(store.data.notes.map((n) => n.id)).toEqual(['n0', 'n1', 'n2'])
      expect(store.recovery?.problem).toMatch(/unfinished or damaged save/)
      expect((await readFile(store.recovery?.movedTo ?? '')).length).toBeGreaterThan(64)
      await store.save([{ t: 'put', e: 'n:n9', f: note(9) }])
      const read = await readLog(log)
      expect(read.stopped).toBeNull()
      expect(read.records.at(-1)?.o[0]).toMatchObject({ e: 'n:n9' })
    } finally {
      await store.close()
    }
    const again = await openUserStore(dataDir, { stateDir })
    expect(again.data.notes.map((n) => n.id)).toEqual(['n0', 'n1', 'n2', 'n9'])
    expect(again.recovery).toBeNull()
    await again.close()
  })

  it("waits for another computer's half-written last record instead of failing", async () => {
    const { dataDir, log } = await folderWithNotes(3)
    const other = await makeTempDir()
    const bytes = await readFile(log)
    const name = log.slice(log.lastIndexOf('/') + 1)
    const otherLog = join(other, 'journal', name)
    const { mkdir } = await import('node:fs/promises')
    await mkdir(join(other, 'journal'), { recursive: true })
    await writeFile(otherLog, bytes.subarray(0, bytes.length - 10))
    const reader = await openUserStore(other, { stateDir: await makeTempDir() })
    try {
      expect(reader.data.notes.map((n) => n.id)).toEqual(['n0', 'n1'])
      expect(reader.recovery).toBeNull()
      await writeFile(otherLog, bytes)
      expect(await reader.refresh()).toBe(1)
      expect(reader.data.notes.map((n) => n.id)).toEqual(['n0', 'n1', 'n2'])
    } finally {
      await reader.close()
    }
    void dataDir
  })
})
