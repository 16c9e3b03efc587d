/**
 * The envelope every call returns across a transport (IPC or HTTP), and the client that
 * unwraps it. Errors travel as data so their code and message arrive intact.
 */
import { callNames, type CallName, type LecternApi } from './contract'

export type ErrorCode = 'invalid-argument' | 'not-found' | 'forbidden' | 'conflict' | 'internal'

export type Reply<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } }

/** An error with a code the renderer and CLI can act on. */
export class LecternError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'LecternError'
  }
}

/** Sends one call over some transport and resolves with its envelope. */
export type Send = (name: CallName, args: unknown) => Promise<Reply>

/** Builds the typed API from the contract's call names over any transport. */
export function createApi(send: Send): LecternApi {
  const api: Record<string, (args: unknown) => Promise<unknown>> = {}
  for (const name of callNames) {
    api[name] = async (args: unknown) => {
      const reply = await send(name, args)
      if (reply.ok) return reply.value
      throw new LecternError(reply.error.code, reply.error.message)
    }
  }
  return Object.freeze(api) as unknown as LecternApi
}
