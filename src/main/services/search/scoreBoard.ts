/**
 * Score accumulators for ranking: one slot per passage in a typed array, so adding up a
 * posting costs an array write rather than a Map lookup, and only the passages touched
 * by a query are read back and cleared.
 */
export interface Ranked {
  /** The passage's id in its index. */
  id: number
  score: number
}

export class ScoreBoard {
  private scores = new Float64Array(1024)
  /** Scores as they stood at `hold()`, for `capGrowth`. */
  private held = new Float64Array(1024)
  private heldCount = 0
  private best = new Float64Array(1024)
  private touched = new Int32Array(1024)
  private count = 0
  private groupIds = new Int32Array(1024)
  private groupCount = 0

  /** Makes room for passage ids below `size`. */
  ensure(size: number): void {
    if (size <= this.scores.length) return
    const length = Math.max(size, this.scores.length * 2)
    this.scores = grown(this.scores, new Float64Array(length))
    this.held = grown(this.held, new Float64Array(length))
    this.best = grown(this.best, new Float64Array(length))
    this.touched = grown(this.touched, new Int32Array(length))
    this.groupIds = grown(this.groupIds, new Int32Array(length))
  }

  /** Adds `score` to each passage of `ids`. */
  add(ids: ArrayLike<number>, score: number): number {
    const scores = this.scores
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number
      if (scores[id] === 0) this.touched[this.count++] = id
      scores[id] = (scores[id] as number) + score
    }
    return ids.length
  }

  /** Adds `score` to the passages of `ids` that `within` marks with 1, and to no other. */
  addWithin(ids: ArrayLike<number>, score: number, within: Uint8Array): number {
    const scores = this.scores
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number
      if (within[id] !== 1) continue
      if (scores[id] === 0) this.touched[this.count++] = id
      scores[id] = (scores[id] as number) + score
    }
    return ids.length
  }

  /** Adds `score` to the passages of `ids` that have a score already, and to no other. */
  addToScored(ids: ArrayLike<number>, score: number): number {
    const scores = this.scores
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number
      if (scores[id] !== 0) scores[id] = (scores[id] as number) + score
    }
    return ids.length
  }

  /** As `addBest`, for the passages `within` marks with 1 only. */
  addBestWithin(ids: ArrayLike<number>, score: number, within: Uint8Array): number {
    const best = this.best
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number
      if (within[id] !== 1) continue
      if (best[id] === 0) this.groupIds[this.groupCount++] = id
      if (score > (best[id] as number)) best[id] = score
    }
    return ids.length
  }

  /** Within a group of alternatives (a prefix's expansions), a passage keeps its best score. */
  addBest(ids: ArrayLike<number>, score: number): number {
    const best = this.best
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number
      if (best[id] === 0) this.groupIds[this.groupCount++] = id
      if (score > (best[id] as number)) best[id] = score
    }
    return ids.length
  }

  /** Folds the current group into the scores. */
  closeGroup(): void {
    for (let i = 0; i < this.groupCount; i++) {
      const id = this.groupIds[i] as number
      if (this.scores[id] === 0) this.touched[this.count++] = id
      this.scores[id] = (this.scores[id] as number) + (this.best[id] as number)
      this.best[id] = 0
    }
    this.groupCount = 0
  }

  /** Marks a passage as a candidate even though nothing scored it (phrase-only queries). */
  touch(id: number): void {
    if (this.scores[id] === 0) {
      this.touched[this.count++] = id
      this.scores[id] = Number.MIN_VALUE
    }
  }

  /** Remembers every score as it stands, for `capGrowth`. */
  hold(): void {
    for (let i = 0; i < this.count; i++) {
      const id = this.touched[i] as number
      this.held[id] = this.scores[id] as number
    }
    this.heldCount = this.count
  }

  /**
   * Limits what was added since `hold()` to `ratio` of each passage's score then: passages
   * with no score then are dropped, and none gains more than that share of its own score.
   */
  capGrowth(ratio: number): void {
    let kept = 0
    for (let i = 0; i < this.count; i++) {
      const id = this.touched[i] as number
      const held = i < this.heldCount ? (this.held[id] as number) : 0
      this.held[id] = 0
      if (held === 0) {
        this.scores[id] = 0
        continue
      }
      this.scores[id] = Math.min(this.scores[id] as number, held * (1 + ratio))
      this.touched[kept++] = id
    }
    this.count = kept
    this.heldCount = 0
  }

  /** How many passages have a score. */
  get size(): number {
    return this.count
  }

  /** Drops the passages `keep` turns down, as if nothing had scored them. */
  retain(keep: (id: number) => boolean): void {
    let kept = 0
    for (let i = 0; i < this.count; i++) {
      const id = this.touched[i] as number
      if (keep(id)) this.touched[kept++] = id
      else this.scores[id] = 0
    }
    this.count = kept
  }

  /** Drops the passages scoring below `least`, as if nothing had scored them. */
  keepAtLeast(least: number): void {
    let kept = 0
    for (let i = 0; i < this.count; i++) {
      const id = this.touched[i] as number
      if ((this.scores[id] as number) >= least) this.touched[kept++] = id
      else this.scores[id] = 0
    }
    this.count = kept
  }

  /** The `k` best passages so far, best first (ties by id); the scores stay. */
  peek(k: number): Ranked[] {
    const heap = new MinHeap(k)
    const scores = this.scores
    // Once the heap is full, most passages score below its least and need no offer.
    let least = -Infinity
    for (let i = 0; i < this.count; i++) {
      const id = this.touched[i] as number
      const score = scores[id] as number
      if (score < least) continue
      heap.offer(id, score)
      if (heap.full) least = heap.least
    }
    return heap.drain()
  }

  /** The `k` best passages, best first (ties by id), and clears the board for the next query. */
  take(k: number): Ranked[] {
    const best = this.peek(k)
    for (let i = 0; i < this.count; i++) this.scores[this.touched[i] as number] = 0
    this.count = 0
    return best
  }
}

