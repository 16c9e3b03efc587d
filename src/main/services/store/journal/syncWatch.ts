/**
 * Other computers' logs in the data folder: what has been merged of each, and merging what
 * arrived since. A log's last record cut short has not arrived yet: it is read again later.
 */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { StoreData } from '../schema'
import { errorCode } from '../durableFile'
import { isSnapshotCopy, JOURNAL_DIR, logNameOf, parseLogName } from './folder'
import { parseHlc } from './hlc'
import type { LoadedFolder, LogSeen } from './loadFolder'
import { readLogFrom } from './loadFolder'
import type { LogRecord } from './ops'

export interface ComputerStatus {
  device: string
  name?: string
  thisComputer: boolean
  /** Its log and any copies a sync tool made of it. */
  files: string[]
  /** Bytes of its log merged, and the log's size: more when a record is still arriving. */
  mergedBytes: number
  sizeBytes: number
  /** When its latest merged change was made (by its own clock). */
  latest?: string
}

export interface SyncStatus {
  device: string
  computers: ComputerStatus[]
  /** Bookmarks and notes whose text was changed on two computers and waits to be settled. */
  conflicts: { id: string; type: 'bookmark' | 'note'; versions: number }[]
  /** Copies of `lectern.json` a sync tool made: merged, left in place for the person. */
  snapshotCopies: string[]
  problems: string[]
}

export class SyncWatch {
  private logs = new Map<string, LogSeen>()
  private snapshotCopies: string[] = []
  private problems: string[] = []
  private data: StoreData

  constructor(
    private readonly dataDir: string,
    private readonly device: string,
    loaded: LoadedFolder,
    private readonly apply: (record: LogRecord) => void,
  ) {
    this.data = loaded.state.data
    this.reset(loaded)
  }

  reset(loaded: LoadedFolder): void {
    this.data = loaded.state.data
    this.logs = new Map(loaded.logs.map((log) => [log.name, log]))
    this.snapshotCopies = loaded.snapshotCopies
    this.problems = loaded.problems
  }

  /** How far each other computer's log is merged (for the snapshot). */
  offsets(): Record<string, number> {
    const offsets: Record<string, number> = {}
    for (const log of this.logs.values()) if (!log.copy) offsets[log.name] = log.end
    return offsets
  }

  async refresh(): Promise<number> {
    const dir = join(this.dataDir, JOURNAL_DIR)
    let names: string[]
    try {
      names = (await readdir(dir)).sort()
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return 0
      throw error
    }
    let merged = 0
    for (const name of names) {
      const parsed = parseLogName(name)
      if (!parsed || name === logNameOf(this.device)) continue
      const known = this.logs.get(name)
      const size = (await stat(join(dir, name)).catch(() => null))?.size ?? 0
      if (known && known.size === size && known.end === size) continue
      // A copy may change as a whole: read from its start (merging again is harmless).
      const from = parsed.copy ? 0 : (known?.end ?? 0)
      const read = await readLogFrom(join(dir, name), from)
      for (const record of read.records) this.apply(record)
      merged += read.records.length
      const first = read.records[0]?.o[0]
      this.logs.set(name, {
        name,
        device: parsed.device,
        copy: parsed.copy,
        records: (known?.records ?? 0) + read.records.length,
        end: read.end,
        size: read.size,
        stopped: read.stopped,
        ...(known?.deviceName ? { deviceName: known.deviceName } : {}),
        ...(first?.t === 'device' ? { deviceName: first.name } : {}),
        ...((read.records.at(-1)?.h ?? known?.latest)
          ? { latest: read.records.at(-1)?.h ?? known?.latest }
          : {}),
      })
    }
    const copies = (await readdir(this.dataDir).catch(() => [] as string[])).filter(isSnapshotCopy)
    this.snapshotCopies = [...new Set([...this.snapshotCopies, ...copies])].sort()
    return merged
  }

  status(): SyncStatus {
    const computers = new Map<string, ComputerStatus>()
    for (const log of this.logs.values()) {
      const computer = computers.get(log.device) ?? {
        device: log.device,
        thisComputer: log.device === this.device,
        files: [],
        mergedBytes: 0,
        sizeBytes: 0,
      }
      computer.files.push(log.name)
      if (!log.copy) {
        computer.mergedBytes = log.end
        computer.sizeBytes = log.size
      }
      if (log.deviceName) computer.name = log.deviceName
      const time = log.latest ? parseHlc(log.latest)?.time : undefined
      if (time !== undefined) {
        const at = new Date(time).toISOString()
        if (!computer.latest || at > computer.latest) computer.latest = at
      }
      computers.set(log.device, computer)
    }
    const conflicts: SyncStatus['conflicts'] = []
    for (const item of [...this.data.bookmarks, ...this.data.notes]) {
      if (item.conflicts?.length) {
        conflicts.push({ id: item.id, type: item.type, versions: item.conflicts.length + 1 })
      }
    }
    return {
      device: this.device,
      computers: [...computers.values()].sort(
        (a, b) => Number(b.thisComputer) - Number(a.thisComputer),
      ),
      conflicts,
      snapshotCopies: this.snapshotCopies,
      problems: this.problems,
    }
  }
}
