/** Standard ranked-retrieval measures over one query's ranking. */

export interface Judged {
  /** Document id → graded relevance (> 0 is relevant). */
  relevant: Map<number, number>
}

/** Average precision over the first `depth` results, divided by all relevant documents. */
export function averagePrecision(ranking: number[], q: Judged, depth = 100): number {
  let found = 0
  let sum = 0
  ranking.slice(0, depth).forEach((id, i) => {
    if (q.relevant.has(id)) sum += ++found / (i + 1)
  })
  return q.relevant.size ? sum / q.relevant.size : 0
}

/** nDCG at `depth`; the gain is the grade itself (as trec_eval does), the discount log2. */
export function ndcg(ranking: number[], q: Judged, depth = 10): number {
  const dcg = (grades: number[]): number =>
    grades.slice(0, depth).reduce((s, g, i) => s + g / Math.log2(i + 2), 0)
  const ideal = dcg([...q.relevant.values()].sort((a, b) => b - a))
  return ideal ? dcg(ranking.map((id) => q.relevant.get(id) ?? 0)) / ideal : 0
}

export function precisionAt(ranking: number[], q: Judged, depth = 10): number {
  return ranking.slice(0, depth).filter((id) => q.relevant.has(id)).length / depth
}

export function recallAt(ranking: number[], q: Judged, depth = 100): number {
  const hit = ranking.slice(0, depth).filter((id) => q.relevant.has(id)).length
  return q.relevant.size ? hit / q.relevant.size : 0
}

/** Nearest-rank percentile of a sample (p in 0–100). */
export function percentile(sample: number[], p: number): number {
  if (sample.length === 0) return 0
  const sorted = [...sample].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
}
