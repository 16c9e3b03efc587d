/**
 * Which device this computer is in a data folder, kept in the state folder (outside the data
 * folder) under `folders/<hash of the folder's path>/`, beside the lock. A new device id is
 * taken when the folder is new to this computer, when the state was copied from another
 * computer, or when this device's log is shorter than it left it (the folder was replaced by a
 * copy): two computers must never append to one log.
 */
import { createHash } from 'node:crypto'
import { mkdir, realpath, stat } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { errorCode, readJsonFile, writeFileDurably } from '../durableFile'
import { JOURNAL_DIR, logNameOf, newDeviceId } from './folder'

const identitySchema = z.object({
  dataDir: z.string(),
  device: z.string().regex(/^[0-9a-f]{12}$/),
  host: z.string(),
  created: z.string(),
  /** The size of this device's log when last opened or closed here. */
  logBytes: z.number().int().nonnegative(),
})

export type DeviceIdentity = z.infer<typeof identitySchema>

export interface DeviceState {
  identity: DeviceIdentity
  /** This folder's state folder: the lock lives here too. */
  dir: string
  /** Why a new device id was taken, when one was. */
  newBecause: string | null
}

async function canonical(dataDir: string): Promise<string> {
  try {
    return await realpath(dataDir)
  } catch {
    return resolve(dataDir)
  }
}

export async function folderStateDir(stateDir: string, dataDir: string): Promise<string> {
  const hash = createHash('sha256')
    .update(await canonical(dataDir))
    .digest('hex')
    .slice(0, 16)
  return join(stateDir, 'folders', hash)
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 0
    throw error
  }
}

export const ownLogPath = (dataDir: string, device: string): string =>
  join(dataDir, JOURNAL_DIR, logNameOf(device))

/** Reads this computer's identity in `dataDir`, taking a new one when it must. */
export async function deviceState(stateDir: string, dataDir: string): Promise<DeviceState> {
  const dir = await folderStateDir(stateDir, dataDir)
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'device.json')
  let known: DeviceIdentity | null = null
  try {
    const parsed = identitySchema.safeParse(await readJsonFile(file))
    known = parsed.success ? parsed.data : null
  } catch {
    known = null
  }
  let newBecause: string | null = null
  if (!known) newBecause = 'this computer has not used this data folder before'
  else if (known.host !== hostname()) newBecause = `the state was copied from ${known.host}`
  else if ((await sizeOf(ownLogPath(dataDir, known.device))) < known.logBytes) {
    newBecause =
      "this computer's log is shorter than it left it (the folder was replaced by a copy)"
  }
  const identity: DeviceIdentity =
    known && !newBecause
      ? known
      : {
          dataDir: await canonical(dataDir),
          device: newDeviceId(),
          host: hostname(),
          created: new Date().toISOString(),
          logBytes: 0,
        }
  if (newBecause) await writeFileDurably(file, `${JSON.stringify(identity, null, 2)}\n`)
  return { identity, dir, newBecause }
}

/** Reads the identity without creating one (read-only opens). */
export async function knownDevice(stateDir: string, dataDir: string): Promise<string | null> {
  const file = join(await folderStateDir(stateDir, dataDir), 'device.json')
  try {
    const parsed = identitySchema.safeParse(await readJsonFile(file))
    return parsed.success ? parsed.data.device : null
  } catch {
    return null
  }
}

/** Remembers how long this device's log is, so a folder replaced by an older copy is noticed. */
export async function rememberLogBytes(state: DeviceState, logBytes: number): Promise<void> {
  state.identity = { ...state.identity, logBytes }
  await writeFileDurably(
    join(state.dir, 'device.json'),
    `${JSON.stringify(state.identity, null, 2)}\n`,
  )
}
