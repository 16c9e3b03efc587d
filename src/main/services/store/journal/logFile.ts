/**
 * A change log: one JSON record per line, only ever appended. A save is acknowledged once its
 * line is written and `datasync`ed through a handle kept open, so it costs one small write
 * whatever the size of the store. A line counts only when whole (ends in a newline) and valid.
 */
import * as fsp from 'node:fs/promises'
import { dirname } from 'node:path'
import { errorCode, syncDirectory } from '../durableFile'
import { parseLogLine, type LogRecord } from './ops'

/** The file operations of a log; tests swap them to lose what was not flushed. */
export interface LogHandle {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesWritten: number }>
  datasync(): Promise<void>
  truncate(length: number): Promise<void>
  close(): Promise<void>
}

export interface LogFs {
  open(path: string, flags: string): Promise<LogHandle>
}

export const nodeLogFs: LogFs = { open: (path, flags) => fsp.open(path, flags) }

export interface LogRead {
  records: LogRecord[]
  /** The offset just after the last whole, valid record. */
  end: number
  /** The size of the file: more than `end` when its last part is cut or damaged. */
  size: number
  /** Why reading stopped before the end of the file, if it did. */
  stopped: 'cut' | 'damaged' | null
}

/** Reads the records of a log from `from` (the start of a record) on. */
export async function readLog(path: string, from = 0): Promise<LogRead> {
  let bytes: Buffer
  try {
    const handle = await fsp.open(path, 'r')
    try {
      const { size } = await handle.stat()
      bytes = Buffer.alloc(Math.max(0, size - from))
      let read = 0
      while (read < bytes.length) {
        const { bytesRead } = await handle.read(bytes, read, bytes.length - read, from + read)
        if (bytesRead === 0) break
        read += bytesRead
      }
      bytes = bytes.subarray(0, read)
    } finally {
      await handle.close()
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { records: [], end: from, size: from, stopped: null }
    throw error
  }
  return parseLogBytes(bytes, from)
}

export function parseLogBytes(bytes: Buffer, from = 0): LogRead {
  const records: LogRecord[] = []
  let start = 0
  let stopped: LogRead['stopped'] = null
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start)
    if (newline < 0) {
      stopped = 'cut'
      break
    }
    const record = parseLogLine(bytes.toString('utf8', start, newline))
    if (!record) {
      stopped = 'damaged'
      break
    }
    records.push(record)
    start = newline + 1
  }
  return { records, end: from + start, size: from + bytes.length, stopped }
}

/** This computer's log, open for appending. */
export class LogWriter {
  private constructor(
    readonly path: string,
    private readonly handle: LogHandle,
    private size: number,
  ) {}

  /** Opens (creating) the log; anything past `goodEnd` (a damaged tail) is cut off first. */
  static async open(path: string, goodEnd: number, fs: LogFs = nodeLogFs): Promise<LogWriter> {
    let created = false
    let handle: LogHandle
    try {
      handle = await fs.open(path, 'r+')
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error
      handle = await fs.open(path, 'w+')
      created = true
    }
    try {
      await handle.truncate(goodEnd)
      await handle.datasync()
      if (created) await syncDirectory(dirname(path))
    } catch (error) {
      await handle.close()
      throw error
    }
    return new LogWriter(path, handle, goodEnd)
  }

  get bytes(): number {
    return this.size
  }

  /** Appends whole lines and flushes them; on failure the log is put back as it was. */
  async append(lines: string): Promise<void> {
    const buffer = Buffer.from(lines, 'utf8')
    try {
      let written = 0
      while (written < buffer.length) {
        const { bytesWritten } = await this.handle.write(
          buffer,
          written,
          buffer.length - written,
          this.size + written,
        )
        written += bytesWritten
      }
      await this.handle.datasync()
      this.size += buffer.length
    } catch (error) {
      await this.handle.truncate(this.size).catch(() => undefined)
      throw error
    }
  }

  close(): Promise<void> {
    return this.handle.close()
  }
}
