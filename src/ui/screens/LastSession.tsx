import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { profileStore } from '../../store/profileStore';

/** The last session's verdict, in one line. */
export function LastSession() {
  const last = useStore(profileStore, (s) => s.history.at(-1) ?? null);
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
