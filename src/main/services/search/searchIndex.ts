/**
 * Passage-level search ranked like BM25F, at FlexSearch speed.
 *
 * FlexSearch holds the inverted index, with its `resolution` slots used as impact levels:
 * each (term, passage) posting is filed under its quantised BM25F term weight, computed
 * as the passage is added (title and body fields, saturation, length normalisation). A
 * query then reads each term's postings slot by slot, already sorted from strongest to
 * weakest, multiplies by the term's idf and adds them up in a typed-array score board
 * ("score-at-a-time"). Every passage sharing a word with the question is ranked — OR
 * semantics — and on a very large index the weakest slots of the commonest words are
 * skipped once enough postings have been read, which changes scores only in the tail.
 * The vocabulary, kept sorted, expands a word still being typed into the library's
 * commonest words that start with it.
 */
import { Index } from 'flexsearch'
import type { Article, SearchHit } from '../../../shared/types'
import { indexTerms, scan, termOf, wordsOf } from './analyzer'
import { MIN_PREFIX, parseQuery, type ParsedQuery } from './parseQuery'
import { ScoreBoard, type Ranked } from './scoreBoard'
import { SortedVocabulary } from './vocabulary'
import { SpellingVocabulary } from './spelling'
import { Passages, type SearchDocument, type TextOf } from './passages'
import { PairCollector, phrasePairs } from './phrasePairs'

export type { SearchDocument, TextOf }
import { makeSnippet } from './snippet'

/**
 * How terms are weighed; the defaults were chosen by their mean over the Cranfield and CACM
 * collections (`npm run bench`), never by one of them.
 */
export interface Tuning {
  /** BM25 saturation: how fast repeating a word stops adding to a passage's score. */
  k1: number
  /** Length normalisation of the body and of the title (0 = none, 1 = full). */
  bodyB: number
  titleB: number
  /** A title word counts as this many body words (the BM25F field weight). */
  titleWeight: number
  /**
   * Pseudo-relevance feedback for questions of at least `feedbackMinTerms` words: the
   * `feedbackTerms` words that best characterise the `feedbackPassages` best passages
   * join the query at up to `feedbackWeight` of a query word's weight. What they add to a
   * passage is at most `feedbackCap` of its score for the reader's own words, so feedback
   * reorders passages of like relevance but never lifts one that matched only common words
   * (or none) over one that matched the question's rare words.
   */
  feedbackMinTerms: number
  feedbackPassages: number
  feedbackTerms: number
  feedbackWeight: number
  feedbackCap: number
}

export const DEFAULT_TUNING: Tuning = {
  k1: 2.5,
  bodyB: 0.75,
  titleB: 1,
  titleWeight: 3,
  feedbackMinTerms: 4,
  feedbackPassages: 5,
  feedbackTerms: 12,
  feedbackWeight: 0.5,
  feedbackCap: 0.5,
}

/** How much a compound written whole (Il-20) adds beside its parts (il, 20). */
const WHOLE_WEIGHT = 1
/** Impact levels, i.e. FlexSearch resolution slots: slot 0 holds the strongest postings. */
const LEVELS = 32
/** What `warm` prepares: a word list, or one kind of search. */
export type Warming = 'completion' | 'spelling' | (typeof WARM_SEARCHES)[number]
/**
 * A question, a quoted phrase, a word being typed and misspelt words, made of the index's
 * commonest words, their answers thrown away. Each kind of search runs code of its own (the
 * phrase's filters and checks, the prefix's alternatives, the spelling's edit distances),
 * which the runtime compiles once it has run: searched once, before the reader's first
 * search of that kind rather than during it.
 */
export const WARM_SEARCHES = ['question', 'phrase', 'prefix', 'misspellings'] as const
/** Words of the searches that prepare the code of each kind of search. */
const WARM_WORDS = 5
/** How many vocabulary words a typed prefix may stand for. */
const MAX_EXPANSIONS = 32
/** Terms whose postings are kept at hand between queries. */
const MAX_LOOKUPS = 50_000
/** Passages waiting to be filed at most; by then a library's average lengths are settled. */
const FILE_EVERY = 8_192
/** Passages whose feedback terms are kept at hand between queries. */
const MAX_FEEDBACK_PASSAGES = 2_000
/** Postings a query reads at least before skipping weak slots (see `rank`). */
const MIN_BUDGET = 120_000
/** The same while a word is still being typed: an answer per keystroke must come at once. */
const TYPEAHEAD_BUDGET = 8_000
/**
 * Passages a phrase is looked for in, best first, when texts are read from the library: each
 * may be a read from disk, and a phrase's answers are among the passages with its words.
 */
const MAX_PHRASE_CHECKS = 1_000

/** A passage's words, kept only until it is filed in FlexSearch. */
interface Pending {
  id: number
  body: Map<string, number>
  bodyLength: number
  title: Map<string, number>
  titleLength: number
}

/** A term's postings as read from FlexSearch: the non-empty impact slots, strongest first. */
interface Level {
  weight: number
  ids: ArrayLike<number>
}

/** A term's postings by impact slot; a slot may be empty. */
type Slots = (ArrayLike<number> | undefined)[]
interface Postings {
  levels: Level[]
  count: number
  idf: number
}

/** A term to look up, with its weight; a prefix's expansions are alternatives to each other. */
interface Asked {
  term: string
  weight: number
  alternative: boolean
}

export interface RankedPassage extends Ranked {
  passage: SearchDocument
}

