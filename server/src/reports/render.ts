import type { ReportModel } from './model.js';
import { renderReportPdf } from './pdf.js';
import { renderReportXlsx } from './xlsx.js';

/**
 * What the report worker is sent: the plain model (structured-cloned across threads: no functions,
 * no class instances) and the format to lay it out in. CSV is not here: it is a string join, cheaper
 * than the copy to a worker and back, and stays on the main thread.
 */
export interface RenderTask {
  format: 'pdf' | 'xlsx';
  model: ReportModel;
}

export async function renderReport(task: RenderTask): Promise<Buffer> {
  return task.format === 'pdf' ? (await renderReportPdf(task.model)).pdf : renderReportXlsx(task.model);
}
