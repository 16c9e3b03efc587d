/**
 * A reading time as a reader says it: "12 min", and for a book "15 h 30 min" rather than
 * "930 min", which nobody reads at a glance.
 */
export function readingTime(minutes: number): string {
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  // Past ten hours the odd minutes say nothing.
  if (hours >= 10 || rest === 0) return `${hours + (hours >= 10 && rest >= 30 ? 1 : 0)} h`
  return `${hours} h ${rest} min`
}
