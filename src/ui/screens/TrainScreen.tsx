import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { programStore } from '../../store/programStore';
import { sessionStore } from '../../store/sessionStore';
import { LiveChart } from '../onDemand';
import { PressureReadout } from '../PressureReadout';
import { RepResults } from '../program/RepResults';
import { TrainingBar } from '../program/TrainingBar';
import { useWakeLock } from '../wakeLock';
import { LinkStatusLine } from './LinkStatusLine';
import { ScreenHeading } from './ScreenHeading';

/** While a program runs: the cue, the live curve with its target band, Pause and Stop, all in view. */
export function TrainScreen() {
  const session = useStore(sessionStore, (s) => s.session);
  const running = useStore(programStore, (s) => s.status === 'running');
  const repCount = useStore(programStore, (s) => s.results.length);
  const resultsBox = useRef<HTMLDivElement>(null);
  useWakeLock(running);
  // The newest verdict is the one that matters mid-set: keep it in view as the list grows.
  useEffect(() => {
    const box = resultsBox.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [repCount]);
  return (
    <main className="screen screen-train" aria-labelledby="train-heading">
      <ScreenHeading id="train-heading">{t('train.heading')}</ScreenHeading>
      <div className="train-cue">
        <TrainingBar />
        <LinkStatusLine />
      </div>
      {session && (
        <div className="train-live">
          <PressureReadout buffer={session.buffer} speak />
          <LiveChart buffer={session.buffer} />
        </div>
      )}
      {/* Scrolls once the reps outgrow it: focusable (once there is something in it), so a keyboard can scroll it too. */}
      <div className="train-results" ref={resultsBox} tabIndex={repCount > 0 ? 0 : undefined} role="region" aria-label={t('results.heading')}>
        <RepResults />
      </div>
    </main>
  );
}
