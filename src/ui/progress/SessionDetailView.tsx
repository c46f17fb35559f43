import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { formatDateTime, t } from '../../i18n/messages';
import { isAssessment } from '../../programs/catalog';
import { summaryHeadline } from '../../programs/summary';
import { closeSession, sessionDetailStore } from '../../store/sessionDetailStore';
import { RepResultList } from '../program/RepResults';
import { SessionSummaryBlock } from '../program/SummaryView';
import { SessionCurve } from './SessionCurve';
import './progress.css';

/** One session from the history: how it ended, its curve with the cues, and each rep's result. */
export default function SessionDetailView() {
  const detail = useStore(sessionDetailStore, (s) => s.detail);
  const failed = useStore(sessionDetailStore, (s) => s.failed);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [detail]);
  const meta = detail?.meta ?? null;
  const label = meta ? formatDateTime(meta.startedAtMs) : '';
  const program = meta ? (meta.programId === null ? t('history.freeSession') : t(`program.${meta.programId}.name`)) : '';
  const assessment = isAssessment(meta?.programId ?? null);
  return (
    <section className="session-detail" aria-labelledby="session-detail-heading">
      <div className="program-actions">
        <button type="button" onClick={closeSession}>
          {t('session.back')}
        </button>
      </div>
      <h2 id="session-detail-heading" ref={heading} tabIndex={-1}>
        {meta ? t('session.heading', { program, when: label }) : t('history.heading')}
      </h2>
      {failed && <p role="status">{t('history.loadFailed')}</p>}
      {!failed && !detail && <p role="status">{t('session.loading')}</p>}
      {detail && (
        <>
          {detail.summary &&
            summaryHeadline(detail.summary).map((line) => (
              <p key={line.key} className="summary-headline">
                {t(line)}
              </p>
            ))}
          <SessionCurve recording={detail.recording} label={t('session.curve.label', { when: label })} id="session-curve" />
          {detail.summary && <SessionSummaryBlock summary={detail.summary} />}
          {detail.results.length > 0 ? <RepResultList results={detail.results} assessment={assessment} /> : <p className="hint">{t('session.noResults')}</p>}
        </>
      )}
    </section>
  );
}
