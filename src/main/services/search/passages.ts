/**
 * The passages of an index as columns rather than an object each: a library of 100 000
 * paragraphs would otherwise hold 100 000 small objects for the few it shows per search.
 */
import type { SearchHit } from '../../../shared/types'

/** Anything searchable: an article's paragraph, or a bookmark or note of the reader's. */
export interface SearchDocument {
  kind: SearchHit['kind']
  annotationId?: string
  articleId: string
  title: string
  paragraph: number
  text: string
}

export class Passages {
  private readonly articleIds: string[] = []
  private readonly titleIds: number[] = []
  private readonly paragraphs: number[] = []
  private readonly texts: string[] = []
  /** Distinct titles, each once. */
  private readonly titles: string[] = []
  private readonly titleNumbers = new Map<string, number>()
  /** The reader's bookmarks and notes, which carry more than a paragraph does. */
  private readonly annotations = new Map<number, SearchDocument>()

  get length(): number {
    return this.texts.length
  }

  push(doc: SearchDocument): void {
    let title = this.titleNumbers.get(doc.title)
    if (title === undefined) {
      title = this.titles.length
      this.titles.push(doc.title)
      this.titleNumbers.set(doc.title, title)
    }
    if (doc.kind !== 'passage') this.annotations.set(this.texts.length, doc)
    this.articleIds.push(doc.articleId)
    this.titleIds.push(title)
    this.paragraphs.push(doc.paragraph)
    this.texts.push(doc.text)
  }

  get(id: number): SearchDocument {
    return (
      this.annotations.get(id) ?? {
        kind: 'passage',
        articleId: this.articleIds[id] as string,
        title: this.titles[this.titleIds[id] as number] as string,
        paragraph: this.paragraphs[id] as number,
        text: this.texts[id] as string,
      }
    )
  }

  text(id: number): string {
    return this.texts[id] as string
  }
}
