import { useRef } from 'react';
import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import type { DataActions } from '../store/dataStore';
import { dataOutcomeText, isDataProblem } from './dataText';
import './data.css';

/** Settings › Your data: where the data lives, and export, import and delete all of it. */
export function DataSection({ data }: { data: DataActions }) {
  const busy = useStore(data.store, (s) => s.busy);
  const outcome = useStore(data.store, (s) => s.outcome);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  const openDialog = () => {
    dialog.current?.showModal();
    // The safe choice has the focus, not the one that deletes.
    cancel.current?.focus();
  };
  const closeDialog = () => dialog.current?.close();
  const confirmDelete = () => {
    closeDialog();
    void data.deleteAll();
  };

  return (
    <section className="data-section" aria-labelledby="data-heading">
      <h2 id="data-heading">{t('data.heading')}</h2>
      <p>{t('data.onDevice')}</p>
      <p>{t('data.fileContents')}</p>
      <p className="data-intimate">{t('data.intimate')}</p>
      <div className="data-actions">
        {/* aria-disabled, not disabled: a disabled button loses the keyboard focus (the store ignores a second action meanwhile). */}
        <button type="button" aria-disabled={busy !== null} onClick={() => void data.exportAll()}>
          {t('data.export')}
        </button>
        <label className="file-button" data-disabled={busy !== null}>
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              // Cleared, so choosing the same file again imports it again.
              event.currentTarget.value = '';
              if (file) void data.importFile(file);
            }}
          />
          {t('data.import')}
        </label>
        <button type="button" className="danger" ref={opener} aria-disabled={busy !== null} onClick={() => busy === null && openDialog()}>
          {t('data.delete')}
        </button>
      </div>
      <p className="hint">{t('data.importKeeps')}</p>
      <p role="status" className={`data-status${outcome && isDataProblem(outcome) ? ' data-problem' : ''}`}>
        {busy !== null ? t(`data.busy.${busy}`) : outcome ? dataOutcomeText(outcome) : ''}
      </p>
      <dialog
        ref={dialog}
        className="data-dialog"
        aria-labelledby="data-delete-title"
        aria-describedby="data-delete-text"
        onClose={() => opener.current?.focus()}
      >
        <h2 id="data-delete-title">{t('data.deleteTitle')}</h2>
        <p id="data-delete-text">{t('data.deleteText')}</p>
        <div className="data-actions">
          <button type="button" className="danger" onClick={confirmDelete}>
            {t('data.deleteConfirm')}
          </button>
          <button type="button" ref={cancel} onClick={closeDialog}>
            {t('data.deleteCancel')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
