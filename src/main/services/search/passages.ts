/**
 * The passages of an index as columns rather than an object each: a library of 100 000
 * paragraphs would otherwise hold 100 000 small objects for the few it shows per search.
 * An article's passages are numbered in a row, so that it can be removed whole; a removed
 * passage's number is never given again, and the numbers are made dense again only when
 * the index is rebuilt or loaded from its snapshot.
 */
import type { SearchHit } from '../../../shared/types'
import { filterWords, mayHoldPairs } from './phrasePairs'

/** Anything searchable: an article's paragraph, or a bookmark or note of the reader's. */
export interface SearchDocument {
  kind: SearchHit['kind']
  annotationId?: string
  articleId: string
  title: string
  paragraph: number
  text: string
}

/**
 * A paragraph's text by article id and paragraph number, or undefined when the article is
 * gone: lets an index of a large library leave the texts with the library.
 */
export type TextOf = (articleId: string, paragraph: number) => string | undefined

/** The article column's mark for a passage that was removed. */
const REMOVED = -1
/** The article column's mark for a bookmark or note, which carries its own document. */
const ANNOTATION = -2

export class Passages {
  /** Per passage: its article's number, or REMOVED / ANNOTATION. */
  private readonly articles: number[] = []
  private readonly paragraphs: number[] = []
  private readonly bodyLengths: number[] = []
  private readonly titleLengths: number[] = []
  /**
   * Per passage, where its filter of adjacent word pairs starts in `filters` (see
   * `phrasePairs.ts`); its length follows from its body length. One more than passages.
   */
  private readonly filterStarts: number[] = [0]
  /** The passages' filters, one after another; only `filterEnd` words are used. */
  private filters: Int32Array = new Int32Array(1024)
  /** Per passage, only when there is no `textOf`. */
  private readonly texts: string[] = []
  /** Per article number: id, title, and its passages' numbers [first, end). */
  private readonly articleIds: string[] = []
  private readonly titles: string[] = []
  private readonly firsts: number[] = []
  private readonly ends: number[] = []
  private readonly numbers = new Map<string, number>()
  /** The reader's bookmarks and notes, which carry more than a paragraph does. */
  private readonly annotations = new Map<number, SearchDocument>()
  private removed = 0

  /**
   * Whether passages keep a filter of their word pairs: only where texts are read from the
   * library, as a phrase check there reads a file (see `mayHold`); a text kept in memory is
   * checked at once, and its filter would only cost memory and build time.
   */
  private pairFilters: boolean

  constructor(private readonly textOf?: TextOf) {
    this.pairFilters = textOf !== undefined
  }

  /** Whether passages get a filter of their word pairs (see `pairFilters`). */
  get filtered(): boolean {
    return this.pairFilters
  }

  /**
   * For a snapshot taken of passages without filters: none are kept, before any is pushed,
   * and every phrase candidate is read.
   */
  withoutFilters(): void {
    if (this.articles.length) throw new Error('filters are chosen before the first passage')
    this.pairFilters = false
  }

  /** How many numbers were given, removed passages included: the range of passage ids. */
  get length(): number {
    return this.articles.length
  }

  /** How many passages there are. */
  get live(): number {
    return this.articles.length - this.removed
  }

  /** Whether texts are read from the library rather than kept here. */
  get lazy(): boolean {
    return this.textOf !== undefined
  }

  /**
   * @param filter The passage's filter of adjacent word pairs, of `filterWords(bodyLength)`
   *   words; left empty when the filters come later, all at once (see `useFilters`).
   */
  push(doc: SearchDocument, bodyLength: number, titleLength: number, filter?: Int32Array): number {
    const id = this.articles.length
    const start = this.filterStarts[id] as number
    const end = start + (this.pairFilters ? filterWords(bodyLength) : 0)
    if (filter && this.pairFilters) {
      if (filter.length !== end - start) throw new Error('a pair filter of the wrong size')
      if (end > this.filters.length) {
        const grown = new Int32Array(Math.max(end, 2 * this.filters.length))
        grown.set(this.filters.subarray(0, start))
        this.filters = grown
      }
      this.filters.set(filter, start)
    }
    this.filterStarts.push(end)
    if (doc.kind !== 'passage') {
      this.annotations.set(id, doc)
      this.articles.push(ANNOTATION)
    } else {
      const article = this.numbers.get(doc.articleId)
      // An article's passages come in a row, right after `declare`.
      if (article === undefined || this.ends[article] !== id) {
        throw new Error(`passage of article ${doc.articleId} out of its article's row`)
      }
      this.ends[article] = id + 1
      this.articles.push(article)
    }
    this.paragraphs.push(doc.paragraph)
    this.bodyLengths.push(bodyLength)
    this.titleLengths.push(titleLength)
    if (!this.textOf || doc.kind !== 'passage') this.texts[id] = doc.text
    return id
  }

