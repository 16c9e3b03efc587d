import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  openPassageTexts,
  TEXTS_INDEX,
  type ArticleTexts,
  type PassageTexts,
} from '../../../../src/main/services/search/passageTexts'

const article = (id: string, ...paragraphs: string[]): ArticleTexts => ({
  id,
  words: paragraphs.join(' ').split(/\s+/).length,
  paragraphs,
})
const a1 = article('a1', 'Flutter of a swept wing.', '', 'Ça va, «naïve» café — 東京 🚀.')
const a2 = article('a2', 'The boundary layer thickens downstream.')

let dir: string
let problems: string[]
const opened: PassageTexts[] = []
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lectern-texts-'))
  problems = []
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()))
  await rm(dir, { recursive: true, force: true })
})

async function open(options: { readOnly?: boolean; minGarbageBytes?: number } = {}) {
  const texts = await openPassageTexts(dir, { ...options, log: (m) => problems.push(m) })
  opened.push(texts)
  return texts
}
async function close(texts: PassageTexts): Promise<void> {
  opened.splice(opened.indexOf(texts), 1)
  await texts.close()
}
const all = (texts: PassageTexts, a: ArticleTexts): (string | undefined)[] =>
  a.paragraphs.map((_, p) => texts.textOf(a.id, p))
const binOf = async (): Promise<string> =>
  (await readdir(dir)).find((n) => n.endsWith('.bin')) as string

describe('paragraph texts beside the index', () => {
  it('never gives a paragraph read lately once its article is forgotten or kept anew', async () => {
    const texts = await open()
    texts.keep(a1)
    texts.keep(a2)
    await texts.save()
    expect(all(texts, a1)).toEqual(a1.paragraphs)
    expect(all(texts, a1)).toEqual(a1.paragraphs)
    texts.forget(['a1'])
    expect(all(texts, a1)).toEqual([undefined, undefined, undefined])
    const changed = article('a2', 'The boundary layer separates.')
    expect(texts.textOf('a2', 0)).toBe(a2.paragraphs[0])
    texts.keep(changed)
    expect(texts.textOf('a2', 0)).toBe(changed.paragraphs[0])
  })

  it('gives back what was kept, before and after it is saved and opened again', async () => {
    const texts = await open()
    texts.keep(a1)
    texts.keep(a2)
    expect(all(texts, a1)).toEqual(a1.paragraphs)
    await texts.spill()
    expect(all(texts, a1)).toEqual(a1.paragraphs)
    await close(texts)

    const again = await open()
    expect(all(again, a1)).toEqual(a1.paragraphs)
    expect(all(again, a2)).toEqual(a2.paragraphs)
    expect(again.holds('a1', a1.words)).toBe(true)
    expect(again.holds('a1', a1.words + 1)).toBe(false)
    expect(again.textOf('a1', 3)).toBeUndefined()
    expect(again.textOf('nope', 0)).toBeUndefined()
    expect(problems).toEqual([])
  })

  it('forgets articles that went or changed, and what the library no longer has', async () => {
    const texts = await open()
    texts.keep(a1)
    texts.keep(a2)
    await texts.save()
    texts.forget(['a1'])
    expect(texts.textOf('a1', 0)).toBeUndefined()
    await close(texts)

    const again = await open()
    expect(again.textOf('a1', 0)).toBeUndefined()
    // a2 changed (another word count) and a3 came while the texts were not looking.
    expect(
      again.retain(
        new Map([
          ['a2', a2.words + 3],
          ['a3', 5],
        ]),
      ),
    ).toEqual(['a2', 'a3'])
    expect(again.textOf('a2', 0)).toBeUndefined()
  })

  it('reads a damaged paragraph from nowhere: it says so and forgets the article', async () => {
    const texts = await open()
    texts.keep(a1)
    texts.keep(a2)
    await close(texts)
    const bin = join(dir, await binOf())
    const bytes = await readFile(bin)
    bytes[0] = (bytes[0] as number) ^ 0x20 // "Flutter" → "flutter"
    await writeFile(bin, bytes)

    const again = await open()
    expect(again.textOf('a1', 0)).toBeUndefined()
    expect(problems.join()).toMatch(/a1 are damaged/)
    expect(again.holds('a1', a1.words)).toBe(false)
    expect(all(again, a2)).toEqual(a2.paragraphs)
  })

  it('starts afresh when its index is damaged or names texts that are not there', async () => {
    const texts = await open()
    texts.keep(a1)
    await close(texts)
    const index = join(dir, TEXTS_INDEX)
    const good = await readFile(index)

    const cut = good.subarray(0, good.length - 3)
    await writeFile(index, cut)
    const damaged = await open()
    expect(damaged.textOf('a1', 0)).toBeUndefined()
    expect(problems.join()).toMatch(/rebuilt: the index of texts is damaged/)
    damaged.keep(a2)
    await close(damaged)
    expect(all(await open(), a2)).toEqual(a2.paragraphs)

    await Promise.all(opened.splice(0).map((t) => t.close()))
    await rm(join(dir, await binOf()))
    problems = []
    const missing = await open()
    expect(missing.textOf('a2', 0)).toBeUndefined()
    expect(problems.join()).toMatch(/rebuilt/)
  })

  it('copies the live texts to a new file once removed ones are most of it', async () => {
    const texts = await open({ minGarbageBytes: 0 })
    const many = Array.from({ length: 40 }, (_, i) =>
      article(`m${i}`, `Paragraph ${i} `.repeat(50)),
    )
    for (const a of many) texts.keep(a)
    await texts.save()
    const first = await binOf()
    texts.forget(many.slice(0, 30).map((a) => a.id))
    await texts.save()
    expect(await binOf()).not.toBe(first)
    expect((await readdir(dir)).filter((n) => n.endsWith('.bin'))).toHaveLength(1)
    for (const a of many.slice(30)) expect(all(texts, a)).toEqual(a.paragraphs)
    await close(texts)
    const again = await open()
    for (const a of many.slice(30)) expect(all(again, a)).toEqual(a.paragraphs)
    expect(again.textOf('m0', 0)).toBeUndefined()
  })

  it('writes nothing when read-only', async () => {
    const texts = await open({ readOnly: true })
    texts.keep(a1)
    expect(texts.textOf('a1', 0)).toBeUndefined()
    await close(texts)
    expect(await readdir(dir)).toEqual([])
  })
})
