/**
 * Runs sandboxed before the page: exposes exactly the contract's calls as `window.lectern`.
 * The page never sees `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { channelOf, COMMAND_CHANNEL, isMenuCommand, type LecternCommands } from '../shared/contract'
import { createApi, type Reply } from '../shared/reply'

const api = createApi((name, args) => ipcRenderer.invoke(channelOf(name), args) as Promise<Reply>)

contextBridge.exposeInMainWorld('lectern', api)

const commands: LecternCommands = {
  onCommand(listener) {
    const heard = (_event: unknown, command: unknown): void => {
      if (isMenuCommand(command)) listener(command)
    }
    ipcRenderer.on(COMMAND_CHANNEL, heard)
    return () => {
      ipcRenderer.removeListener(COMMAND_CHANNEL, heard)
    }
  },
}

contextBridge.exposeInMainWorld('lecternCommands', commands)
