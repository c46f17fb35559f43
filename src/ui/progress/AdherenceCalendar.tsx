import { formatDate, t, tCount } from '../../i18n/messages';
import type { DayCount } from '../../progress/progress';

function dayText(d: DayCount): string {
  const date = formatDate(d.dayStartMs, 'day');
  if (d.sets === null) return t('progress.calendar.future', { date });
  return tCount('progress.calendar', d.sets, { date });
}

/** Sets done per day, a week per row (Monday first): each day's count is read out with its date. */
export function AdherenceCalendar({ days, id }: { days: readonly DayCount[]; id: string }) {
  const weeks = Array.from({ length: Math.ceil(days.length / 7) }, (_, w) => days.slice(7 * w, 7 * w + 7));
  return (
    <div className="adherence">
      <table className="adherence-calendar" aria-labelledby={`${id}-caption`}>
        <caption id={`${id}-caption`}>{t('progress.calendar.heading')}</caption>
        <thead>
          <tr>
            {weeks[0]?.map((d) => (
              <th key={d.dayStartMs} scope="col">
                {formatDate(d.dayStartMs, 'weekday')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0].dayStartMs}>
              {week.map((d) => (
                <td key={d.dayStartMs} className={d.sets === null ? 'day-future' : d.sets >= 3 ? 'day-full' : d.sets > 0 ? 'day-some' : 'day-none'}>
                  <span aria-hidden="true">{d.sets ?? ''}</span>
                  <span className="visually-hidden">{dayText(d)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('progress.calendar.hint')}</p>
    </div>
  );
}
