/** Types for html-encoding-sniffer 6 (the HTML standard's encoding sniffing, as jsdom uses it). */
declare module 'html-encoding-sniffer' {
  export default function sniffHTMLEncoding(
    bytes: Uint8Array,
    options?: {
      xml?: boolean
      transportLayerEncodingLabel?: string
      /** `null` makes the function answer `null` when nothing names an encoding. */
      defaultEncoding?: string | null
    },
  ): string | null
}
