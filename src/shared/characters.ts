/** Counting characters as people do, for the limits the bot and the API say in words. */

const GRAPHEMES = new Intl.Segmenter('zh', { granularity: 'grapheme' })

/**
 * How many characters a parent counts in what they wrote: an emoji (😭, 👨‍👩‍👧) or a character outside the basic
 * plane is one. JavaScript's length counts UTF-16 units: "难过😭" × 200 was told "您写了 600 个字" against a
 * limit the parent had not reached.
 */
export function charCount(text: string): number {
  let n = 0
  for (const _ of GRAPHEMES.segment(text)) n++
  return n
}
