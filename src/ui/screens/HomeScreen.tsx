import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import type { HistoryStore } from '../../store/historyStore';
import type { PlanStore } from '../../store/planStore';
import { sessionStore } from '../../store/sessionStore';
import { ConnectPanel } from '../ConnectPanel';
import { CountCalibration } from '../CountCalibration';
import { JournalNotice } from '../JournalNotice';
import { LiveChart } from '../onDemand';
import { PressureReadout } from '../PressureReadout';
import { SaveRecordingButton } from '../SaveRecordingButton';
import { LastSession } from './LastSession';
import { ProgramPanel } from '../program/ProgramPanel';
import { ScreenHeading } from './ScreenHeading';

/** Today's training: the sensor, the program and one big Start; the live curve once a sensor streams. */
export function HomeScreen({ bluetoothAvailable, history, plan }: { bluetoothAvailable: boolean; history: HistoryStore; plan: PlanStore }) {
  const session = useStore(sessionStore, (s) => s.session);
  return (
    <main className="screen screen-home" aria-labelledby="home-heading">
      <header>
        <ScreenHeading id="home-heading">{t('app.title')}</ScreenHeading>
        <p className="tagline">{t('app.tagline')}</p>
        <LastSession plan={plan} />
      </header>
      <ConnectPanel bluetoothAvailable={bluetoothAvailable} />
      <ProgramPanel history={history} plan={plan} />
      {session && (
        <section className="live" aria-label={t('live.heading')}>
          <CountCalibration />
          <PressureReadout buffer={session.buffer} />
          <LiveChart buffer={session.buffer} />
          <JournalNotice history={history} />
          <SaveRecordingButton />
        </section>
      )}
    </main>
  );
}
