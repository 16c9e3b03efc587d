/**
 * The worker that builds a library's article index off the main thread (see indexStore.ts):
 * it is sent the articles in batches, then `end`, and answers with the index's snapshot file
 * bytes, transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads'
import { SearchIndex } from './searchIndex'
import { encodeSnapshot, metaFor } from './snapshotCodec'

export interface IndexedArticle {
  id: string
  title: string
  paragraphs: string[]
  /** The summary's word count: part of the snapshot's fingerprint. */
  words: number
}

export type BuildMessage = { type: 'articles'; articles: IndexedArticle[] } | { type: 'end' }
export type BuildReply =
  { type: 'done'; bytes: Uint8Array } | { type: 'failed'; message: string } | { type: 'ready' }

// Texts are never shown here: the index keeps none of them.
const index = new SearchIndex({}, undefined, () => undefined)
const words = new Map<string, number>()

parentPort?.on('message', (message: BuildMessage) => {
  try {
    if (message.type === 'articles') {
      for (const a of message.articles) {
        index.addArticle(a)
        words.set(a.id, a.words)
      }
      return
    }
    const snapshot = index.toSnapshot()
    const meta = metaFor(
      snapshot.articles.map(([id]) => id),
      (id) => words.get(id) ?? 0,
    )
    const bytes = encodeSnapshot(snapshot, meta)
    const reply: BuildReply = { type: 'done', bytes }
    parentPort?.postMessage(reply, [bytes.buffer as ArrayBuffer])
  } catch (error) {
    const reply: BuildReply = {
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
    }
    parentPort?.postMessage(reply)
  }
})

parentPort?.postMessage({ type: 'ready' } satisfies BuildReply)