  /**
   * The filters of every passage pushed without one, in their order: a snapshot's column,
   * used in place (a passage pushed later makes a copy). Throws when it is not their size.
   */
  useFilters(filters: Int32Array): void {
    if (filters.length !== this.filterStarts.at(-1)) {
      throw new Error('pair filters do not match the passages')
    }
    this.filters = filters
  }

  /** Every passage's filter, in order, for a snapshot (see `useFilters`). */
  filterOf(id: number): Int32Array {
    return this.filters.subarray(this.filterStarts[id], this.filterStarts[id + 1])
  }

  /**
   * Whether the passage may hold each pair of `phrasePairs`: false only when it cannot hold
   * the phrases they were made of.
   */
  mayHold(id: number, pairs: number[]): boolean {
    if (!pairs.length || !this.pairFilters) return true
    const start = this.filterStarts[id] as number
    return mayHoldPairs(this.filters, start, (this.filterStarts[id + 1] as number) - start, pairs)
  }

  /** Starts an article; its passages follow. */
  declare(articleId: string, title: string): void {
    if (this.numbers.has(articleId)) throw new Error(`article ${articleId} is in the index already`)
    const id = this.articles.length
    this.numbers.set(articleId, this.articleIds.length)
    this.articleIds.push(articleId)
    this.titles.push(title)
    this.firsts.push(id)
    this.ends.push(id)
  }

  has(articleId: string): boolean {
    return this.numbers.has(articleId)
  }

  /** Ids of the articles held, in the order they were added. */
  *articleIdsHeld(): Generator<string> {
    for (const [id] of this.numbers) yield id
  }

  /** The article's passage numbers [first, end), or undefined. */
  rangeOf(articleId: string): [first: number, end: number] | undefined {
    const article = this.numbers.get(articleId)
    if (article === undefined) return undefined
    return [this.firsts[article] as number, this.ends[article] as number]
  }

  /** Forgets an article; its passages' numbers stay taken. */
  removeArticle(articleId: string): void {
    const article = this.numbers.get(articleId)
    if (article === undefined) return
    for (let id = this.firsts[article] as number; id < (this.ends[article] as number); id++) {
      this.articles[id] = REMOVED
      delete this.texts[id]
      this.removed++
    }
    this.numbers.delete(articleId)
  }

  alive(id: number): boolean {
    return this.articles[id] !== REMOVED && id < this.articles.length
  }

  bodyLength(id: number): number {
    return this.bodyLengths[id] as number
  }

  titleLength(id: number): number {
    return this.titleLengths[id] as number
  }

  /** The passage, or undefined when it was removed or its article is gone from the library. */
  get(id: number): SearchDocument | undefined {
    const annotation = this.annotations.get(id)
    if (annotation) return annotation
    const article = this.articles[id]
    if (article === undefined || article < 0) return undefined
    const articleId = this.articleIds[article] as string
    const paragraph = this.paragraphs[id] as number
    const text = this.texts[id] ?? this.textOf?.(articleId, paragraph)
    if (text === undefined) return undefined
    return { kind: 'passage', articleId, title: this.titles[article] as string, paragraph, text }
  }

  /** The passage's text alone (a phrase is checked before a passage is made of it). */
  textAt(id: number): string | undefined {
    const annotation = this.annotations.get(id)
    if (annotation) return annotation.text
    const article = this.articles[id]
    if (article === undefined || article < 0) return undefined
    return (
      this.texts[id] ??
      this.textOf?.(this.articleIds[article] as string, this.paragraphs[id] as number)
    )
  }

  /** Article id, title and paragraph without the text (for snapshots). */
  placeOf(id: number): { articleId: string; title: string; paragraph: number } | undefined {
    const article = this.articles[id]
    if (article === undefined || article < 0) return undefined
    return {
      articleId: this.articleIds[article] as string,
      title: this.titles[article] as string,
      paragraph: this.paragraphs[id] as number,
    }
  }
}
