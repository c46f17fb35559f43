import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { getProgram } from '../../programs/catalog';
import { planSteps } from '../../programs/plan';
import { connectionStore } from '../../store/connectionStore';
import type { HistoryStore } from '../../store/historyStore';
import { programStore } from '../../store/programStore';
import { useActions } from '../actions';

/** After a reload or a crash mid-set: the interrupted program can go on where it stopped. */
export function ContinueOffer({ history }: { history: HistoryStore }) {
  const item = useStore(history.store, (s) => s.items.find((i) => i.resume !== null) ?? null);
  const connected = useStore(connectionStore, (s) => s.status === 'connected');
  const running = useStore(programStore, (s) => s.status === 'running');
  const { continueProgram } = useActions();
  if (item === null || item.resume === null || running) return null;
  const { programId, params, nextStep } = item.resume;
  const steps = planSteps(getProgram(programId), params).length;
  if (nextStep >= steps) return null;
  return (
    <section className="continue-offer" aria-labelledby="continue-heading">
      <h3 id="continue-heading">{t('continue.heading')}</h3>
      <p>{t('continue.text', { program: t(`program.${programId}.name`), done: nextStep, total: steps })}</p>
      <div className="program-actions">
        <button
          type="button"
          className="primary"
          disabled={!connected}
          onClick={() => {
            continueProgram(programId, params, nextStep);
            void history.settleResume(item.id);
          }}
        >
          {t('continue.go')}
        </button>
        <button type="button" onClick={() => void history.settleResume(item.id)}>
          {t('continue.dismiss')}
        </button>
      </div>
      {!connected && <p className="hint">{t('continue.needSensor')}</p>}
    </section>
  );
}
