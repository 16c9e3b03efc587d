/**
 * The engines the benchmark compares, each behind the same small interface: build an
 * index over the corpus, then answer a query with document ids, best first.
 */
import { Charset, Encoder, Index } from 'flexsearch'
import EnglishPreset from 'flexsearch/lang/en'
import lunr from 'lunr'
import MiniSearch from 'minisearch'
import sqlite from 'node-sqlite3-wasm'
import { stemmer } from 'stemmer'
import { SearchIndex } from '../../src/main/services/search/searchIndex'
import type { BenchDocument } from './cranfield'

export interface Engine {
  name: string
  /** What it is, for the report. */
  label: string
  build(documents: BenchDocument[]): void
  /** Natural-language query: every word counts. */
  search(query: string, limit: number): number[]
  /** Type-ahead: the last word is a prefix still being typed. */
  typeahead?(query: string, limit: number): number[]
  /** Lets go of the index (and its memory). */
  close(): void
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

function flexsearch(name: string, label: string, suggest: boolean, english: boolean): Engine {
  let index: Index
  return {
    name,
    label,
    build(documents) {
      index = english
        ? new Index({ encoder: new Encoder({ ...Charset.Default, ...EnglishPreset }) })
        : new Index()
      for (const d of documents) index.add(d.id, `${d.title} ${d.text}`)
    },
    search: (query, limit) => index.search(query, { limit, suggest }) as number[],
    close: () => {
      index = undefined as never
    },
  }
}

/** FlexSearch set up for type-ahead: every word indexed by its prefixes. */
function flexsearchForward(): Engine {
  let index: Index
  return {
    name: 'flexsearch-forward',
    label: 'FlexSearch forward tokenizer + suggest',
    build(documents) {
      index = new Index({ tokenize: 'forward' })
      for (const d of documents) index.add(d.id, `${d.title} ${d.text}`)
    },
    search: (query, limit) => index.search(query, { limit, suggest: true }) as number[],
    typeahead: (query, limit) => index.search(query, { limit, suggest: true }) as number[],
    close: () => {
      index = undefined as never
    },
  }
}

function minisearch(): Engine {
  let index: MiniSearch<BenchDocument>
  return {
    name: 'minisearch',
    label: 'MiniSearch + Porter stemmer',
    build(documents) {
      index = new MiniSearch<BenchDocument>({
        fields: ['title', 'text'],
        processTerm: (term) => stemmer(term.toLowerCase()),
      })
      index.addAll(documents)
    },
    search: (query, limit) =>
      index
        .search(query)
        .slice(0, limit)
        .map((r) => r.id as number),
    typeahead: (query, limit) => {
      const last = words(query).at(-1)
      return index
        .search(query, { prefix: (term) => term === last })
        .slice(0, limit)
        .map((r) => r.id as number)
    },
    close: () => {
      index = undefined as never
    },
  }
}

function lunrEngine(): Engine {
  let index: lunr.Index
  return {
    name: 'lunr',
    label: 'Lunr (English stemmer and stop words)',
    build(documents) {
      index = lunr(function () {
        this.ref('id')
        this.field('title')
        this.field('text')
        for (const d of documents) this.add(d)
      })
    },
    // The query builder, not the query-string parser: Cranfield questions contain its syntax.
    search: (query, limit) =>
      index
        .query((q) => q.term(lunr.tokenizer(query), {}))
        .slice(0, limit)
        .map((r) => Number(r.ref)),
    typeahead: (query, limit) => {
      const terms = lunr.tokenizer(query)
      const last = terms.pop()
      return index
        .query((q) => {
          q.term(terms, {})
          if (last) {
            q.term(last.toString(), {
              wildcard: lunr.Query.wildcard.TRAILING,
              usePipeline: false,
            })
          }
        })
        .slice(0, limit)
        .map((r) => Number(r.ref))
    },
    close: () => {
      index = undefined as never
    },
  }
}

export function fts5(): Engine {
  let db: InstanceType<typeof sqlite.Database>
  const run = (match: string, limit: number): number[] =>
    match
      ? (
          db.all('SELECT rowid AS id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?', [
            match,
            limit,
          ]) as { id: number }[]
        ).map((r) => r.id)
      : []
  return {
    name: 'fts5',
    label: 'SQLite FTS5 bm25, Porter (SQLite in WebAssembly)',
    build(documents) {
      db = new sqlite.Database()
      db.exec("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter unicode61')")
      db.exec('BEGIN')
      const insert = db.prepare('INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)')
      for (const d of documents) insert.run([d.id, d.title, d.text])
      insert.finalize()
      db.exec('COMMIT')
    },
    search: (query, limit) =>
      run(
        words(query)
          .map((w) => `"${w}"`)
          .join(' OR '),
        limit,
      ),
    typeahead: (query, limit) => {
      const terms = words(query).map((w) => `"${w}"`)
      if (terms.length) terms.push(`${terms.pop()}*`)
      return run(terms.join(' OR '), limit)
    },
    close: () => db.close(),
  }
}

export function lectern(): Engine {
  let index: SearchIndex
  return {
    name: 'lectern',
    label: "Lectern's search",
    build(documents) {
      index = new SearchIndex()
      for (const d of documents) {
        index.addArticle({ id: String(d.id), title: d.title, paragraphs: [d.text] })
      }
      index.commit()
    },
    // A question as asked, like every peer gets it: its quotation marks cite titles (CACM),
    // they are not the search box's exact-phrase syntax.
    search: (query, limit) =>
      index.rank(query.replace(/["“”„«»]/g, ' '), limit).map((r) => Number(r.passage.articleId)),
    typeahead: (query, limit) => index.rank(query, limit).map((r) => Number(r.passage.articleId)),
    close: () => {
      index = undefined as never
    },
  }
}

/** Every engine of the report, Lectern's first. */
export const allEngines = (): Engine[] => [
  lectern(),
  flexsearch('flexsearch', 'FlexSearch defaults (all terms AND)', false, false),
  flexsearch('flexsearch-suggest', 'FlexSearch + suggest', true, false),
  flexsearch('flexsearch-english', 'FlexSearch English encoder + suggest', true, true),
  fts5(),
  minisearch(),
  lunrEngine(),
]

export const typeaheadEngines = (): Engine[] => [
  lectern(),
  flexsearchForward(),
  fts5(),
  minisearch(),
  lunrEngine(),
]
