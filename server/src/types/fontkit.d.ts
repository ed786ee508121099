// fontkit ships no types; only what reports/fonts.ts uses is declared. A parsed font is opaque here:
// it is handed to pdfkit, which lays text out with it.
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
