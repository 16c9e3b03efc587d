/** pdf.js's worker code, loaded into the PDF worker's own thread (see readPdf.ts). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown
}
