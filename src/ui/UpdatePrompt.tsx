import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import { applyUpdate, dismissUpdate, updateStore } from '../store/updateStore';

/** A quiet line when a new version is ready: reload now, or later (it starts next time anyway). */
export function UpdatePrompt() {
  const ready = useStore(updateStore, (s) => s.ready);
  if (!ready) return null;
  return (
    <aside className="update-prompt" aria-labelledby="update-ready">
      <p id="update-ready" role="status">
        {t('update.ready')}
      </p>
      <div className="update-buttons">
        <button type="button" className="primary" onClick={applyUpdate}>
          {t('update.reload')}
        </button>
        <button type="button" onClick={dismissUpdate}>
          {t('update.later')}
        </button>
      </div>
    </aside>
  );
}
