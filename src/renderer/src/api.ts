/** The contract's calls, as the preload (or the test host's stand-in) exposes them. */
import type { LecternApi, LecternCommands, MenuCommand } from '../../shared/contract'

declare global {
  interface Window {
    lectern: LecternApi
    /** Only in the app: the application menu's commands (a browser has no such menu). */
    lecternCommands?: LecternCommands
  }
}

export const api = (): LecternApi => window.lectern

/** Hears the application menu's commands, where there is one; returns the unsubscribe. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.lecternCommands?.onCommand(listener) ?? (() => {})
}

export function messageOf(err: unknown): string {
  return err instanceof Error
    ? err.message.replace(/^Error invoking remote method '[^']+': /, '')
    : String(err)
}
