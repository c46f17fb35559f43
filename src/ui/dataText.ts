import { t, tCount } from '../i18n/messages';
import type { DataOutcome } from '../store/dataStore';

/** What the last export, import or deletion came to, in a sentence or a few. */
export function dataOutcomeText(outcome: DataOutcome): string {
  switch (outcome.kind) {
    case 'exported': {
      // No session yet: the file carries the settings only, and says so.
      const lines = [outcome.sessions === 0 ? t('data.exported.none') : tCount('data.exported', outcome.sessions)];
      if (outcome.unreadable > 0) lines.push(tCount('data.exportUnreadable', outcome.unreadable));
      return lines.join(' ');
    }
    case 'imported': {
      const lines = [tCount('data.imported', outcome.added)];
      if (outcome.present > 0) lines.push(tCount('data.present', outcome.present));
      if (outcome.skipped > 0) lines.push(tCount('data.skipped', outcome.skipped));
      if (!outcome.complete) lines.push(t('data.incomplete'));
      if (outcome.settingsRestored) lines.push(t('data.settingsRestored'));
      return lines.join(' ');
    }
    case 'importRefused':
      return outcome.problem.kind === 'newerVersion' ? t('data.newerVersion', { version: outcome.problem.version }) : t('data.notDataFile');
    case 'exportFailed':
      return t('data.exportFailed');
    case 'importFailed':
      return t('data.importFailed');
    case 'deleted':
      return t('data.deleted');
    case 'deleteFailed':
      return t('data.deleteFailed');
  }
}

/** Whether the outcome is a problem the user should notice (shown as such). */
export function isDataProblem(outcome: DataOutcome): boolean {
  switch (outcome.kind) {
    case 'exported':
      return outcome.unreadable > 0;
    case 'imported':
      return outcome.skipped > 0 || !outcome.complete;
    case 'deleted':
      return false;
    default:
      return true;
  }
}
