/** The reader's settings, kept in the user store: every change is durable before it is acknowledged. */
import { applySettingsChange, type Settings, type SettingsChange } from '../../../shared/settings'
import { settingsChangeSchema } from '../../../shared/settingsSchema'
import { LecternError } from '../../../shared/reply'
import type { UserStore } from '../store/userStore'

export interface SettingsService {
  get(): Settings
  /** Applies a change (any subset of the fields) and resolves with all the settings once on disk. */
  save(change: SettingsChange): Promise<Settings>
}

export function createSettingsService(store: UserStore): SettingsService {
  return {
    get: () => structuredClone(store.data.settings),
    async save(change) {
      // The contract checks calls from the window; this also guards callers in main and the CLI.
      const parsed = settingsChangeSchema.safeParse(change)
      if (!parsed.success) {
        const problem = parsed.error.issues
          .map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`)
          .join('; ')
        throw new LecternError('invalid-argument', `Invalid settings: ${problem}`)
      }
      return store.update((data) => {
        data.settings = applySettingsChange(data.settings, parsed.data)
        return structuredClone(data.settings)
      })
    },
  }
}
