/**
 * The library's article index, kept in step with the library and on disk.
 *
 * A small library (under `inlineWords` words) is indexed on first use, on the main thread, as
 * it always was. A large one opens from its snapshot (`<dataDir>/search/articles.idx`): when
 * the snapshot's fingerprint (article ids and word counts) matches the library it is used as
 * it is; when a few articles came or went since, it is used and the difference applied; when
 * it is missing, damaged, of another version or far behind, the index is rebuilt in a worker
 * thread (with a memory ceiling and a time limit) while the main thread stays free. Until an
 * index is ready, searches are answered from an empty one and `building` says so; a problem
 * with the snapshot or the worker is reported through `log`, never thrown at the reader.
 *
 * After each change of the library its articles are added or removed incrementally; the
 * snapshot is saved a while after the last change, and on close.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Article } from '../../../shared/types'
import type { ArticleLibrary, LibraryChange } from '../library/articleLibrary'
import { errorCode, errorMessage, writeFileDurably } from '../store/durableFile'
import { workerEntry, type WorkerEntry } from '../workerEntry'
import type { BuildMessage, BuildReply, IndexedArticle } from './indexWorker'
import { openPassageTexts, type PassageTexts } from './passageTexts'
import { SearchIndex, WARM_SEARCHES, type TextOf, type Warming } from './searchIndex'
import { checkMeta, decodeSnapshot, encodeSnapshot, metaFor } from './snapshotCodec'

export interface IndexStoreOptions {
  /** The data folder; without it the index lives in memory only. */
  dataDir?: string
  /** Never write the snapshot (a CLI command that only reads). */
  readOnly?: boolean
  /** Libraries of fewer words are indexed on first use, on the main thread, with no snapshot. */
  inlineWords?: number
  /** How long after the last change the snapshot is saved. */
  saveDelayMs?: number
  /** The build worker's heap ceiling, in megabytes, and time limit. */
  workerMemoryMb?: number
  workerTimeoutMs?: number
  /** Where problems are told (a damaged snapshot, a failed build); they are never thrown. */
  log?: (message: string) => void
}

/** Where the index stands, for the reader and for tests. */
export interface IndexStatus {
  state: 'building' | 'ready'
  /** How the index in use came to be. */
  source: 'none' | 'inline' | 'snapshot' | 'worker' | 'main-thread'
  /** Why the snapshot was not used as it was, when it was not. */
  problem?: string
}

export interface ArticleIndexStore {
  /** The index to search now: complete unless `status().state` is `building`. */
  current(): SearchIndex
  status(): IndexStatus
  /** Moves on whenever the index in use changes (an index that shares its statistics is rebuilt). */
  readonly generation: number
  /** Settles once the index is complete and in step with the library. */
  whenReady(): Promise<void>
  /** Saves the snapshot now if it changed. */
  save(): Promise<void>
  /** Stops any build, unsubscribes, and saves the snapshot. */
  close(): Promise<void>
}

export const SNAPSHOT_FILE = join('search', 'articles.idx')
const DEFAULT_INLINE_WORDS = 300_000
/** Changes applied to a loaded snapshot at most, as a share of the library; more is a rebuild. */
const MAX_STALE_SHARE = 0.25
/** Main-thread work per slice when adding articles, in milliseconds, before yielding. */
const SLICE_MS = 12
/** Articles sent to the worker per message. */
const BATCH = 64
/** Paragraph texts held in memory at most while they are being written beside the index. */
const SPILL_BYTES = 32 * 2 ** 20

/** The build worker's script (bundled as `searchWorker.js`). */
const workerScript = () => workerEntry(import.meta.url, 'indexWorker.ts', 'searchWorker.js')

/** Whether an index of this process has searched once in each way (see `SearchIndex.warm`). */
let searchesWarmed = false

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * @param textOf A paragraph's text from the library: for a large library, where the texts
 *   kept beside the index (see `passageTexts.ts`) do not have it.
 */
