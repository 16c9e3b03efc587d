/**
 * Passage-level search: FlexSearch holds the inverted index (which paragraphs contain a
 * term) and the vocabulary (which words start with what is being typed); the term
 * statistics beside it turn those matches into BM25 scores, so a natural-language
 * question is answered by ranking every paragraph that shares a word with it rather
 * than by demanding all of them.
 */
import { Encoder, Index } from 'flexsearch'
import type { Article, SearchHit } from '../../../shared/types'
import { termsOf, tokenize } from './analyzer'
import { parseQuery, type ParsedQuery } from './parseQuery'
import { makeSnippet } from './snippet'

/** BM25 saturation and length normalisation, the usual values. */
const K1 = 1.2
const B = 0.75
/** How much a word in the article title adds to each of its paragraphs' scores, per unit idf. */
const TITLE_WEIGHT = 0.7
/** How many vocabulary words a typed prefix may stand for. */
const MAX_EXPANSIONS = 64

/** Anything searchable: an article's paragraph, or a bookmark or note of the reader's. */
export interface SearchDocument {
  kind: SearchHit['kind']
  annotationId?: string
  articleId: string
  title: string
  paragraph: number
  text: string
}

interface Passage extends SearchDocument {
  length: number
  termFreqs: Map<string, number>
}

/** Our terms are already analysed: FlexSearch only has to split on spaces. */
const passthrough = () =>
  new Encoder({ normalize: false, split: ' ', dedupe: false, numeric: false, minlength: 1 })

export class SearchIndex {
  private readonly postings = new Index({
    tokenize: 'strict',
    encoder: passthrough(),
    resolution: 1,
  })
  private readonly vocabulary = new Index({ tokenize: 'forward', encoder: passthrough() })
  private readonly passages: Passage[] = []
  private readonly docFreq = new Map<string, number>()
  /** Vocabulary id → [folded word, its index term]. */
  private readonly words: [surface: string, term: string][] = []
  private readonly wordIds = new Map<string, number>()
  private readonly titleTerms = new Map<string, Set<string>>()
  private readonly firstPassage = new Map<string, number>()
  private totalLength = 0

  get size(): number {
    return this.passages.length
  }

  /** Indexes each paragraph of an article as a passage, and its title for boosting. */
  addArticle(article: Article): void {
    this.titleTerms.set(article.id, new Set(termsOf(article.title)))
    this.indexWords(article.title)
    article.paragraphs.forEach((text, paragraph) => {
      const id = this.addDocument({
        kind: 'passage',
        articleId: article.id,
        title: article.title,
        paragraph,
        text,
      })
      if (paragraph === 0) this.firstPassage.set(article.id, id)
    })
  }

  addDocument(doc: SearchDocument): number {
    const terms = termsOf(doc.text)
    const termFreqs = new Map<string, number>()
    for (const t of terms) termFreqs.set(t, (termFreqs.get(t) ?? 0) + 1)
    for (const t of termFreqs.keys()) this.docFreq.set(t, (this.docFreq.get(t) ?? 0) + 1)
    const id = this.passages.length
    this.passages.push({ ...doc, length: terms.length, termFreqs })
    this.totalLength += terms.length
    this.postings.add(id, [...termFreqs.keys()].join(' '))
    this.indexWords(doc.text)
    return id
  }