/** A field's terms with how often each occurs, and its length in words. */
interface Field {
  counts: Map<string, number>
  length: number
}
const NO_TITLE: Field = { counts: new Map(), length: 0 }

const NO_TERMS = { terms: [], length: 0 }

/** Our terms are already analysed: FlexSearch only has to split on spaces, and nothing more. */
const splitTerms = (text: string): string[] => text.split(' ')

const frequencies = (terms: string[]): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1)
  return counts
}

/**
 * An article index as columns, to load instead of re-analysing a large library (see
 * `snapshotCodec.ts` for its file form). The passages' text is not in it: the library has
 * it already. Passage ids are renumbered densely; the postings name passages by position.
 */
export interface SearchSnapshot {
  version: typeof SNAPSHOT_VERSION
  tuning: Tuning
  /** [id, title] per article, in the order of their passages. */
  articles: [id: string, title: string][]
  /** Per passage, four numbers: article (position in `articles`), paragraph, body and title lengths. */
  passages: Int32Array
  /** The index terms; `postings` and `wordTerms` name them by position. */
  terms: string[]
  /** Per term, in order: how many impact slots hold passages, then per slot: slot, count, ids. */
  postings: Int32Array
  /** Folded vocabulary words, and each one's term (position in `terms`). */
  words: string[]
  wordTerms: Int32Array
  /** Positions in `words` of the compounds' wholes. */
  compounds: Int32Array
  /**
   * Per passage, in order, its filter of adjacent word pairs (see `phrasePairs.ts`), of a
   * length that follows from its body length.
   */
  filters: Int32Array
}

/** Numbers per passage in `SearchSnapshot.passages`. */
const PASSAGE_FIELDS = 4

/** Bumped whenever analysis, weighting or the snapshot's form changes, so an old one is rebuilt. */
export const SNAPSHOT_VERSION = 4

