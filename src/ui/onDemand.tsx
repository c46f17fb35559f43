/**
 * What the first screen does not need loads on demand, each part its own chunk, so the first load
 * stays small (the build fails above its budget: tools/build/initialJs.ts). The service worker
 * precaches every chunk, so they load offline too. A new screen that is not Home belongs here.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { t } from '../i18n/messages';

/** A part that could not load (a chunk missing after an update, say) says so instead of a blank screen. */
class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    // The cause means nothing to a patient; the console keeps it.
    console.error(error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="load-failure" role="alert">
        <p className="error">{t('error.partUnavailable')}</p>
        <button type="button" onClick={() => location.reload()}>
          {t('error.reloadPage')}
        </button>
      </div>
    );
  }
}

/** `load` runs the first time the component renders; `placeholder` holds its place meanwhile. */
function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, placeholder: ReactNode = null): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function OnDemand(props: P) {
    return (
      <LoadFailure>
        <Suspense fallback={placeholder}>
          <Lazy {...props} />
        </Suspense>
      </LoadFailure>
    );
  }
  return OnDemand;
}

/** The live curve (uPlot): from the first sensor sample on. The placeholder keeps its height. */
export const LiveChart = onDemand(() => import('./LiveChart').then((m) => m.LiveChart), <div className="live-chart" />);
export const ResultsScreen = onDemand(() => import('./screens/ResultsScreen').then((m) => m.ResultsScreen));
export const HistoryScreen = onDemand(() => import('./screens/HistoryScreen').then((m) => m.HistoryScreen));
export const SettingsScreen = onDemand(() => import('./screens/SettingsScreen').then((m) => m.SettingsScreen));