  search(query: string, limit = 50): SearchHit[] {
    const parsed = parseQuery(query)
    const slots = this.slotsOf(parsed)
    const scores = new Map<number, number>()
    for (const slot of slots) {
      const best = new Map<number, number>()
      for (const term of slot) {
        const weight = this.idf(term)
        for (const id of this.postingsOf(term)) {
          const s = weight * this.saturate(this.passages[id] as Passage, term)
          if (s > (best.get(id) ?? 0)) best.set(id, s)
        }
      }
      for (const [id, s] of best) scores.set(id, (scores.get(id) ?? 0) + s)
    }
    this.addTitleScores(slots, scores)
    if (slots.length === 0 && parsed.phrases.length > 0) {
      for (let id = 0; id < this.passages.length; id++) scores.set(id, 0)
    }

    const matched = new Set(slots.flat())
    const hits: SearchHit[] = []
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0])
    for (const [id, score] of ranked) {
      const passage = this.passages[id] as Passage
      if (!this.hasPhrases(passage.text, parsed.phrases)) continue
      const { snippet, marks } = makeSnippet(passage.text, matched, parsed)
      hits.push({
        kind: passage.kind,
        ...(passage.annotationId ? { annotationId: passage.annotationId } : {}),
        articleId: passage.articleId,
        title: passage.title,
        paragraph: passage.paragraph,
        snippet,
        marks,
        score: Math.round(score * 1000) / 1000,
      })
      if (hits.length >= limit) break
    }
    return hits
  }

  /** Groups of interchangeable terms: one per query word, the typed prefix's expansions as one. */
  private slotsOf(parsed: ParsedQuery): string[][] {
    const prefixTerm = parsed.prefix ? termsOf(parsed.prefix)[0] : undefined
    const slots = parsed.terms.filter((t) => t !== prefixTerm).map((t) => [t])
    if (parsed.prefix) {
      const expansions = new Set<string>(prefixTerm ? [prefixTerm] : [])
      const ids = this.vocabulary.search(parsed.prefix, { limit: 10_000 }) as number[]
      const candidates = ids
        .map((id) => (this.words[id] as [string, string])[1])
        .sort((a, b) => (this.docFreq.get(b) ?? 0) - (this.docFreq.get(a) ?? 0))
      for (const term of candidates) {
        if (expansions.size >= MAX_EXPANSIONS) break
        expansions.add(term)
      }
      if (expansions.size) slots.push([...expansions])
    }
    return slots
  }

  private postingsOf(term: string): number[] {
    return this.postings.search(term, { limit: this.passages.length || 1 }) as number[]
  }

  private idf(term: string): number {
    const n = this.passages.length
    const df = this.docFreq.get(term) ?? 0
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  private saturate(passage: Passage, term: string): number {
    const tf = passage.termFreqs.get(term) ?? 0
    const avg = this.totalLength / Math.max(1, this.passages.length)
    return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * passage.length) / Math.max(1, avg)))
  }

  /** A title that shares words with the query lifts every matching paragraph of its article. */
  private addTitleScores(slots: string[][], scores: Map<number, number>): void {
    const bonus = new Map<string, number>()
    for (const [articleId, terms] of this.titleTerms) {
      let b = 0
      for (const slot of slots) {
        const hit = slot.filter((t) => terms.has(t))
        if (hit.length) b += Math.max(...hit.map((t) => this.idf(t)))
      }
      if (b > 0) bonus.set(articleId, TITLE_WEIGHT * b)
    }
    for (const [id, s] of scores) {
      const b = bonus.get((this.passages[id] as Passage).articleId)
      if (b) scores.set(id, s + b)
    }
    // An article found by its title alone is still found, at its first paragraph.
    for (const [articleId, b] of bonus) {
      const first = this.firstPassage.get(articleId)
      if (first !== undefined && !scores.has(first)) scores.set(first, b)
    }
  }

  private hasPhrases(text: string, phrases: string[][]): boolean {
    if (phrases.length === 0) return true
    const words = ` ${tokenize(text)
      .map((t) => t.surface)
      .join(' ')} `
    return phrases.every((p) => words.includes(` ${p.join(' ')} `))
  }

  private indexWords(text: string): void {
    for (const t of tokenize(text)) {
      if (!t.term || this.wordIds.has(t.surface)) continue
      const id = this.words.length
      this.words.push([t.surface, t.term])
      this.wordIds.set(t.surface, id)
      this.vocabulary.add(id, t.surface)
    }
  }
}
