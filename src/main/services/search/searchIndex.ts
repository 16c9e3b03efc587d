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
import { parseQuery, type ParsedQuery } from './parseQuery'
import { ScoreBoard, type Ranked } from './scoreBoard'
import { SortedVocabulary } from './vocabulary'
import { Passages, type SearchDocument } from './passages'

export type { SearchDocument }
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
  ids: number[]
}
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
 * An article index as plain JSON, to load instead of re-analysing a large library. The
 * passages' text is not in it: the library has it already.
 */
export interface SearchSnapshot {
  version: typeof SNAPSHOT_VERSION
  tuning: Tuning
  /** [articleId, paragraph, index into `titles`] per passage. */
  passages: [string, number, number][]
  titles: string[]
  docFreq: [string, number][]
  bodyTotal: number
  titleTotal: number
  /** Folded vocabulary words, in vocabulary-id order, with their terms. */
  vocabulary: [string, string][]
  /** The compounds among them, with their ids. */
  compounds: [string, number][]
  /** FlexSearch's own exports: [key, data] chunks. */
  flexPostings: [string, string][]
}

/** Bumped whenever analysis or weighting changes, so an old snapshot is rebuilt, not misread. */
export const SNAPSHOT_VERSION = 2

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
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning }
  }

  /** Passages, and their total body and title lengths, with those of the shared statistics. */
  private totals(): { n: number; body: number; title: number } {
    const shared = this.statistics?.totals()
    return {
      n: this.passages.length + (shared?.n ?? 0),
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
  private readonly postings = new Index({
    tokenize: 'strict',
    encode: splitTerms,
    resolution: LEVELS,
    // Terms are filed in the order given, each once: the i-th term's slot is `filing[i]`.
    score: (_content, _term, i) => this.filing[i] ?? LEVELS - 1,
  })
  /** The vocabulary sorted for completion; rebuilt after a filing adds words or uses. */
  private sorted: SortedVocabulary | null = null
  private readonly passages = new Passages()
  private readonly pending: Pending[] = []
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

  get size(): number {
    return this.passages.length
  }

  /** Files everything added so far, as the first query would (for timing a build). */
  commit(): void {
    if (this.pending.length) this.flush()
  }

  /** Indexes each paragraph of an article as a passage; the title is a field of each. */
  addArticle(article: Pick<Article, 'id' | 'title' | 'paragraphs'>): void {
    const title = this.analyse(article.title)
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
    const body = this.analyse(doc.text)
    const pending: Pending = {
      id: this.passages.length,
      body: body.counts,
      bodyLength: body.length,
      title: title.counts,
      titleLength: title.length,
    }
    for (const t of pending.body.keys()) this.docFreq.set(t, (this.docFreq.get(t) ?? 0) + 1)
    for (const t of pending.title.keys()) {
      if (!pending.body.has(t)) this.docFreq.set(t, (this.docFreq.get(t) ?? 0) + 1)
    }
    this.passages.push(doc)
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
    const k1 = this.tuning.k1
    for (const p of this.pending.splice(0)) {
      this.filing.length = 0
      let content = ''
      this.termWeights(p, (term, weight) => {
        const slot = LEVELS - Math.ceil((weight / (k1 + 1)) * LEVELS)
        this.filing.push(Math.min(LEVELS - 1, Math.max(0, slot)))
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

  /** The whole index as JSON-ready data; only for indexes of article passages. */
  toSnapshot(): SearchSnapshot {
    if (this.pending.length) this.flush()
    const all = Array.from({ length: this.passages.length }, (_, id) => this.passages.get(id))
    const titles = [...new Set(all.map((p) => p.title))]
    const titleIds = new Map(titles.map((t, i) => [t, i]))
    const chunks = (index: Index): [string, string][] => {
      const out: [string, string][] = []
      void index.export((key: string, data: string) => {
        out.push([key, data])
      })
      return out
    }
    return {
      version: SNAPSHOT_VERSION,
      tuning: this.tuning,
      passages: all.map((p) => [p.articleId, p.paragraph, titleIds.get(p.title) ?? 0]),
      titles,
      docFreq: [...this.docFreq],
      bodyTotal: this.bodyTotal,
      titleTotal: this.titleTotal,
      vocabulary: [...this.vocabularyIds].map(([word, id]) => [
        word,
        this.vocabularyTerms[id] as string,
      ]),
      compounds: this.compounds,
      flexPostings: chunks(this.postings),
    }
  }

  /**
   * An index from its snapshot; `textOf` gives each passage's text back. Throws on a
   * snapshot of another version or one that does not match the library.
   */
  static fromSnapshot(
    snapshot: SearchSnapshot,
    textOf: (articleId: string, paragraph: number) => string | undefined,
  ): SearchIndex {
    if (snapshot.version !== SNAPSHOT_VERSION) throw new Error('search snapshot of another version')
    const index = new SearchIndex(snapshot.tuning)
    for (const [articleId, paragraph, title] of snapshot.passages) {
      const text = textOf(articleId, paragraph)
      if (text === undefined)
        throw new Error(`search snapshot names a missing passage ${articleId}`)
      const passageTitle = snapshot.titles[title] ?? ''
      index.passages.push({ kind: 'passage', articleId, title: passageTitle, paragraph, text })
    }
    for (const [term, df] of snapshot.docFreq) index.docFreq.set(term, df)
    index.bodyTotal = snapshot.bodyTotal
    index.titleTotal = snapshot.titleTotal
    snapshot.vocabulary.forEach(([word, term], id) => {
      index.vocabularyIds.set(word, id)
      index.vocabularyTerms.push(term)
    })
    index.compounds.push(...snapshot.compounds)
    for (const [key, data] of snapshot.flexPostings) index.postings.import(key, data)
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

  /** Every folded word of the index, with how many passages use it (for spelling). */
  *words(): Generator<[word: string, uses: number]> {
    for (const [word, id] of this.vocabularyIds) {
      yield [word, this.docFreq.get(this.vocabularyTerms[id] as string) ?? 0]
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
    const asked: Asked[] = words.map((term) => ({ term, weight: 1, alternative: false }))
    for (const term of parsed.wholes) {
      if (!expansions.includes(term)) asked.push({ term, weight: WHOLE_WEIGHT, alternative: false })
    }
    for (const term of expansions) asked.push({ term, weight: 1, alternative: true })
    this.accumulate(asked)

    // A question (several whole words, no phrase) is widened by the words
    // of its best answers so far: their postings are added on top of the scores already there.
    const feedback = new Map<string, number>()
    const { feedbackMinTerms, feedbackPassages } = this.tuning
    if (words.length >= feedbackMinTerms && !parsed.phrases.length) {
      for (const [term, weight] of this.suggestions(this.board.peek(feedbackPassages), words)) {
        feedback.set(term, weight)
      }
      this.board.hold()
      this.accumulate([...feedback].map(([term, weight]) => ({ term, weight, alternative: false })))
      this.board.capGrowth(this.tuning.feedbackCap)
    }

    const phrases = parsed.phrases
    if (words.length + expansions.length === 0 && phrases.length > 0) {
      for (let id = 0; id < n; id++) this.board.touch(id)
    }
    const ranked: RankedPassage[] = []
    for (const r of this.board.take(phrases.length ? n : limit)) {
      const passage = this.passages.get(r.id)
      if (phrases.length && !hasPhrases(passage.text, phrases)) continue
      ranked.push({ id: r.id, score: r.score, passage })
      if (ranked.length >= limit) break
    }
    // Feedback words help rank, but only the reader's own words are marked.
    return { ranked, matched: new Set([...words, ...parsed.wholes, ...expansions]) }
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

  /** Adds the terms' postings to the score board, reading strongest first past the budget. */
  private accumulate(asked: Asked[]): void {
    let total = 0
    for (const a of asked) total += this.postingsOf(a.term).count
    const typing = asked.some((a) => a.alternative)
    const budget = typing ? TYPEAHEAD_BUDGET : Math.max(MIN_BUDGET, this.passages.length)
    if (total <= budget) {
      // Small enough to read everything, in any order: no sorting, no bookkeeping.
      for (const a of asked) {
        const { idf, levels } = this.postingsOf(a.term)
        for (const { weight, ids } of levels) {
          if (a.alternative) this.board.addBest(ids, idf * a.weight * weight)
          else this.board.add(ids, idf * a.weight * weight)
        }
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
        read += (asked[pick] as Asked).alternative
          ? this.board.addBest(ids, best)
          : this.board.add(ids, best)
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
      const entries = [...this.vocabularyIds].map(([word, id]) => ({
        word,
        id,
        uses: this.docFreq.get(this.vocabularyTerms[id] as string) ?? 0,
        compound: compounds.has(id),
      }))
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
      const slots = this.postings.search(term, { resolve: false }).result as (
        number[] | undefined
      )[]
      postings = { levels: [], count: 0, idf: this.idf(term) }
      for (let slot = 0; slot < slots.length; slot++) {
        const ids = slots[slot]
        if (!ids?.length) continue
        postings.levels.push({ weight: this.weightOfSlot(slot), ids })
        postings.count += ids.length
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
  private analyse(text: string): Field {
    const counts = new Map<string, number>()
    let length = 0
    scan(text, (surface, term, _start, _end, compound) => {
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

function hasPhrases(text: string, phrases: string[][]): boolean {
  const words = ` ${wordsOf(text).join(' ')} `
  return phrases.every((p) => words.includes(` ${p.join(' ')} `))
}
