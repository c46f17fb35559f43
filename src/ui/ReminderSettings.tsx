import { useRef, useState } from 'react';
import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import { addReminder, downloadReminders, reminderStore, removeReminder } from '../store/reminderStore';

/** The times of day to be reminded at, and the calendar file that does the reminding. */
export function ReminderSettings() {
  const { times, issue } = useStore(reminderStore);
  const [draft, setDraft] = useState('');
  // The button pressed goes with its row: the focus moves on to the time box, and the change is said.
  const [removed, setRemoved] = useState<string | null>(null);
  const newTime = useRef<HTMLInputElement>(null);
  const remove = (time: string) => {
    removeReminder(time);
    setRemoved(time);
    newTime.current?.focus();
  };
  const add = () => {
    if (addReminder(draft)) setDraft('');
  };
  return (
    <div className="reminders">
      <p>{t('reminders.why')}</p>
      {times.length > 0 ? (
        <ul className="reminder-times" aria-label={t('reminders.times')}>
          {times.map((time) => (
            <li key={time}>
              <span className="reminder-time">{time}</span>
              <button type="button" aria-label={t('reminders.removeLabel', { time })} onClick={() => remove(time)}>
                {t('reminders.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('reminders.noneYet')}</p>
      )}
      <div className="reminder-add">
        <label htmlFor="reminder-new">{t('reminders.newTime')}</label>
        <input
          id="reminder-new"
          ref={newTime}
          type="time"
          value={draft}
          aria-describedby={issue ? 'reminder-issue' : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <button type="button" onClick={add}>
          {t('reminders.add')}
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {removed !== null && t('reminders.removed', { time: removed })}
      </p>
      {issue && (
        <p id="reminder-issue" className="error" role="alert">
          {t(issue)}
        </p>
      )}
      <button
        type="button"
        className="primary reminder-download"
        onClick={() => downloadReminders({ summary: t('reminders.eventSummary'), description: t('reminders.eventDescription') })}
      >
        {t('reminders.download')}
      </button>
      <p className="hint">{t('reminders.downloadHint')}</p>
    </div>
  );
}
