import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { formatDateTime, t, tCount } from '../i18n/messages';
import type { HistoryStore, SessionItem } from '../store/historyStore';
import { openSession, sessionDetailStore } from '../store/sessionDetailStore';
import './history.css';

function SessionLine({ item, history, onDeleted }: { item: SessionItem; history: HistoryStore; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const notice = useStore(history.store, (s) => (s.notice?.id === item.id ? s.notice.key : null));
  const date = new Date(item.startedAtMs);
  const label = formatDateTime(item.startedAtMs);
  const open = useRef<HTMLButtonElement>(null);
  const del = useRef<HTMLButtonElement>(null);
  const refocusDelete = useRef(false);
  useEffect(() => {
    if (!confirming && refocusDelete.current) del.current?.focus();
    refocusDelete.current = false;
  }, [confirming]);
  // Back from this session: the focus returns to where it was opened.
  useEffect(() => {
    if (sessionDetailStore.getState().lastOpenedId === item.id) open.current?.focus();
  }, [item.id]);
  return (
    <li>
      <p className="session-what">
        <time dateTime={date.toISOString()}>{label}</time>
        {' · '}
        {item.programId === null ? t('history.freeSession') : t(`program.${item.programId}.name`)}
        {' · '}
        {tCount('history.reps', item.repsJudged)}
      </p>
      {confirming ? (
        <div
          className="session-actions"
          role="group"
          aria-label={t('history.deleteLabel', { when: label })}
          // Escape cancels, as it does in the app's dialogs; the focus goes back to Delete.
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            setConfirming(false);
            refocusDelete.current = true;
          }}
        >
          <span>{t('history.confirm')}</span>
          <button
            type="button"
            className="danger"
            aria-label={t('history.deleteForGoodLabel', { when: label })}
            onClick={() => void history.remove(item.id).then((gone) => gone && onDeleted())}
          >
            {t('history.deleteForGood')}
          </button>
          <button
            type="button"
            autoFocus
            aria-label={t('history.cancelLabel', { when: label })}
            onClick={() => {
              setConfirming(false);
              refocusDelete.current = true;
            }}
          >
            {t('history.cancel')}
          </button>
        </div>
      ) : (
        <div className="session-actions">
          <button ref={open} type="button" aria-label={t('session.openLabel', { when: label })} onClick={() => void openSession(history, item.id)}>
            {t('session.open')}
          </button>
          <button type="button" aria-label={t('history.saveLabel', { when: label })} onClick={() => void history.saveAsCsv(item.id)}>
            {t('history.save')}
          </button>
          <button
            ref={del}
            type="button"
            aria-label={t('history.deleteLabel', { when: label })}
            disabled={item.status === 'active'}
            aria-describedby={item.status === 'active' ? `session-active-${item.id}` : undefined}
            onClick={() => setConfirming(true)}
          >
            {t('history.delete')}
          </button>
        </div>
      )}
      {item.status === 'interrupted' && <p className="session-note">{t('history.interrupted')}</p>}
      {item.status === 'active' && (
        <p className="session-note" id={`session-active-${item.id}`}>
          {t('history.active')}
        </p>
      )}
      {notice && (
        <p className="session-note" role="status">
          {t(notice)}
        </p>
      )}
    </li>
  );
}

/** Every session kept on this device, newest first: open one, save it as CSV, or delete it. */
export function SessionHistory({ history }: { history: HistoryStore }) {
  const items = useStore(history.store, (s) => s.items);
  const loaded = useStore(history.store, (s) => s.loaded);
  // A deleted session takes its buttons, and the focus, with it: the focus goes to the heading, and the deletion is said.
  const heading = useRef<HTMLHeadingElement>(null);
  const [deleted, setDeleted] = useState(0);
  const onDeleted = () => {
    setDeleted((n) => n + 1);
    heading.current?.focus();
  };
  useEffect(() => {
    void history.refresh();
  }, [history]);
  return (
    <section className="session-history" aria-labelledby="session-history-heading">
      <h2 id="session-history-heading" ref={heading} tabIndex={-1}>
        {t('history.heading')}
      </h2>
      <p className="visually-hidden" role="status">
        {deleted > 0 && <span key={deleted}>{t('history.deleted')}</span>}
      </p>
      {loaded && items.length === 0 ? (
        <p className="hint">{t('history.empty')}</p>
      ) : (
        <ul aria-label={t('history.heading')}>
          {items.map((item) => (
            <SessionLine key={item.id} item={item} history={history} onDeleted={onDeleted} />
          ))}
        </ul>
      )}
    </section>
  );
}
