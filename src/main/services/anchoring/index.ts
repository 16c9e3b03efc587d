/**
 * Anchoring bookmarked passages so they survive edits to the article, modelled on Hypothesis
 * (client src/annotator/anchoring): a text-quote and a text-position selector per passage,
 * re-found at the saved position first, then by exact quote, then fuzzily.
 */
export { articleText, textHash } from './articleLayout'
export { describePassage } from './describePassage'
export { resolveAnchor, resolveAnchors } from './resolveAnchor'
