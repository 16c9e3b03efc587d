/** The contract's calls, as the preload (or the test host's stand-in) exposes them. */
import type { LecternApi } from '../../shared/contract'

declare global {
  interface Window {
    lectern: LecternApi
  }
}

export const api = (): LecternApi => window.lectern

export function messageOf(err: unknown): string {
  return err instanceof Error
    ? err.message.replace(/^Error invoking remote method '[^']+': /, '')
    : String(err)
}
