/**
 * The window's last size and place, in `<stateDir>/window-state.json`. It belongs to this
 * computer's screens rather than to the reader's data, so it is kept in this computer's state
 * folder, outside the (possibly synced) data folder. Written atomically and durably; an unreadable file is ignored.
 */
import { join } from 'node:path'
import {
  errorMessage,
  readJsonFile,
  removeLeftoverTempFiles,
  writeFileDurably,
} from '../store/durableFile'
import { windowStateSchema, type WindowState } from './windowPlacement'

export const WINDOW_STATE_FILE = 'window-state.json'

export interface WindowStateFile {
  readonly path: string
  /** The saved state, or null when there is none or it cannot be used. */
  load(): Promise<WindowState | null>
  /**
   * Saves a state. Writes never overlap: while one is in flight only the newest state waits
   * for the next write. Resolves once a write holding it (or a newer state) is done.
   */
  save(state: WindowState): Promise<void>
}

export function windowStateFile(
  /** This computer's state folder; opening the store creates it. */
  dataDir: string,
  log: (line: string) => void = () => {},
): WindowStateFile {
  const path = join(dataDir, WINDOW_STATE_FILE)
  let latest: WindowState | null = null
  let writing: Promise<void> | null = null

  const write = async (state: WindowState): Promise<void> => {
    try {
      await writeFileDurably(path, `${JSON.stringify(state, null, 2)}\n`)
    } catch (error) {
      // Forgetting where the window was is not worth interrupting the reader.
      log(`could not save the window's place: ${errorMessage(error)}`)
    }
  }

  return {
    path,
    async load() {
      await removeLeftoverTempFiles(dataDir, `${WINDOW_STATE_FILE}.`).catch(() => undefined)
      try {
        const parsed = windowStateSchema.safeParse(await readJsonFile(path))
        return parsed.success ? parsed.data : null
      } catch {
        return null
      }
    },
    save(state) {
      latest = state
      writing ??= (async () => {
        try {
          while (latest) {
            const state = latest
            latest = null
            await write(state)
          }
        } finally {
          writing = null
        }
      })()
      return writing
    },
  }
}
