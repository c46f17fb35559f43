import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { screenStore, showScreen, type Screen } from '../../store/screenStore';

const ITEMS: readonly { readonly screen: Screen; readonly label: 'nav.home' | 'nav.history' | 'nav.progress' | 'nav.settings' }[] = [
  { screen: 'home', label: 'nav.home' },
  { screen: 'history', label: 'nav.history' },
  { screen: 'progress', label: 'nav.progress' },
  { screen: 'settings', label: 'nav.settings' },
];

/** The screens a person moves between when not training; thumb-sized, at the bottom of a phone. */
export function NavBar() {
  // The report is part of Progress.
  const current = useStore(screenStore, (s) => (s.screen === 'report' ? 'progress' : s.screen));
  return (
    <nav className="nav-bar" aria-label={t('nav.label')}>
      {ITEMS.map(({ screen, label }) => (
        <button key={screen} type="button" aria-current={current === screen ? 'page' : undefined} onClick={() => showScreen(screen)}>
          {t(label)}
        </button>
      ))}
    </nav>
  );
}
