/**
 * Wires the handler table to Electron IPC: one channel per contract call. The sender's
 * frame is checked before anything else; the argument is checked by `dispatch`.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { callNames, channelOf, type Handlers } from '../shared/contract'
import type { Reply } from '../shared/reply'
import { dispatch } from './dispatch'

export function registerIpc(handlers: Handlers, isTrustedUrl: (url: string) => boolean): void {
  for (const name of callNames) {
    ipcMain.handle(
      channelOf(name),
      async (event: IpcMainInvokeEvent, args: unknown): Promise<Reply> => {
        const url = event.senderFrame?.url ?? ''
        if (!isTrustedUrl(url)) {
          console.warn(`lectern: refused ${name} from ${url || 'an unknown frame'}`)
          return {
            ok: false,
            error: { code: 'forbidden', message: 'This window may not call Lectern.' },
          }
        }
        return dispatch(handlers, name, args)
      },
    )
  }
}