export class SearchIndex {
  private readonly tuning: Tuning
  /**
   * @param statistics Another index whose word statistics (how many passages use a word, how
   *   long a passage is) this one shares, so that its scores and that index's compare: the
   *   reader's bookmarks and notes are weighed as if they were paragraphs of the library.
   */
  constructor(
    tuning: Partial<Tuning> = {},
    private readonly statistics?: SearchIndex,
    /**
     * Where an article paragraph's text is read when it is shown or checked for a phrase;
     * without it the index keeps every text itself. Passages whose text it no longer gives
     * (their article went) are left out of answers.
     */
    textOf?: TextOf,
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning }
    this.passages = new Passages(textOf)
  }

  /** Passages, and their total body and title lengths, with those of the shared statistics. */
  private totals(): { n: number; body: number; title: number } {
    const shared = this.statistics?.totals()
    return {
      n: this.passages.live + (shared?.n ?? 0),
      body: this.bodyTotal + (shared?.body ?? 0),
      title: this.titleTotal + (shared?.title ?? 0),
    }
  }

  /** How many passages use a term, here and in the shared statistics. */
  private uses(term: string): number {
    return (this.docFreq.get(term) ?? 0) + (this.statistics?.uses(term) ?? 0)
  }

  /** Term weights range over (0, k1 + 1); slot 0 holds the top of that range. */
  private weightOfSlot(slot: number): number {
    return ((LEVELS - slot) / LEVELS) * (this.tuning.k1 + 1)
  }

  /** Slots of the passage being filed, in the order of its terms, read by the `score` hook. */
  private readonly filing: number[] = []
  /**
   * Postings loaded from a snapshot, read in place from its bytes rather than copied into
   * FlexSearch (which holds the postings of passages added since): per term, its region of
   * the snapshot's `postings` column (see `SearchSnapshot`).
   */
  private readonly loaded = new Map<string, Int32Array>()
  private readonly postings = new Index({
    tokenize: 'strict',
    encode: splitTerms,
    resolution: LEVELS,
    // Terms are filed in the order given, each once: the i-th term's slot is `filing[i]`.
    score: (_content, _term, i) => this.filing[i] ?? LEVELS - 1,
  })
  /** The vocabulary sorted for completion; rebuilt after a filing adds words or uses. */
  private sorted: SortedVocabulary | null = null
  private spellingWords: SpellingVocabulary | null = null
  private readonly passages: Passages
  private readonly pending: Pending[] = []
  private readonly pairs = new PairCollector()
  private readonly docFreq = new Map<string, number>()
  /** Vocabulary id → index term of the folded word. */
  private readonly vocabularyTerms: string[] = []
  private readonly vocabularyIds = new Map<string, number>()
  /**
   * Compounds' wholes (il20, deconfliction) with their vocabulary ids: completed only when
   * the reader types a compound, never as the ending of a plain word ("systems" is not
   * "systems-oriented").
   */
  private readonly compounds: [word: string, id: number][] = []
  private readonly board = new ScoreBoard()
  private readonly lookups = new Map<string, Postings>()
  /** Idf by term, and feedback's term weights by passage: both reset on filing. */
  private readonly idfs = new Map<string, number>()
  private readonly feedbackWeights = new Map<number, Map<string, number>>()
  private bodyTotal = 0
  private titleTotal = 0

  /** How many passages it holds. */
  get size(): number {
    return this.passages.live
  }

  /** Whether an article is in the index. */
  hasArticle(articleId: string): boolean {
    return this.passages.has(articleId)
  }

  /** The ids of the articles in the index. */
  articleIds(): string[] {
    return [...this.passages.articleIdsHeld()]
  }

  /** Files everything added so far, as the first query would (for timing a build). */
  commit(): void {
    if (this.pending.length) this.flush()
  }

  /** Indexes each paragraph of an article as a passage; the title is a field of each. */
  addArticle(article: Pick<Article, 'id' | 'title' | 'paragraphs'>): void {
    // An article added again replaces itself.
    if (this.passages.has(article.id)) this.removeArticles([article.id])
    const title = this.analyse(article.title)
    this.passages.declare(article.id, article.title)
    article.paragraphs.forEach((text, paragraph) => {
      this.addPassage(
        { kind: 'passage', articleId: article.id, title: article.title, paragraph, text },
        title,
      )
    })
  }

  /** Indexes one passage with no title field (the reader's bookmarks and notes). */
  addDocument(doc: SearchDocument): number {
    return this.addPassage(doc, NO_TITLE)
  }

  /** `title` is shared by every paragraph of an article, and only read. */
  private addPassage(doc: SearchDocument, title: Field): number {
    const pairs = this.passages.filtered ? this.pairs : undefined
    const body = this.analyse(doc.text, pairs)
    const pending: Pending = {
      id: this.passages.push(doc, body.length, title.length, pairs?.filter(body.length)),
      body: body.counts,
      bodyLength: body.length,
      title: title.counts,
      titleLength: title.length,
    }
    for (const t of pending.body.keys()) this.docFreq.set(t, (this.docFreq.get(t) ?? 0) + 1)
    for (const t of pending.title.keys()) {
      if (!pending.body.has(t)) this.docFreq.set(t, (this.docFreq.get(t) ?? 0) + 1)
    }
    this.pending.push(pending)
    // A large library is filed as it comes once its average lengths have settled, rather than
    // holding every passage's words until the first search.
    if (this.pending.length >= FILE_EVERY) this.flush()
    this.bodyTotal += body.length
    this.titleTotal += title.length
    return pending.id
  }

  /**
   * Files waiting passages in FlexSearch. Deferred to the first query (or `FILE_EVERY`
   * passages) so that a library is weighed against its average lengths over many passages;
   * passages added later are weighed against the averages of their time, a drift too small
   * to reorder results.
   */
  private flush(): void {
    this.lookups.clear()
    this.idfs.clear()
    this.feedbackWeights.clear()
    this.sorted = null
    this.spellingWords = null
    const k1 = this.tuning.k1
    const slotOf = (weight: number): number =>
      Math.min(LEVELS - 1, Math.max(0, LEVELS - Math.ceil((weight / (k1 + 1)) * LEVELS)))
    const store = filingStore(this.postings)
    for (const p of this.pending.splice(0)) {
      if (store) {
        // Each term is filed under its slot as FlexSearch's `add` would, without making a
        // text of the terms for FlexSearch to split again: a third of a large build otherwise.
        this.termWeights(p, (term, weight) => {
          let slots = store.map.get(term)
          if (!slots) store.map.set(term, (slots = []))
          ;(slots[slotOf(weight)] ??= []).push(p.id)
        })
        store.reg.add(p.id)
        continue
      }
      this.filing.length = 0
      let content = ''
      this.termWeights(p, (term, weight) => {
        this.filing.push(slotOf(weight))
        content = content ? `${content} ${term}` : term
      })
      this.postings.add(p.id, content)
    }
  }

  /**
   * The BM25F weight of each of a passage's terms, in (0, k1 + 1): title and body fields,
   * saturation, and length normalisation against the library's average lengths.
   */
  private termWeights(p: Omit<Pending, 'id'>, each: (term: string, weight: number) => void): void {
    const totals = this.totals()
    const n = Math.max(1, totals.n)
    const bodyAverage = Math.max(1, totals.body / n)
    // Passages without a title field (bookmarks, notes) leave the titles' average alone.
    const titleAverage = Math.max(1, totals.title / n)
    const { k1, bodyB, titleB, titleWeight } = this.tuning
    const bodyNorm = 1 - bodyB + (bodyB * p.bodyLength) / bodyAverage
    const titleNorm = 1 - titleB + (titleB * p.titleLength) / titleAverage
    const weigh = (term: string, inBody: number, inTitle: number): void => {
      // A passage without a title has no title part (and a zero title norm).
      const tf = inBody / bodyNorm + (inTitle && (titleWeight * inTitle) / titleNorm)
      each(term, (tf * (k1 + 1)) / (tf + k1))
    }
    for (const [t, inBody] of p.body) weigh(t, inBody, p.title.get(t) ?? 0)
    for (const [t, inTitle] of p.title) if (!p.body.has(t)) weigh(t, 0, inTitle)
  }

  /**
   * Removes articles' passages: their words no longer count in how many passages use a word,
   * nor their lengths in the averages. Filed passages are taken out of every term's postings
   * in one pass over the index, so removing many articles at once costs what removing one does.
   * Passages filed before keep the weights they were filed with (see `flush`).
   */
  removeArticles(articleIds: Iterable<string>): void {
    const gone: number[] = []
    for (const articleId of articleIds) {
      const range = this.passages.rangeOf(articleId)
      if (!range) continue
      for (let id = range[0]; id < range[1]; id++) gone.push(id)
      this.passages.removeArticle(articleId)
    }
    if (!gone.length) return
    const dead = new Uint8Array(this.passages.length)
    for (const id of gone) {
      dead[id] = 1
      this.bodyTotal -= this.passages.bodyLength(id)
      this.titleTotal -= this.passages.titleLength(id)
    }
    let filed = gone.length
    const kept = this.pending.filter((p) => {
      if (!dead[p.id]) return true
      for (const t of p.body.keys()) this.countDown(t, 1)
      for (const t of p.title.keys()) if (!p.body.has(t)) this.countDown(t, 1)
      filed--
      return false
    })
    this.pending.splice(0, this.pending.length, ...kept)
    if (filed) this.removePostings(dead)
    this.lookups.clear()
    this.idfs.clear()
    this.feedbackWeights.clear()
    this.sorted = null
    this.spellingWords = null
  }

  /** Takes the marked passages out of every term's postings, counting their uses down. */
  private removePostings(dead: Uint8Array): void {
    const changed: [string, (number[] | undefined)[]][] = []
    const hitsIn = (ids: ArrayLike<number>): number => {
      let hits = 0
      for (let i = 0; i < ids.length; i++) hits += dead[ids[i] as number] as number
      return hits
    }
    for (const term of [...this.docFreq.keys()]) {
      let removed = 0
      const region = this.loaded.get(term)
      if (region && hitsIn(region)) {
        // The region's slot numbers and counts are read as ids too: filter exactly instead.
        const slots = slotsOfRegion(region)
        const kept: number[][] = []
        slots.forEach((ids, slot) => {
          if (!ids) return
          const left = Array.prototype.filter.call(ids, (id: number) => !dead[id]) as number[]
          removed += ids.length - left.length
          if (left.length) kept[slot] = left
        })
        if (removed) this.loaded.set(term, regionOf(kept))
      }
      const slots = this.slotsOf(term)
      let kept: (number[] | undefined)[] | undefined
      for (let slot = 0; slot < slots.length; slot++) {
        const ids = slots[slot]
        if (!ids?.length) continue
        const hits = hitsIn(ids)
        if (!hits) continue
        kept ??= slots.slice()
        const left = ids.filter((id) => !dead[id])
        kept[slot] = left.length ? left : undefined
        removed += hits
      }
      if (kept) changed.push([term, kept])
      if (removed) this.countDown(term, removed)
    }
    // FlexSearch's import sets each term's postings to those given (it takes parsed data too).
    if (changed.length) this.postings.import('map', changed as never)
  }

  private countDown(term: string, by: number): void {
    const left = (this.docFreq.get(term) ?? 0) - by
    if (left > 0) this.docFreq.set(term, left)
    else this.docFreq.delete(term)
  }

  /** A term's postings by impact slot, as FlexSearch holds them (read only). */
  private slotsOf(term: string): (number[] | undefined)[] {
    return this.postings.search(term, { resolve: false }).result as (number[] | undefined)[]
  }

  /** A term's postings by impact slot: those loaded, then those added since, per slot. */
  private allSlotsOf(term: string): [loaded: Slots, added: Slots] {
    const region = this.loaded.get(term)
    return [region ? slotsOfRegion(region) : [], this.slotsOf(term)]
  }

  /** The whole index as columns; only for indexes of article passages. */
  toSnapshot(): SearchSnapshot {
    if (this.pending.length) this.flush()
    // Passages renumbered densely, article by article.
    const renumbered = new Int32Array(this.passages.length).fill(-1)
    const articles: [string, string][] = []
    const passages: number[] = []
    const filters: Int32Array[] = []
    let next = 0
    for (const articleId of this.passages.articleIdsHeld()) {
      const [first, end] = this.passages.rangeOf(articleId) as [number, number]
      const article = articles.length
      articles.push([articleId, this.passages.placeOf(first)?.title ?? this.titleOf(articleId)])
      for (let id = first; id < end; id++) {
        renumbered[id] = next++
        const place = this.passages.placeOf(id)
        passages.push(
          article,
          place?.paragraph ?? 0,
          this.passages.bodyLength(id),
          this.passages.titleLength(id),
        )
        filters.push(this.passages.filterOf(id))
      }
    }
    const terms: string[] = []
    const termNumbers = new Map<string, number>()
    const postings: number[] = []
    for (const term of this.docFreq.keys()) {
      const [first, later] = this.allSlotsOf(term)
      const countAt = postings.length
      let used = 0
      postings.push(0)
      for (let slot = 0; slot < LEVELS; slot++) {
        const a = first[slot]
        const b = later[slot]
        const length = (a?.length ?? 0) + (b?.length ?? 0)
        if (!length) continue
        postings.push(slot, length)
        for (const ids of [a, b]) {
          for (let i = 0; i < (ids?.length ?? 0); i++) {
            postings.push(renumbered[(ids as ArrayLike<number>)[i] as number] as number)
          }
        }
        used++
      }
      postings[countAt] = used
      if (!used) {
        postings.length = countAt
        continue
      }
      termNumbers.set(term, terms.length)
      terms.push(term)
    }
    // Words whose term no passage uses any more are left behind.
    const words: string[] = []
    const wordTerms: number[] = []
    const wordNumbers = new Map<number, number>()
    for (const [word, id] of this.vocabularyIds) {
      const term = termNumbers.get(this.vocabularyTerms[id] as string)
      if (term === undefined) continue
      wordNumbers.set(id, words.length)
      words.push(word)
      wordTerms.push(term)
    }
    const compounds = this.compounds.flatMap(([, id]) => {
      const at = wordNumbers.get(id)
      return at === undefined ? [] : [at]
    })
    return {
      version: SNAPSHOT_VERSION,
      tuning: this.tuning,
      articles,
      passages: Int32Array.from(passages),
      terms,
      postings: Int32Array.from(postings),
      words,
      wordTerms: Int32Array.from(wordTerms),
      compounds: Int32Array.from(compounds),
      filters: concatenated(filters),
    }
  }

  private titleOf(articleId: string): string {
    const range = this.passages.rangeOf(articleId)
    return (range && this.passages.placeOf(range[0])?.title) ?? ''
  }

  /**
   * An index from its snapshot; `textOf` gives passages' texts back when they are shown.
   * Throws on a snapshot of another version or one whose columns do not agree.
   */
  static fromSnapshot(snapshot: SearchSnapshot, textOf: TextOf): SearchIndex {
    if (snapshot.version !== SNAPSHOT_VERSION) throw new Error('search snapshot of another version')
    const index = new SearchIndex(snapshot.tuning, undefined, textOf)
    const { passages, postings, articles, terms } = snapshot
    // Taken of an index that kept its texts (a small library's), which has no pair filters.
    if (passages.length && !snapshot.filters.length) index.passages.withoutFilters()
    if (passages.length % PASSAGE_FIELDS) throw new Error('search snapshot: passages cut short')
    let article = -1
    for (let at = 0; at < passages.length; at += PASSAGE_FIELDS) {
      const number = passages[at] as number
      const bodyLength = passages[at + 2] as number
      const titleLength = passages[at + 3] as number
      if (number < article || number >= articles.length)
        throw new Error('search snapshot: passages out of order')
      while (article < number) {
        article++
        const [id, title] = articles[article] as [string, string]
        index.passages.declare(id, title)
      }
      const [articleId, title] = articles[number] as [string, string]
      const paragraph = passages[at + 1] as number
      index.passages.push(
        { kind: 'passage', articleId, title, paragraph, text: '' },
        bodyLength,
        titleLength,
      )
      index.bodyTotal += bodyLength
      index.titleTotal += titleLength
    }
    // Articles without a passage (empty ones) after the last passage.
    for (article++; article < articles.length; article++) {
      const [id, title] = articles[article] as [string, string]
      index.passages.declare(id, title)
    }
    const count = index.passages.length
    let at = 0
    for (const term of terms) {
      const start = at
      const used = postings[at++]
      if (used === undefined) throw new Error('search snapshot: postings cut short')
      let uses = 0
      for (let s = 0; s < used; s++) {
        const slot = postings[at] as number
        const length = postings[at + 1] as number
        const end = at + 2 + length
        if (!(slot >= 0 && slot < LEVELS && length >= 0 && end <= postings.length))
          throw new Error('search snapshot: postings out of range')
        for (let i = at + 2; i < end; i++) {
          const id = postings[i] as number
          if (!(id >= 0 && id < count)) throw new Error('search snapshot: unknown passage')
        }
        uses += length
        at = end
      }
      // Read in place: a view of the snapshot's bytes, not a copy.
      index.loaded.set(term, postings.subarray(start, at))
      index.docFreq.set(term, uses)
    }
    if (at !== postings.length) throw new Error('search snapshot: postings do not match terms')
    index.passages.useFilters(snapshot.filters)
    snapshot.words.forEach((word, id) => {
      const term = terms[snapshot.wordTerms[id] as number]
      if (term === undefined) throw new Error('search snapshot: a word without its term')
      index.vocabularyIds.set(word, id)
      index.vocabularyTerms.push(term)
    })
    for (const id of snapshot.compounds) {
      const word = snapshot.words[id]
      if (word !== undefined) index.compounds.push([word, id])
    }
    return index
  }

  /**
   * Whether a folded word is in this index; for a word still being typed, whether any word
   * starts with it.
   */
  knows(surface: string, prefix: boolean): boolean {
    if (this.pending.length) this.flush()
    const term = termOf(surface)
    if (term && this.docFreq.has(term)) return true
    if (!prefix) return false
    return this.sortedVocabulary().has(surface)
  }

  /**
   * Makes the word list for type-ahead or for spelling now rather than when first needed; or
   * searches once in one of the ways a reader's search can go (see `WARM_SEARCHES`).
   */
  warm(list: Warming): void {
    if (list === 'completion') return void this.sortedVocabulary()
    if (list === 'spelling') return void this.spelling()
    const words = this.commonestWords(WARM_WORDS)
    const [first, second] = words
    if (first === undefined || second === undefined) return
    if (list === 'question') this.search(`${words.join(' ')} `, 10)
    else if (list === 'phrase') this.search(`"${first} ${second}"`, 10)
    else if (list === 'prefix') this.search(first.slice(0, MIN_PREFIX + 1), 10)
    // Each word with its last letter doubled: edit distances enough for their code to be
    // compiled, as a misspelling is compared with hundreds of words.
    else for (const word of words) this.spelling().nearest(`${word}${word.slice(-1)}`)
  }

  /** The `count` words of three letters or more that most passages use, commonest first. */
  private commonestWords(count: number): string[] {
    const common: [word: string, uses: number][] = []
    for (const entry of this.words()) {
      if (entry[0].length < 3) continue
      let at = common.length
      while (at > 0 && (common[at - 1] as [string, number])[1] < entry[1]) at--
      if (at < count) common.splice(at, 0, entry)
      if (common.length > count) common.pop()
    }
    return common.map(([word]) => word)
  }

  /** The words of `words()` made ready for spelling; kept until the vocabulary changes. */
  spelling(): SpellingVocabulary {
    if (this.pending.length) this.flush()
    this.spellingWords ??= new SpellingVocabulary(this.words())
    return this.spellingWords
  }

  /** Every folded word of the index, with how many passages use it (for spelling). */
  *words(): Generator<[word: string, uses: number]> {
    for (const [word, id] of this.vocabularyIds) {
      const uses = this.docFreq.get(this.vocabularyTerms[id] as string) ?? 0
      if (uses) yield [word, uses]
    }
  }

  /** The best passages for a query, best first, with their scores. */
  rank(query: string, limit = 50): RankedPassage[] {
    return this.run(parseQuery(query), limit).ranked
  }

  search(query: string, limit = 50): SearchHit[] {
    const parsed = parseQuery(query)
    const { ranked, matched } = this.run(parsed, limit)
    return ranked.map(({ passage, score }) => {
      const { snippet, marks } = makeSnippet(passage.text, matched, parsed)
      return {
        kind: passage.kind,
        ...(passage.annotationId ? { annotationId: passage.annotationId } : {}),
        articleId: passage.articleId,
        title: passage.title,
        paragraph: passage.paragraph,
        snippet,
        marks,
        score: Math.round(score * 1000) / 1000,
      }
    })
  }

  private run(
    parsed: ParsedQuery,
    limit: number,
  ): { ranked: RankedPassage[]; matched: Set<string> } {
    if (this.pending.length) this.flush()
    const n = this.passages.length
    this.board.ensure(n)
    const { words, expansions } = this.lookupTerms(parsed)
    // Feedback words help rank, but only the reader's own words are marked.
    const matched = new Set([...words, ...parsed.wholes, ...expansions])
    const phrases = parsed.phrases
    // Only passages with every word of the phrases may hold them, and the postings say
    // which: no other passage is scored, and when there is none there is nothing to rank.
    const holding = phrases.length ? this.passagesWithAll(phrases) : null
    if (holding && !holding.includes(1)) return { ranked: [], matched }
    const asked: Asked[] = words.map((term) => ({ term, weight: 1, alternative: false }))
    for (const term of parsed.wholes) {
      if (!expansions.includes(term)) asked.push({ term, weight: WHOLE_WEIGHT, alternative: false })
    }
    for (const term of expansions) asked.push({ term, weight: 1, alternative: true })
    this.accumulate(asked, holding)

    // A few more than asked for, in case some passages' articles have just gone.
    let candidates = limit + 8
    // A question (several whole words, no phrase) is widened by the words
    // of its best answers so far: their postings are added on top of the scores already there.
    const { feedbackMinTerms, feedbackPassages, feedbackCap } = this.tuning
    if (words.length >= feedbackMinTerms && !phrases.length) {
      const best = this.board.peek(candidates)
      // Feedback adds at most `feedbackCap` of a passage's score, so a passage below the
      // k-th best score / (1 + cap) cannot reach the first k: it is dropped now, and feedback
      // adds to the few passages left. The answer is the same; the work is not.
      const kth = best[candidates - 1]
      if (kth) this.board.keepAtLeast((kth.score / (1 + feedbackCap)) * (1 - 1e-9))
      const feedback = this.suggestions(best.slice(0, feedbackPassages), words)
      this.board.hold()
      this.accumulate(
        feedback.map(([term, weight]) => ({ term, weight, alternative: false })),
        null,
        true,
      )
      this.board.capGrowth(feedbackCap)
    }

    if (words.length + expansions.length === 0 && phrases.length > 0) {
      for (let id = 0; id < n; id++) {
        if (this.passages.alive(id) && (!holding || holding[id] === 1)) this.board.touch(id)
      }
    }
    if (phrases.length) {
      candidates = this.board.size
      // Texts read from elsewhere: a phrase is looked for in the best passages only.
      if (this.passages.lazy) candidates = Math.min(candidates, MAX_PHRASE_CHECKS)
    }
    const holdsPhrases = phraseMatcher(phrases)
    // The word pairs a passage holding the phrases holds: most passages without them are
    // ruled out by their filter, before their text is read.
    const pairs = phrasePairs(phrases, (word) => termOf(word) === null)
    const ranked: RankedPassage[] = []
    for (const r of this.board.take(candidates)) {
      if (phrases.length) {
        if (!this.passages.mayHold(r.id, pairs)) continue
        // Most passages checked lack the phrase: none is made into a passage for nothing.
        const text = this.passages.textAt(r.id)
        if (text === undefined || !holdsPhrases(text)) continue
      }
      const passage = this.passages.get(r.id)
      if (!passage) continue
      ranked.push({ id: r.id, score: r.score, passage })
      if (ranked.length >= limit) break
    }
    return { ranked, matched }
  }

  /**
   * Marks (with 1) the passages whose postings hold every term of the phrases' words: any
   * passage that contains the phrases does (its words are indexed as they are read there).
   * Null when the phrases are stop words only.
   */
  private passagesWithAll(phrases: string[][]): Uint8Array | null {
    const terms = new Set<string>()
    for (const phrase of phrases) {
      for (const word of phrase) {
        const term = termOf(word)
        if (term) terms.add(term)
      }
    }
    if (!terms.size) return null
    // Rarest first; each further term keeps the passages every term before it had.
    const postings = [...terms].map((t) => this.postingsOf(t)).sort((a, b) => a.count - b.count)
    const seen = new Uint8Array(this.passages.length)
    const all = Math.min(postings.length, 255)
    for (let i = 0; i < all; i++) {
      let kept = 0
      for (const { ids } of (postings[i] as Postings).levels) {
        for (let j = 0; j < ids.length; j++) {
          const id = ids[j] as number
          if (seen[id] === i) {
            seen[id] = i + 1
            kept++
          }
        }
      }
      // No passage has every term so far: the commoner terms need not be read.
      if (!kept) return seen.fill(0)
    }
    for (let id = 0; id < seen.length; id++) seen[id] = seen[id] === all ? 1 : 0
    return seen
  }

  /**
   * The terms that best characterise the given passages, weighted for joining the query.
   * The passages are analysed again here rather than keeping every passage's terms in
   * memory: a handful of paragraphs per question costs less than a list per passage.
   */
  private suggestions(best: Ranked[], asked: string[]): [string, number][] {
    const weights = new Map<string, number>()
    for (const { id } of best) {
      for (const [term, weight] of this.feedbackTermsOf(id)) {
        weights.set(term, (weights.get(term) ?? 0) + weight)
      }
    }
    for (const t of asked) weights.delete(t)
    // The few best by weight × idf, kept in order as they are found.
    const count = this.tuning.feedbackTerms
    const top: [string, number][] = []
    for (const [term, weight] of weights) {
      const score = weight * this.idf(term)
      if (top.length === count && score <= (top[count - 1] as [string, number])[1]) continue
      let at = top.length
      while (at > 0 && (top[at - 1] as [string, number])[1] < score) at--
      top.splice(at, 0, [term, score])
      if (top.length > count) top.pop()
    }
    const scale = this.tuning.feedbackWeight / (top[0]?.[1] ?? 1)
    return top.map(([term, score]) => [term, score * scale])
  }

  /** A passage's terms with their weights, for feedback; the best passages recur, so kept a while. */
  private feedbackTermsOf(id: number): Map<string, number> {
    let terms = this.feedbackWeights.get(id)
    if (!terms) {
      const passage = this.passages.get(id)
      if (!passage) return new Map()
      // Compounds' wholes are left to the reader to ask for: as feedback they overweigh a name.
      const body = indexTerms(passage.text, false)
      const title = passage.kind === 'passage' ? indexTerms(passage.title, false) : NO_TERMS
      const weights = new Map<string, number>()
      this.termWeights(
        {
          body: frequencies(body.terms),
          bodyLength: body.length,
          title: frequencies(title.terms),
          titleLength: title.length,
        },
        (term, weight) => weights.set(term, weight),
      )
      terms = weights
      if (this.feedbackWeights.size >= MAX_FEEDBACK_PASSAGES) this.feedbackWeights.clear()
      this.feedbackWeights.set(id, terms)
    }
    return terms
  }

  /**
   * Adds the terms' postings to the score board, reading strongest first past the budget:
   * only to the passages `within` marks, when given; only to passages already scored, when
   * `scoredOnly`.
   */
  private accumulate(asked: Asked[], within: Uint8Array | null, scoredOnly = false): void {
    const board = this.board
    const add = (a: Asked, ids: ArrayLike<number>, score: number): number => {
      if (a.alternative) {
        return within ? board.addBestWithin(ids, score, within) : board.addBest(ids, score)
      }
      if (scoredOnly) return board.addToScored(ids, score)
      return within ? board.addWithin(ids, score, within) : board.add(ids, score)
    }
    let total = 0
    for (const a of asked) total += this.postingsOf(a.term).count
    const typing = asked.some((a) => a.alternative)
    const budget = typing ? TYPEAHEAD_BUDGET : Math.max(MIN_BUDGET, this.passages.length)
    if (total <= budget) {
      // Small enough to read everything, in any order: no sorting, no bookkeeping.
      for (const a of asked) {
        const { idf, levels } = this.postingsOf(a.term)
        for (const { weight, ids } of levels) add(a, ids, idf * a.weight * weight)
      }
    } else {
      // Strongest slots first across all terms (each term's slots are already in order, so a
      // merge, with nothing allocated per slot); past the budget, the weak tail of common
      // words is left unread, which only reorders the long tail.
      const terms = asked.map((a) => this.postingsOf(a.term))
      const factors = asked.map((a, i) => (terms[i] as Postings).idf * a.weight)
      const next = new Int32Array(asked.length)
      let read = 0
      for (;;) {
        let pick = -1
        let best = -1
        for (let i = 0; i < terms.length; i++) {
          const level = (terms[i] as Postings).levels[next[i] as number]
          if (level && level.weight * (factors[i] as number) > best) {
            best = level.weight * (factors[i] as number)
            pick = i
          }
        }
        if (pick < 0) break
        const { ids } = (terms[pick] as Postings).levels[next[pick] as number] as Level
        next[pick] = (next[pick] as number) + 1
        if (read > budget && ids.length > 64) continue
        read += add(asked[pick] as Asked, ids, best)
      }
    }
    this.board.closeGroup()
  }

  /**
   * The query's whole words, and the words a prefix still being typed may stand for: the
   * commonest first, since a reader typing "aero" most likely means a word the library uses.
   */
  private lookupTerms(parsed: ParsedQuery): { words: string[]; expansions: string[] } {
    const prefixTerm = parsed.prefix ? (termOf(parsed.prefix) ?? undefined) : undefined
    const words = parsed.terms.filter((t) => t !== prefixTerm)
    if (!parsed.prefix) return { words, expansions: [] }
    const expansions = new Set<string>(prefixTerm ? [prefixTerm] : [])
    const vocabulary = this.sortedVocabulary()
    for (const id of vocabulary.complete(
      parsed.prefix,
      parsed.compoundPrefix,
      2 * MAX_EXPANSIONS,
    )) {
      if (expansions.size >= MAX_EXPANSIONS) break
      expansions.add(this.vocabularyTerms[id] as string)
    }
    return { words, expansions: [...expansions] }
  }

  private sortedVocabulary(): SortedVocabulary {
    if (!this.sorted) {
      const compounds = new Set(this.compounds.map(([, id]) => id))
      const entries = [...this.vocabularyIds]
        .map(([word, id]) => ({
          word,
          id,
          uses: this.docFreq.get(this.vocabularyTerms[id] as string) ?? 0,
          compound: compounds.has(id),
        }))
        // Words of removed articles only.
        .filter((e) => e.uses > 0)
      this.sorted = new SortedVocabulary(entries)
    }
    return this.sorted
  }

  /**
   * A term's postings by impact slot, strongest first: FlexSearch's own arrays, read only.
   * Kept until the next filing changes them or the term's idf.
   */
  private postingsOf(term: string): Postings {
    let postings = this.lookups.get(term)
    if (!postings) {
      const [first, later] = this.allSlotsOf(term)
      postings = { levels: [], count: 0, idf: this.idf(term) }
      for (let slot = 0; slot < LEVELS; slot++) {
        for (const ids of [first[slot], later[slot]]) {
          if (!ids?.length) continue
          postings.levels.push({ weight: this.weightOfSlot(slot), ids })
          postings.count += ids.length
        }
      }
      // Bounded: a stream of distinct queries must not grow it without end.
      if (this.lookups.size >= MAX_LOOKUPS) this.lookups.clear()
      this.lookups.set(term, postings)
    }
    return postings
  }

  private idf(term: string): number {
    let idf = this.idfs.get(term)
    if (idf === undefined) {
      const n = this.totals().n
      const df = this.uses(term)
      idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
      this.idfs.set(term, idf)
    }
    return idf
  }

  /**
   * A text's index terms with their counts, and its length in words (see `indexTerms`); its
   * new words join the vocabulary for prefix search.
   */
  private analyse(text: string, pairs?: PairCollector): Field {
    const counts = new Map<string, number>()
    let length = 0
    scan(text, (surface, term, _start, _end, compound) => {
      if (pairs && !compound) pairs.word(surface, term === null)
      if (!term) return
      if (!compound) length++
      counts.set(term, (counts.get(term) ?? 0) + 1)
      if (this.vocabularyIds.has(surface)) return
      const id = this.vocabularyTerms.length
      this.vocabularyIds.set(surface, id)
      this.vocabularyTerms.push(term)
      if (compound) this.compounds.push([surface, id])
    })
    return { counts, length }
  }
}

