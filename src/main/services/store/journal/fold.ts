/**
 * Folding: the snapshot rewritten from the folder as it is on disk (snapshot, copies, logs), so
 * that opening reads little of the logs. It only reads the folder and replaces `lectern.json`
 * atomically, so a fold stopped at any step leaves the folder meaning the same. Logs are kept:
 * another computer may not have them yet, and a sync tool may still bring an older snapshot.
 */
import { join } from 'node:path'
import { writeFileDurably, type DurableFs, nodeFs } from '../durableFile'
import { loadFolder, SNAPSHOT_FILE } from './loadFolder'
import { snapshotText } from './snapshot'

export interface FoldResult {
  /** Records that were in logs past the previous fold. */
  records: number
  bytes: number
}

export async function foldFolder(
  dataDir: string,
  device: string,
  fs: DurableFs = nodeFs,
): Promise<FoldResult> {
  const loaded = await loadFolder(dataDir, device)
  const text = snapshotText(loaded.state, loaded.offsets)
  await writeFileDurably(join(dataDir, SNAPSHOT_FILE), text, fs)
  return {
    records: loaded.logs.reduce((sum, log) => sum + log.records, 0),
    bytes: Buffer.byteLength(text),
  }
}
