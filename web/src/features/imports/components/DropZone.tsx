import { type DragEvent, useId, useRef, useState } from 'react';
import { useLocale } from '../../../i18n/useLocale';

export const ACCEPTED_FILES =
  '.xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain';

function formatSize(bytes: number, lang: string): string {
  const unit = bytes >= 1024 * 1024 ? 'MB' : 'KB';
  const value = bytes / (unit === 'MB' ? 1024 * 1024 : 1024);
  return `${new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 1 }).format(Math.max(value, 0.1))} ${unit}`;
}

/**
 * A file dropped here or chosen with the ordinary file input (which stays visible and keyboard
 * reachable). The type is judged by the server from the content, so `accept` only guides the picker.
 */
export function DropZone({
  file,
  onFile,
  describedBy,
}: {
  file: File | null;
  onFile: (file: File | null) => void;
  describedBy?: string;
}) {
  const { lang, t } = useLocale();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (!dropped) return;
    // Keep the input in step, so what it shows is what will be sent.
    if (input.current) input.current.files = event.dataTransfer.files;
    onFile(dropped);
  };

  return (
    // The drop target is a convenience for the mouse; the file input inside it is the keyboard way.
    // biome-ignore lint/a11y/noStaticElementInteractions: see above
    <div
      className={`dropzone${dragging ? ' is-dragging' : ''}${file ? ' has-file' : ''}`}
      onDragEnter={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      data-testid="dropzone"
    >
      <p className="dropzone__title" aria-hidden="true">
        <span className="dropzone__icon" />
        {dragging ? t('imports.form.dropNow') : t('imports.form.dropHere')}
      </p>
      <label htmlFor={`${id}-file`} className="dropzone__label">
        {t('imports.form.file')}
      </label>
      <input
        ref={input}
        id={`${id}-file`}
        type="file"
        accept={ACCEPTED_FILES}
        aria-describedby={describedBy}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      <p className="dropzone__chosen" aria-live="polite">
        {file ? t('imports.form.chosen', { name: file.name, size: formatSize(file.size, lang) }) : t('imports.form.noFile')}
      </p>
    </div>
  );
}