/**
 * FlexSearch's own postings (term → ids by resolution slot) and its register of ids, as its
 * `add` fills them for an index without context or fast update; null when this FlexSearch
 * keeps them otherwise, and then `add` files them.
 */
function filingStore(index: Index): { map: Map<string, number[][]>; reg: Set<number> } | null {
  const { map, reg } = index as unknown as { map?: unknown; reg?: unknown }
  if (!(map instanceof Map) || !(reg instanceof Set)) return null
  return { map: map as Map<string, number[][]>, reg: reg as Set<number> }
}

/** The arrays one after another, in one. */
function concatenated(arrays: Int32Array[]): Int32Array {
  const out = new Int32Array(arrays.reduce((n, a) => n + a.length, 0))
  let at = 0
  for (const a of arrays) {
    out.set(a, at)
    at += a.length
  }
  return out
}

/** A term's region of a snapshot's postings column, by impact slot (views, not copies). */
function slotsOfRegion(region: Int32Array): Slots {
  const slots: Slots = []
  let at = 1
  for (let s = 0; s < (region[0] as number); s++) {
    const length = region[at + 1] as number
    slots[region[at] as number] = region.subarray(at + 2, at + 2 + length)
    at += 2 + length
  }
  return slots
}

/** The region holding these slots' postings. */
function regionOf(slots: number[][]): Int32Array {
  const out: number[] = [0]
  let used = 0
  slots.forEach((ids, slot) => {
    used++
    out.push(slot, ids.length)
    for (const id of ids) out.push(id)
  })
  out[0] = used
  return Int32Array.from(out)
}

const ASCII_TEXT = /^\p{ASCII}*$/u
const ASCII_WORDS = /^[a-z0-9]+$/

/** Whether a text holds every phrase, word after word. */
function phraseMatcher(phrases: string[][]): (text: string) => boolean {
  // In an ASCII text, consecutive words are letters and digits apart by nothing but other
  // characters (nothing at all where letters meet digits): a pattern rules most texts out
  // before a text is split into words. Phrases of other words are only checked word by word.
  const patterns = phrases
    .filter((p) => p.every((w) => ASCII_WORDS.test(w)))
    .map((p) => new RegExp(p.join('[^a-z0-9]*')))
  return (text) => {
    if (patterns.length && ASCII_TEXT.test(text)) {
      const lower = text.toLowerCase()
      if (!patterns.every((pattern) => pattern.test(lower))) return false
    }
    const words = ` ${wordsOf(text).join(' ')} `
    return phrases.every((p) => words.includes(` ${p.join(' ')} `))
  }
}
