import { useEffect } from 'react';
import { useStore } from 'zustand';
import { formatDate, t, type MessageKey } from '../../i18n/messages';
import { MEASURE_TEXT } from '../../progress/report';
import { isAssessment } from '../../programs/catalog';
import type { PerfectProfile } from '../../programs/types';
import type { HistoryStore } from '../../store/historyStore';
import { loadReport, progressStore } from '../../store/progressStore';
import { showScreen } from '../../store/screenStore';
import { ScreenHeading } from '../screens/ScreenHeading';
import { AdherenceCalendar } from './AdherenceCalendar';
import { SessionCurve } from './SessionCurve';
import { StrongestChart } from './WeekChart';
import './progress.css';

const PERFECT_ROWS: readonly { name: MessageKey; explain: MessageKey; value: (p: PerfectProfile) => string }[] = [
  {
    name: 'report.perfect.p',
    explain: 'report.perfect.pExplain',
    value: (p) => (p.powerCmH2O === null ? '–' : t('progress.v.cmH2O', { value: p.powerCmH2O })),
  },
  { name: 'report.perfect.e', explain: 'report.perfect.eExplain', value: (p) => t('report.v.wholeSeconds', { value: p.enduranceS }) },
  { name: 'report.perfect.r', explain: 'report.perfect.rExplain', value: (p) => t('report.v.count', { value: p.repetitions }) },
  { name: 'report.perfect.f', explain: 'report.perfect.fExplain', value: (p) => t('report.v.count', { value: p.fast }) },
];

/** A page to print (or save as PDF) for a physiotherapist; each measure explained in one line. */
export default function ReportScreen({ history }: { history: HistoryStore }) {
  const report = useStore(progressStore, (s) => s.report);
  const recording = useStore(progressStore, (s) => s.reportRecording);
  useEffect(() => {
    void loadReport(history);
  }, [history]);
  const perfect = report?.perfect ?? null;
  const assessment = report?.assessment ?? null;
  // Without an assessment the report measures the latest set, and says so.
  const ofSet = assessment !== null && !isAssessment(assessment.programId);
  return (
    <main className="screen screen-report" aria-labelledby="report-heading">
      <div className="program-actions report-actions">
        <button type="button" onClick={() => showScreen('progress')}>
          {t('report.back')}
        </button>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('report.print')}
        </button>
      </div>
      <ScreenHeading id="report-heading">{t('report.heading')}</ScreenHeading>
      <p className="hint report-print-hint">{t('report.printHint')}</p>
      {report === null ? (
        <p role="status">{t('progress.loading')}</p>
      ) : (
        <>
          <p>{t('report.made', { date: formatDate(new Date(), 'longDate') })}</p>
          <p className="progress-summary">{t(report.summary)}</p>
          <section aria-labelledby="report-perfect">
            <h2 id="report-perfect">{t('report.perfect.heading')}</h2>
            <p className="hint">{t('report.perfect.about')}</p>
            {perfect === null ? (
              <p>{t('report.perfect.none')}</p>
            ) : (
              <>
                <p>
                  {t('report.perfect.of', {
                    date: formatDate(perfect.atMs, 'longDate'),
                    e: perfect.profile.enduranceS,
                    r: perfect.profile.repetitions,
                    f: perfect.profile.fast,
                    power: perfect.profile.powerCmH2O ?? 0,
                  })}
                </p>
                <dl className="report-measures">
                  {PERFECT_ROWS.map((row) => (
                    <div key={row.name}>
                      <dt>{t(row.name)}</dt>
                      <dd className="report-value">{row.value(perfect.profile)}</dd>
                      <dd className="hint">{t(row.explain)}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </section>
          <section aria-labelledby="report-measures">
            <h2 id="report-measures">{t(ofSet ? 'report.measures.headingSet' : 'report.measures.heading')}</h2>
            {assessment === null ? (
              <p>{t('report.measures.none')}</p>
            ) : (
              <>
                <p className="hint">
                  {t('report.measures.of', {
                    program: assessment.programId === null ? t('history.freeSession') : t(`program.${assessment.programId}.name`),
                    date: formatDate(assessment.atMs, 'longDate'),
                  })}
                </p>
                <dl className="report-measures">
                  {report.measures.map((m) => (
                    <div key={m.id}>
                      <dt>{t(MEASURE_TEXT[m.id].name)}</dt>
                      <dd className="report-value">{t(m.value)}</dd>
                      <dd className="hint">{t(MEASURE_TEXT[m.id].explain)}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </section>
          <section aria-labelledby="report-curve">
            <h2 id="report-curve">{t(ofSet ? 'report.curve.headingSet' : 'report.curve.heading')}</h2>
            {recording && assessment ? (
              <SessionCurve recording={recording} label={t('session.curve.label', { when: formatDate(assessment.atMs, 'longDate') })} id="report-curve-chart" />
            ) : (
              <p>{t('session.noSamples')}</p>
            )}
          </section>
          <section aria-labelledby="report-mvc">
            <h2 id="report-mvc">{t('report.mvc.heading')}</h2>
            <StrongestChart id="report-strongest" weeks={report.weeks} level={3} />
          </section>
          <section aria-labelledby="report-adherence">
            <h2 id="report-adherence">{t('report.adherence.heading')}</h2>
            <p>{t(report.adherenceSummary)}</p>
            <AdherenceCalendar id="report-calendar" days={report.adherence} />
          </section>
          <section aria-labelledby="report-faults">
            <h2 id="report-faults">{t('report.faults.heading')}</h2>
            {report.faults.length === 0 ? (
              <p>{t('report.faults.none')}</p>
            ) : (
              <ul>
                {report.faults.map((f) => (
                  <li key={f.code}>{t('report.fault', { name: t(`fault.${f.code}`), count: f.count })}</li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </main>
  );
}
