/**
 * The DOM side of the chart export: read the drawn chart's SVG, compose the picture (chartExport.ts),
 * and hand it to the browser as an SVG file or, drawn on an offscreen canvas, as a PNG. The strict CSP
 * allows it: blob: URLs are permitted images, and nothing inline is added to the page.
 */
import { composeExportSvg, type ExportSpec } from './chartExport';

/** The chart's own <svg>, cleaned for use outside the page. */
export function serialiseChart(container: HTMLElement): ExportSpec['chart'] | null {
  const svg = container.querySelector<SVGSVGElement>('svg.recharts-surface');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || Math.round(box.width);
  const height = Number(svg.getAttribute('height')) || Math.round(box.height);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // Keyboard and screen-reader attributes belong to the page, not to a picture.
  for (const name of ['tabindex', 'role', 'style', 'class']) clone.removeAttribute(name);
  for (const el of clone.querySelectorAll('[data-export="skip"], .recharts-tooltip-cursor, .recharts-active-dot')) el.remove();
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Long enough for the download to start.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSvg(svg: string, fileName: string): void {
  save(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }), fileName);
}

/** Draws the SVG on a canvas at twice its size (sharp on a projector) and saves it as PNG. */
export async function downloadPng(svg: string, width: number, height: number, fileName: string, scale = 2): Promise<void> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas gave no PNG');
    save(blob, fileName);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Composes and downloads in one step; false when there is no chart to export. */
export async function exportChart(
  container: HTMLElement,
  spec: Omit<ExportSpec, 'chart'>,
  format: 'png' | 'svg',
  fileName: string,
): Promise<boolean> {
  const chart = serialiseChart(container);
  if (!chart) return false;
  const picture = composeExportSvg({ ...spec, chart });
  if (format === 'svg') downloadSvg(picture.svg, fileName);
  else await downloadPng(picture.svg, picture.width, picture.height, fileName);
  return true;
}
