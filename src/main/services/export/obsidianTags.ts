/**
 * Tags as Obsidian reads them. Its rule (help.obsidian.md, "Tags"): letters, numbers, `_`,
 * `-` and `/` for nesting; no spaces; at least one character that is not a number. The
 * reader's own spelling stays in Lectern; only the export is rewritten.
 *
 * Beyond that rule, an `_` is kept only between two letters or digits: elsewhere a CommonMark
 * reader may take it for emphasis (`#_under_`), which tools other than Obsidian would show.
 */

/** What a tag may hold, besides `_` (handled apart) and `/`; marks keep vowel signs and accents. */
const KEEP = /[\p{L}\p{M}\p{N}-]/u
const WORD = /[\p{L}\p{M}\p{N}]/u

function segment(part: string): string {
  const chars = [...part]
  const out = chars.map((c, i) => {
    if (c === '_') return WORD.test(chars[i - 1] ?? '') && WORD.test(chars[i + 1] ?? '') ? c : '-'
    return KEEP.test(c) ? c : '-'
  })
  return out.join('').replace(/-{2,}/g, '-').replace(/^-|-$/g, '')
}

/**
 * The Obsidian tag for a tag (without `#`), or '' when nothing usable is left (`😀`, `---`).
 * `middle east` → `middle-east`, `topic / sub` → `topic/sub`, `1984` → `_1984`.
 */
export function obsidianTag(tag: string): string {
  const parts = tag
    .normalize('NFC')
    .split('/')
    .map(segment)
    .filter((p) => p !== '')
  const joined = parts.join('/')
  if (joined === '') return ''
  // Obsidian ignores a tag made of numbers only.
  return /[^\p{N}/]/u.test(joined) ? joined : `_${joined}`
}

/** The Obsidian tags for a list of tags: rewritten, empty ones dropped, each once, in order. */
export function obsidianTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(obsidianTag).filter((t) => t !== ''))]
}
