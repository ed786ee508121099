import { renderReportDocx } from './docx.js';
import type { ReportModel } from './model.js';
import { renderReportPdf } from './pdf.js';
import { renderReportXlsx } from './xlsx.js';

/**
 * What the report worker is sent: the plain model (structured-cloned across threads: no functions,
 * no class instances) and the format to lay it out in. CSV is not here: it is a string join, cheaper
 * than the copy to a worker and back, and stays on the main thread.
 */
export interface RenderTask {
  format: 'pdf' | 'xlsx' | 'docx';
  model: ReportModel;
}

export async function renderReport(task: RenderTask): Promise<Buffer> {
  if (task.format === 'pdf') return (await renderReportPdf(task.model)).pdf;
  if (task.format === 'docx') return renderReportDocx(task.model);
  return renderReportXlsx(task.model);
}
