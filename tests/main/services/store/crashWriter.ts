/**
 * Run as `node --import tsx crashWriter.ts <dataDir>` by the crash test: once a line `go` arrives
 * on stdin, adds bookmarks for ever, a few at a time, printing `ack <id>` once each save has
 * resolved, until it is killed. The log is folded into the snapshot every few kilobytes, so
 * some kills land in the middle of a fold. Waiting for `go` lets the test start the next process (and its
 * slow module loading) while the current one is still running.
 */
import { openUserStore } from '../../../../src/main/services/store/userStore'
import { makeBookmark } from './fixtures'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: crashWriter.ts <dataDir>')

let input = ''
for await (const chunk of process.stdin.setEncoding('utf8')) {
  input += String(chunk)
  if (input.includes('\n')) break
}
if (!input.startsWith('go')) process.exit(0)

const store = await openUserStore(dataDir, { foldAfterBytes: 65_536 })
if (store.recovery) process.stdout.write(`recovered ${JSON.stringify(store.recovery)}\n`)

// Every earlier bookmark was added in order, so the count is the next unused number.
let next = store.data.bookmarks.length
for (;;) {
  // Three at once, so some writes carry several updates.
  const batch = [next, next + 1, next + 2].map((i) => {
    const { tags, ...fields } = makeBookmark(i)
    return store
      .save([
        { t: 'put', e: `b:${fields.id}`, f: fields },
        { t: 'tags', e: `b:${fields.id}`, add: tags, rm: [] },
      ])
      .then(() => process.stdout.write(`ack bm-${i}\n`))
  })
  next += batch.length
  await Promise.all(batch)
}