export function openArticleIndex(
  library: ArticleLibrary,
  textOf: TextOf,
  options: IndexStoreOptions = {},
): ArticleIndexStore {
  const inlineWords = options.inlineWords ?? DEFAULT_INLINE_WORDS
  const log = options.log ?? (() => {})
  const file = options.dataDir ? join(options.dataDir, SNAPSHOT_FILE) : undefined
  /** The paragraphs' texts beside the snapshot, once opened. */
  let texts: PassageTexts | undefined
  const textFor: TextOf = (articleId, paragraph) => {
    const text = texts?.textOf(articleId, paragraph)
    if (text !== undefined || !texts) return text ?? textOf(articleId, paragraph)
    // Not held (damaged, or not read in yet): read in again, the library answers meanwhile.
    if (inStep && !toAdd.has(articleId)) fillTexts()
    return textOf(articleId, paragraph)
  }
  const wordsOf = new Map<string, number>()
  const libraryWords = (): number => library.list().reduce((s, a) => s + a.words, 0)

  let index: SearchIndex | undefined
  let generation = 0
  let status: IndexStatus = { state: 'building', source: 'none' }
  /** Articles to add on the main thread, a slice at a time. */
  const toAdd = new Set<string>()
  let adding: Promise<void> | undefined
  let worker: Worker | undefined
  let closed = false
  /** The index changed since it was last saved or loaded. */
  let dirty = false
  /** A worker's snapshot bytes not yet on disk, for as long as the index is what they say. */
  let built: Uint8Array | undefined
  let saveTimer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()
  let settle: () => void = () => {}
  let ready = new Promise<void>((resolve) => (settle = resolve))

  /** Whether `index` is the library's (not a stand-in while one is loaded or built). */
  let inStep = false
  const use = (next: SearchIndex, source: IndexStatus['source']): void => {
    index = next
    inStep = true
    generation++
    status = { ...status, source }
  }
  const changed = (): void => {
    dirty = true
    built = undefined
    generation++
    scheduleSave()
  }
  const finish = (): void => {
    if (toAdd.size || worker) return
    status = { ...status, state: 'ready' }
    settle()
    // The word lists for type-ahead and spelling, made once the reader has a window rather
    // than on the first keystroke or the first word that matches nothing; then, once in the
    // life of the process (the code is the same for every index), a search of each kind.
    // One at a time per turn of the event loop, so that none holds the window up long.
    const warming = index
    const warmNext = (lists: Warming[]): void => {
      const [list, ...rest] = lists
      if (!list || closed || index !== warming) return
      if (list !== 'completion' && list !== 'spelling') searchesWarmed = true
      warming?.warm(list)
      setImmediate(() => warmNext(rest))
    }
    setImmediate(() =>
      warmNext(['completion', 'spelling', ...(searchesWarmed ? [] : WARM_SEARCHES)]),
    )
    // Saves waited for the index to be complete.
    if (dirty || built) scheduleSave()
  }

  const addNow = (a: Article): void => {
    ;(index as SearchIndex).addArticle(a)
    wordsOf.set(a.id, a.words)
    texts?.keep(a)
  }

  /**
   * Reads into the texts beside the index the articles they miss (none was written yet, or
   * they were damaged), a slice at a time; until then those texts come from the library.
   */
  let filling: Promise<void> | undefined
  /** More went missing while filling: look again when done. */
  let fillAgain = false
  /** Articles the library could not give: not asked for again. */
  const unreadable = new Set<string>()
  const fillTexts = (): void => {
    if (!texts || options.readOnly || closed) return
    if (filling) {
      fillAgain = true
      return
    }
    const store = texts
    const missing = store
      .retain(new Map(library.list().map((a) => [a.id, a.words])))
      .filter((id) => !unreadable.has(id))
    if (!missing.length) return
    filling = (async () => {
      let started = performance.now()
      for (const id of missing) {
        if (closed) break
        const words = wordsOf.get(id)
        if (words === undefined || !library.has(id) || store.holds(id, words)) continue
        try {
          store.keep(library.get(id))
        } catch (error) {
          unreadable.add(id)
          log(`search: article ${id} could not be read: ${errorMessage(error)}`)
        }
        if (store.heldBytes > SPILL_BYTES) await store.spill()
        if (performance.now() - started > SLICE_MS) {
          await yieldToEvents()
          started = performance.now()
        }
      }
    })().finally(() => {
      // After the assignment above, even when nothing was awaited.
      filling = undefined
      scheduleSave()
      if (fillAgain) {
        fillAgain = false
        fillTexts()
      }
    })
  }

  /** Adds the waiting articles in slices, yielding between them, so searches go on. */
  const drain = (): Promise<void> => {
    adding ??= (async () => {
      while (toAdd.size && !closed) {
        const started = performance.now()
        for (const id of toAdd) {
          toAdd.delete(id)
          if (!library.has(id)) continue
          try {
            addNow(library.get(id))
          } catch (error) {
            log(`search: article ${id} could not be indexed: ${errorMessage(error)}`)
          }
          if (performance.now() - started > SLICE_MS) break
        }
        changed()
        await yieldToEvents()
      }
      adding = undefined
      finish()
    })()
    return adding
  }

  const remove = (ids: string[]): void => {
    if (!index || !ids.length) return
    const held = ids.filter((id) => index?.hasArticle(id))
    for (const id of ids) toAdd.delete(id)
    if (!held.length) return
    index.removeArticles(held)
    for (const id of held) wordsOf.delete(id)
    changed()
  }

  /** Brings the index in step with the library: what came, went or changed since it was made. */
  const reconcile = (): { added: string[]; removed: string[] } => {
    const current = new Map(library.list().map((a) => [a.id, a.words]))
    const held = (index as SearchIndex).articleIds()
    const removed = held.filter((id) => current.get(id) !== wordsOf.get(id))
    const heldSet = new Set(held)
    const added = [...current.keys()].filter(
      (id) => !heldSet.has(id) || current.get(id) !== wordsOf.get(id),
    )
    return { added, removed }
  }

  const apply = ({ added, removed }: { added: string[]; removed: string[] }): void => {
    remove(removed)
    for (const id of added) toAdd.add(id)
    if (toAdd.size) void drain()
  }

  const onChange = (change: LibraryChange): void => {
    if (closed) return
    // Their texts, when they come back, are the library's (and kept again when indexed).
    texts?.forget([...change.removed, ...change.added])
    // Until an index is in, changes are caught up with by reconciling once it is.
    if (!index || !inStep || worker) return
    // A changed article comes as removed and added: the old passages go first.
    remove(change.removed)
    const added = change.added.filter((id) => library.has(id))
    if (!added.length) return
    status = { ...status, state: 'building' }
    ready = new Promise<void>((resolve) => (settle = resolve))
    for (const id of added) {
      if (index.hasArticle(id)) index.removeArticles([id])
      toAdd.add(id)
    }
    void drain()
  }
  const unsubscribe = library.subscribe(onChange)

  const persistent = (): boolean =>
    file !== undefined && !options.readOnly && libraryWords() >= inlineWords

  const scheduleSave = (): void => {
    if (!persistent() || closed) return
    clearTimeout(saveTimer)
    saveTimer = setTimeout(() => void save(), options.saveDelayMs ?? 10_000)
    saveTimer.unref()
  }

  const save = (): Promise<void> => {
    clearTimeout(saveTimer)
    writing = writing.then(async () => {
      if (!file || !index || !persistent() || status.state !== 'ready') return
      if (dirty || built) {
        const bytes =
          built ??
          encodeSnapshot(
            index.toSnapshot(),
            metaFor(index.articleIds(), (id) => wordsOf.get(id) ?? 0),
          )
        dirty = false
        built = undefined
        try {
          await mkdir(dirname(file), { recursive: true })
          await writeFileDurably(file, bytes)
        } catch (error) {
          dirty = true
          log(`search: the index could not be saved: ${errorMessage(error)}`)
        }
      }
      // Never throws: a problem is logged, and the texts are read from the library.
      await texts?.save()
    })
    return writing
  }

  /** Loads the snapshot; the reason it cannot be used as it is, or null when it was used. */
  const load = async (): Promise<string | null> => {
    if (!file) return 'no data folder'
    let bytes: Uint8Array
    try {
      bytes = await readFile(file)
    } catch (error) {
      return errorCode(error) === 'ENOENT' ? 'no snapshot yet' : errorMessage(error)
    }
    try {
      return take(bytes, 'snapshot')
    } catch (error) {
      return `snapshot ${errorMessage(error)}`
    }
  }

  /** Uses a snapshot's bytes if they are close enough to the library; throws when unusable. */
  const take = (bytes: Uint8Array, source: 'snapshot' | 'worker'): string | null => {
    const { snapshot, meta } = decodeSnapshot(bytes)
    const checked = checkMeta(meta, snapshot)
    if (!checked) throw new Error('fingerprint does not agree with its index')
    const loaded = SearchIndex.fromSnapshot(snapshot, textFor)
    const ids = snapshot.articles.map(([id]) => id)
    const previous = new Map(wordsOf)
    wordsOf.clear()
    ids.forEach((id, i) => wordsOf.set(id, checked.words[i] as number))
    const prior = index
    index = loaded
    const diff = reconcile()
    const changes = diff.added.length + diff.removed.length
    if (source === 'snapshot' && changes > Math.max(16, MAX_STALE_SHARE * ids.length)) {
      index = prior
      wordsOf.clear()
      for (const [id, w] of previous) wordsOf.set(id, w)
      return `snapshot is ${changes} articles behind`
    }
    use(loaded, source)
    if (source === 'worker' && !changes) built = bytes
    if (changes) apply(diff)
    return null
  }

  /** Builds the index in a worker; on failure, on the main thread a slice at a time. */
  const buildInWorker = async (): Promise<void> => {
    let entry: WorkerEntry
    try {
      entry = workerScript()
    } catch (error) {
      return buildOnMainThread(errorMessage(error))
    }
    const w = new Worker(entry.file, {
      eval: entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: options.workerMemoryMb ?? 2048 },
    })
    worker = w
    const reply = new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the index build ran out of time')),
        options.workerTimeoutMs ?? 10 * 60_000,
      )
      timer.unref()
      w.on('message', (m: BuildReply) => {
        if (m.type === 'done') resolve(m.bytes)
        else if (m.type === 'failed') reject(new Error(m.message))
      })
      w.on('error', (error) => {
        const oom = errorCode(error) === 'ERR_WORKER_OUT_OF_MEMORY'
        reject(oom ? new Error('the index build ran out of memory') : error)
      })
      w.on('exit', () => reject(new Error('the index build stopped')))
    })
    reply.catch(() => {}) // read below; a rejection before then is not unhandled
    try {
      // Articles are read here (the library lives on this thread) and sent in batches,
      // yielding between them; the worker does the analysis and indexing.
      let batch: IndexedArticle[] = []
      let started = performance.now()
      for (const a of library.all()) {
        if (closed) throw new Error('closed')
        batch.push({ id: a.id, title: a.title, paragraphs: a.paragraphs, words: a.words })
        // The texts are written beside the index as they go by, unless they are there already.
        if (texts && !texts.holds(a.id, a.words)) texts.keep(a)
        if (batch.length >= BATCH) {
          w.postMessage({ type: 'articles', articles: batch } satisfies BuildMessage)
          batch = []
        }
        if (performance.now() - started > SLICE_MS) {
          await Promise.race([yieldToEvents(), reply])
          if (texts && texts.heldBytes > SPILL_BYTES) await Promise.race([texts.spill(), reply])
          started = performance.now()
        }
      }
      w.postMessage({ type: 'articles', articles: batch } satisfies BuildMessage)
      w.postMessage({ type: 'end' } satisfies BuildMessage)
      const bytes = await reply
      worker = undefined
      void w.terminate()
      if (closed) return
      take(bytes, 'worker')
      fillTexts()
      finish()
    } catch (error) {
      worker = undefined
      void w.terminate()
      if (closed) return
      buildOnMainThread(errorMessage(error))
    }
  }

  const buildOnMainThread = (problem: string): void => {
    log(`search: building the index on the main thread (${problem})`)
    status = { ...status, problem: `${status.problem ?? ''}; ${problem}`.replace(/^; /, '') }
    use(new SearchIndex({}, undefined, textFor), 'main-thread')
    wordsOf.clear()
    for (const a of library.list()) toAdd.add(a.id)
    void drain()
  }

  const openTexts = async (): Promise<void> => {
    const dir = dirname(file as string)
    try {
      if (!options.readOnly) await mkdir(dir, { recursive: true })
      texts = await openPassageTexts(dir, { readOnly: options.readOnly, log })
    } catch (error) {
      log(`search: the paragraph texts are read from the library: ${errorMessage(error)}`)
    }
  }

  const open = async (): Promise<void> => {
    await openTexts()
    // Closed meanwhile: `close` found no texts to close.
    if (closed) return void (await texts?.close())
    const problem = await load()
    if (closed) return
    if (problem === null) {
      fillTexts()
      return finish()
    }
    status = { ...status, problem }
    if (problem !== 'no snapshot yet') log(`search: rebuilding the index: ${problem}`)
    await buildInWorker()
  }

  // A small library is indexed on first use; a large one opens in the background.
  const large = file !== undefined && libraryWords() >= inlineWords
  if (large) {
    void open().catch((error: unknown) => buildOnMainThread(errorMessage(error)))
  }

  const current = (): SearchIndex => {
    if (!index) {
      index = new SearchIndex({}, undefined, large ? textFor : undefined)
      if (!large) {
        // Inline: as it always was, at once; texts stay in the index (the library is small).
        for (const a of library.all()) addNow(a)
        use(index, 'inline')
        finish()
      }
    }
    return index
  }

  return {
    current,
    status: () => status,
    get generation() {
      return generation
    },
    whenReady() {
      if (!large) current()
      return ready
    },
    save,
    async close() {
      if (closed) return writing
      closed = true
      unsubscribe()
      settle() // nobody waits for an index that will not come
      clearTimeout(saveTimer)
      const w = worker
      worker = undefined
      if (w) await w.terminate()
      await adding
      await filling
      if (status.state === 'ready') await save()
      else await writing
      await texts?.close()
    },
  }
}
