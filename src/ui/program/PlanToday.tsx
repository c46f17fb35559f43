import { useStore } from 'zustand';
import { pluralOf, t, type Message } from '../../i18n/messages';
import { sourceMessage } from '../../programs/catalog';
import { nextMessage, setsLeftMessage } from '../../programs/trainingPlan';
import { profileStore } from '../../store/profileStore';
import { programStore } from '../../store/programStore';
import type { PlanStore } from '../../store/planStore';

/** Today's training from the plan: sets left, what Start runs and why, and when to see a physiotherapist. */
export function PlanToday({ plan }: { plan: PlanStore }) {
  const today = useStore(plan.store, (s) => s.plan);
  const pickedId = useStore(profileStore, (s) => s.selectedId);
  const running = useStore(programStore, (s) => s.status === 'running');
  if (today === null) return null;
  const notes = [today.maintenance, today.heldBack, today.physio].filter((m): m is Message => m !== null);
  const offPlan = pickedId !== today.next.programId;
  return (
    <div className="plan-today" role="group" aria-label={t('plan.label')}>
      <p className="plan-sets">{t(setsLeftMessage(today.sets, pluralOf))}</p>
      <p className="plan-next">{t(nextMessage(today.next, pickedId))}</p>
      {offPlan && !running && (
        <button type="button" className="plan-follow" onClick={() => plan.choose(today.next.programId)}>
          {t('plan.follow')}
        </button>
      )}
      {notes.map((m) => (
        <p key={m.key} className={m.key === 'plan.physio' ? 'plan-note plan-physio' : 'plan-note'}>
          {t(m)}
        </p>
      ))}
      <details className="plan-sources">
        <summary>{t('plan.sources')}</summary>
        <ul>
          {today.sources.map((s) => (
            <li key={s.cite}>{t(sourceMessage(s))}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
