import fs from 'node:fs';
import { createRequire } from 'node:module';

// Noto Sans SC ships with the app as an npm dependency: the PDF needs no system font at run time.
// pdfkit embeds a subset of the glyphs used, with a ToUnicode map, so the text stays searchable.

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

let cached: { regular: Buffer; bold: Buffer } | null = null;

/** The two faces, read once per process (10 MB each; reading them per report would dominate its time). */
export function reportFonts(): { regular: Buffer; bold: Buffer } {
  cached ??= { regular: fs.readFileSync(FONT_FILES.regular), bold: fs.readFileSync(FONT_FILES.bold) };
  return cached;
}
