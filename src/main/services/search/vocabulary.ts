/**
 * The library's words in sorted order, for completing a word still being typed: a prefix is
 * a range found by binary search, and the range's commonest words are kept. Far smaller than
 * an index of every prefix, and as fast for a few thousand words in a range.
 */
export interface WordEntry {
  word: string
  id: number
  /** How many passages use the word's term. */
  uses: number
  /** The whole of a compound (il20): completed only when a compound is typed. */
  compound: boolean
}

export class SortedVocabulary {
  private readonly words: string[]
  private readonly ids: Int32Array
  private readonly uses: Int32Array
  private readonly compound: Uint8Array

  constructor(entries: WordEntry[]) {
    entries.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    this.words = entries.map((e) => e.word)
    this.ids = Int32Array.from(entries, (e) => e.id)
    this.uses = Int32Array.from(entries, (e) => e.uses)
    this.compound = Uint8Array.from(entries, (e) => (e.compound ? 1 : 0))
  }

  /** Index of the first word not before `prefix`. */
  private lowerBound(prefix: string): number {
    let lo = 0
    let hi = this.words.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.words[mid] as string) < prefix) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Whether any word starts with `prefix`. */
  has(prefix: string): boolean {
    return this.words[this.lowerBound(prefix)]?.startsWith(prefix) ?? false
  }

  /** Ids of at most `limit` words starting with `prefix`, the commonest first. */
  complete(prefix: string, compound: boolean, limit: number): number[] {
    const best: number[] = [] // positions, by uses descending
    for (let i = this.lowerBound(prefix); i < this.words.length; i++) {
      if (!(this.words[i] as string).startsWith(prefix)) break
      if ((this.compound[i] === 1) !== compound) continue
      const uses = this.uses[i] as number
      if (best.length === limit && uses <= (this.uses[best[limit - 1] as number] as number))
        continue
      let at = best.length
      while (at > 0 && (this.uses[best[at - 1] as number] as number) < uses) at--
      best.splice(at, 0, i)
      if (best.length > limit) best.pop()
    }
    return best.map((i) => this.ids[i] as number)
  }
}
