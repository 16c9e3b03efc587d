/**
 * What happens when the data file cannot be used: its bytes are kept aside untouched, and the
 * newest usable backup (or, failing that, empty data) takes its place.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LecternError } from '../../../shared/reply'
import type { RecoveryNotice } from '../../../shared/types'
import { newestValidBackup } from './backups'
import {
  createFileDurably,
  errorMessage,
  type DurableFs,
  type DurableJsonFile,
} from './durableFile'
import { fileStamp } from './fileStamp'
import { emptyStoreData, type StoreData } from './schema'

export interface Recovered {
  data: StoreData
  notice: RecoveryNotice
}

export async function recoverDamagedFile(
  dataDir: string,
  file: DurableJsonFile<StoreData>,
  problem: string,
  fs: DurableFs,
): Promise<Recovered> {
  let bytes: Buffer
  try {
    bytes = await readFile(file.path)
  } catch (error) {
    // Without its bytes kept safe elsewhere, the file must not be replaced.
    throw new LecternError(
      'internal',
      `Lectern cannot read its data file ${file.path} (${errorMessage(error)}) and will not replace it. Check the file's permissions, or move it away, and try again.`,
    )
  }
  const at = new Date()
  // A copy rather than a rename: until the replacement is in place the damaged file stays
  // where it was, so a crash during recovery loses nothing and recovery simply runs again.
  const movedTo = await createFileDurably(
    join(dataDir, `lectern.damaged-${fileStamp(at)}`),
    '.json',
    bytes,
    fs,
  )
  const restored = await newestValidBackup(dataDir)
  const data = restored?.data ?? emptyStoreData()
  await file.write(data)
  return {
    data,
    notice: { problem, movedTo, restoredFrom: restored?.path ?? null, at: at.toISOString() },
  }
}
