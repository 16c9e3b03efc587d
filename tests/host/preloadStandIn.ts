/**
 * Stands in for the Electron preload in a plain browser: the same `createApi` over the
 * shared contract, with HTTP to the test host as the transport instead of IPC.
 */
import { createApi, type Reply } from '../../src/shared/reply'

const api = createApi(async (name, args) => {
  const body = JSON.stringify({ args })
  const response = await fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    // As an IPC message does, a call sent while the page unloads (its last saves on pagehide)
    // still arrives; browsers allow this for bodies up to 64 KiB.
    keepalive: body.length < 60_000,
  })
  return (await response.json()) as Reply
})

Object.defineProperty(window, 'lectern', { value: api, writable: false, configurable: false })
