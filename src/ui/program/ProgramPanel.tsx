import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { connectionStore } from '../../store/connectionStore';
import { profileStore } from '../../store/profileStore';
import { programStore } from '../../store/programStore';
import { useActions } from '../actions';
import type { HistoryStore } from '../../store/historyStore';
import type { PlanStore } from '../../store/planStore';
import { ContinueOffer } from './ContinueOffer';
import { PlanToday } from './PlanToday';
import { ProgramPicker } from './ProgramPicker';
import { SafetyNotice } from './SafetyNotice';
import './program.css';

/** Today's training: the safety advice (once), the plan's sets and next program with its numbers, and one big Start. */
export function ProgramPanel({ history, plan }: { history: HistoryStore; plan: PlanStore }) {
  const running = useStore(programStore, (s) => s.status === 'running');
  const acknowledged = useStore(profileStore, (s) => s.safetyAcknowledged);
  const { startProgram } = useActions();
  const connected = useStore(connectionStore, (s) => s.status === 'connected');
  const start = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const wasAcknowledged = useRef(acknowledged);
  // The safety notice goes when read, and with it the focus: on to Start, or to the panel if Start waits for a sensor.
  useEffect(() => {
    if (acknowledged && !wasAcknowledged.current) (start.current && !start.current.disabled ? start.current : heading.current)?.focus();
    wasAcknowledged.current = acknowledged;
  }, [acknowledged]);

  return (
    <section className="program-panel" aria-labelledby="program-heading">
      <h2 id="program-heading" ref={heading} tabIndex={-1}>
        {t('program.heading')}
      </h2>
      {!acknowledged && <SafetyNotice />}
      {acknowledged && <ContinueOffer history={history} />}
      <PlanToday plan={plan} />
      {/* Start right under today's plan, in view on a phone; choosing another program comes after. */}
      <div className="program-actions">
        {!running && (
          <button type="button" ref={start} className="primary program-start" onClick={startProgram} disabled={!connected || !acknowledged}>
            {t('program.start')}
          </button>
        )}
        {!connected && !running && <p className="hint">{t('program.needSensor')}</p>}
        {connected && !acknowledged && <p className="hint">{t('program.needSafety')}</p>}
      </div>
      <ProgramPicker disabled={running} plan={plan} />
    </section>
  );
}
