/**
 * Runs one call against the handler table: the name and argument are checked against the
 * shared contract first, and every outcome, failure included, comes back as a `Reply`.
 * Electron IPC, the HTTP test host and unit tests all go through here.
 */
import { z } from 'zod'
import { contract, isCallName, type Handlers } from '../shared/contract'
import { LecternError, type Reply } from '../shared/reply'

export async function dispatch(handlers: Handlers, name: unknown, args: unknown): Promise<Reply> {
  if (!isCallName(name)) {
    return {
      ok: false,
      error: { code: 'invalid-argument', message: `Unknown call "${String(name)}".` },
    }
  }
  const parsed = contract[name].args.safeParse(args)
  if (!parsed.success) {
    const message = `Invalid argument for ${name}: ${z.prettifyError(parsed.error)}`
    return { ok: false, error: { code: 'invalid-argument', message } }
  }
  try {
    const handler = handlers[name] as (a: unknown) => unknown
    return { ok: true, value: await handler(parsed.data) }
  } catch (err) {
    if (err instanceof LecternError)
      return { ok: false, error: { code: err.code, message: err.message } }
    console.error(`lectern: ${name} failed`, err)
    return {
      ok: false,
      error: { code: 'internal', message: `${name} failed: ${errorMessage(err)}` },
    }
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * `dispatch` behind a check of who is calling: a call from any frame that is not the app's
 * own page is refused before its name or argument is even looked at.
 */
export function guardedDispatch(handlers: Handlers, isTrustedSender: (url: string) => boolean) {
  return async (senderUrl: string | undefined, name: unknown, args: unknown): Promise<Reply> => {
    if (!senderUrl || !isTrustedSender(senderUrl)) {
      console.warn(`lectern: refused ${String(name)} from ${senderUrl || 'an unknown frame'}`)
      return {
        ok: false,
        error: { code: 'forbidden', message: 'This window may not call Lectern.' },
      }
    }
    return dispatch(handlers, name, args)
  }
}
