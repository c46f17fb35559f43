import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import type { PlanStore } from '../../store/planStore';

/** The last program's verdict, in one line (from the journal, through the plan). */
export function LastSession({ plan }: { plan: PlanStore }) {
  const last = useStore(plan.store, (s) => s.plan?.last ?? null);
  if (last === null) return null;
  const program = t(`program.${last.programId}.name`);
  const done = Math.round(last.completion * 100);
  return (
    <p className="last-session">
      {last.averageScore === null
        ? t('home.lastSession', { program, done })
        : t('home.lastSessionScored', { program, done, score: Math.round(last.averageScore) })}
    </p>
  );
}
