/**
 * Hybrid logical clocks: a change's time is (wall-clock ms, counter, device), written as one
 * string that sorts in the same order. It never goes backwards on a device, and after seeing
 * another device's change every later local change sorts after it, whatever the wall clocks say.
 */

/** `<time base 36, 9 wide>.<counter base 36, 4 wide>.<device>`: plain string order is clock order. */
export type Hlc = string

const TIME_WIDTH = 9
const COUNT_WIDTH = 4

export function formatHlc(time: number, count: number, device: string): Hlc {
  return `${time.toString(36).padStart(TIME_WIDTH, '0')}.${count.toString(36).padStart(COUNT_WIDTH, '0')}.${device}`
}

export function parseHlc(hlc: Hlc): { time: number; count: number; device: string } | null {
  const match = /^([0-9a-z]{9})\.([0-9a-z]{4})\.([0-9a-z-]{1,40})$/.exec(hlc)
  if (!match) return null
  return {
    time: parseInt(match[1] as string, 36),
    count: parseInt(match[2] as string, 36),
    device: match[3] as string,
  }
}

export const deviceOf = (hlc: Hlc): string => hlc.slice(TIME_WIDTH + COUNT_WIDTH + 2)

export const HLC_PATTERN = /^[0-9a-z]{9}\.[0-9a-z]{4}\.[0-9a-z-]{1,40}$/

export class Clock {
  private time = 0
  private count = 0

  constructor(
    readonly device: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new time for a local change, later than every time this clock has made or seen. */
  tick(): Hlc {
    const wall = this.now()
    if (wall > this.time) {
      this.time = wall
      this.count = 0
    } else {
      this.count++
    }
    return formatHlc(this.time, this.count, this.device)
  }

  /** Takes in another change's time, so that later local changes sort after it. */
  observe(hlc: Hlc): void {
    const seen = parseHlc(hlc)
    if (!seen) return
    if (seen.time > this.time || (seen.time === this.time && seen.count > this.count)) {
      this.time = seen.time
      this.count = seen.count
    }
  }
}
