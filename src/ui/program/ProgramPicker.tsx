import { useState } from 'react';
import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { PROGRAMS, getProgram, isProgramId, sourceMessage } from '../../programs/catalog';
import type { PlanStore } from '../../store/planStore';
import { profileStore, setParam } from '../../store/profileStore';
import type { ParamField } from '../../programs/types';

const FIELDS: readonly {
  readonly field: ParamField;
  readonly label: 'program.hold' | 'program.rest' | 'program.reps' | 'program.sets';
  readonly seconds: boolean;
}[] = [
  { field: 'holdMs', label: 'program.hold', seconds: true },
  { field: 'restMs', label: 'program.rest', seconds: true },
  { field: 'reps', label: 'program.reps', seconds: false },
  { field: 'sets', label: 'program.sets', seconds: false },
];

/** A number box that commits on blur or Enter, so typing "10" does not stop at "1". */
function ParamInput({ field, label, seconds, disabled }: (typeof FIELDS)[number] & { disabled: boolean }) {
  const value = useStore(profileStore, (s) => s.params[field]);
  const issue = useStore(profileStore, (s) => s.issues.find((i) => i.field === field) ?? null);
  const shown = seconds ? value / 1000 : value;
  // What is being typed, for the value it was typed over; a new value from the store replaces it.
  const [edit, setEdit] = useState<{ readonly text: string; readonly over: number } | null>(null);
  const draft = edit !== null && edit.over === shown ? edit.text : String(shown);
  const commit = () => {
    const n = Number(draft);
    if (draft.trim() !== '' && Number.isFinite(n)) setParam(field, n);
    setEdit(null);
  };
  const id = `param-${field}`;
  return (
    <div className="param">
      <label htmlFor={id}>{t(label)}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={draft}
        disabled={disabled}
        aria-describedby={issue ? `${id}-issue` : undefined}
        onChange={(e) => setEdit({ text: e.target.value, over: shown })}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {issue && (
        <span id={`${id}-issue`} className="param-issue">
          {issue.kind === 'range'
            ? t('program.issue.range', { min: seconds ? issue.min / 1000 : issue.min, max: seconds ? issue.max / 1000 : issue.max })
            : t('program.issue.restShorterThanHold')}
        </span>
      )}
    </div>
  );
}

/** Choose a program by name; adjust its numbers within safe bounds. */
export function ProgramPicker({ disabled, plan }: { disabled: boolean; plan: PlanStore }) {
  const selectedId = useStore(profileStore, (s) => s.selectedId);
  const mvc = useStore(plan.store, (s) => s.plan?.mvc ?? null);
  const program = getProgram(selectedId);

  return (
    <div className="program-picker">
      <label htmlFor="program-select">{t('program.choose')}</label>
      <select id="program-select" value={selectedId} disabled={disabled} onChange={(e) => isProgramId(e.target.value) && plan.choose(e.target.value)}>
        {PROGRAMS.map((p) => (
          <option key={p.id} value={p.id}>
            {t(`program.${p.id}.name`)}
          </option>
        ))}
      </select>
      <p className="program-how">{t(`program.${selectedId}.how`)}</p>
      {program.bounds ? (
        <div className="params">
          {FIELDS.map((f) => (
            <ParamInput key={f.field} {...f} disabled={disabled} />
          ))}
        </div>
      ) : (
        <p className="hint">{t('program.fixed')}</p>
      )}
      <p className="hint">{mvc ? t('program.mvcKnown', { value: Math.round(mvc.cmH2O) }) : t('program.mvcNone')}</p>
      <ul className="program-sources">
        {program.sources.map((s) => (
          <li key={s.cite}>{t(sourceMessage(s))}</li>
        ))}
      </ul>
    </div>
  );
}
