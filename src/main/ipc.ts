/**
 * Wires the handler table to Electron IPC: one channel per contract call. The sender's
 * frame is checked before anything else; the argument is checked by `dispatch`.
 */
import { ipcMain } from 'electron'
import { callNames, channelOf, type Handlers } from '../shared/contract'
import { guardedDispatch } from './dispatch'

export function registerIpc(
  handlers: Handlers,
  isTrustedUrl: (url: string) => boolean,
  /** Each call's answer, so quitting can wait for the saves a closing page sent. */
  track: <T>(answer: Promise<T>) => Promise<T> = (answer) => answer,
): void {
  const call = guardedDispatch(handlers, isTrustedUrl)
  for (const name of callNames) {
    ipcMain.handle(channelOf(name), (event, args: unknown) =>
      track(call(event.senderFrame?.url, name, args)),
    )
  }
}
