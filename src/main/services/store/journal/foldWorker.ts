/** The fold, on a worker thread: the app's thread never serialises the whole store. */
import { parentPort, workerData } from 'node:worker_threads'
import { errorMessage } from '../durableFile'
import { foldFolder } from './fold'

const { dataDir, device } = workerData as { dataDir: string; device: string }
foldFolder(dataDir, device).then(
  (result) => parentPort?.postMessage({ ok: true, ...result }),
  (error: unknown) => parentPort?.postMessage({ ok: false, error: errorMessage(error) }),
)