/** `into`, holding `from`'s values first. */
function grown<T extends Float64Array | Int32Array>(from: T, into: T): T {
  into.set(from)
  return into
}

/** Keeps the k largest scores seen; a score ties to the lower id. */
class MinHeap {
  private readonly ids: number[] = []
  private readonly scores: number[] = []
  constructor(private readonly k: number) {}

  get full(): boolean {
    return this.ids.length >= this.k
  }

  /** The least score kept. */
  get least(): number {
    return this.scores[0] as number
  }

  private less(a: number, b: number): boolean {
    const sa = this.scores[a] as number
    const sb = this.scores[b] as number
    return sa < sb || (sa === sb && (this.ids[a] as number) > (this.ids[b] as number))
  }

  offer(id: number, score: number): void {
    if (this.k <= 0) return
    if (this.ids.length < this.k) {
      this.ids.push(id)
      this.scores.push(score)
      this.up(this.ids.length - 1)
      return
    }
    const top = this.scores[0] as number
    if (score < top || (score === top && id > (this.ids[0] as number))) return
    this.ids[0] = id
    this.scores[0] = score
    this.down(0)
  }

  drain(): Ranked[] {
    const out = this.ids.map((id, i) => ({ id, score: this.scores[i] as number }))
    return out.sort((a, b) => b.score - a.score || a.id - b.id)
  }

  private swap(a: number, b: number): void {
    const id = this.ids[a] as number
    this.ids[a] = this.ids[b] as number
    this.ids[b] = id
    const score = this.scores[a] as number
    this.scores[a] = this.scores[b] as number
    this.scores[b] = score
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) return
      this.swap(i, parent)
      i = parent
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let least = i
      if (l < this.ids.length && this.less(l, least)) least = l
      if (r < this.ids.length && this.less(r, least)) least = r
      if (least === i) return
      this.swap(i, least)
      i = least
    }
  }
}
