/** Small pages built for the rules' tests: paragraphs of prose, and a page's text as import reads it. */
import { extractHtml } from '../../../../../src/main/services/import/html/extractHtml'
import { blocksToText } from '../../../../../src/main/services/import/types'

/** `n` paragraphs that read as prose, numbered, about `topic`. */
export const para = (n: number, topic: string): string =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1} about ${topic}, with enough words in it, commas, and a full stop to read as prose. It goes on a little longer, so that it counts.</p>`,
  ).join('')

/** The article's text that import makes of a page. */
export const textOf = (html: string): string => blocksToText(extractHtml({ html }).blocks)
