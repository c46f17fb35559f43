/**
 * The one catalog of user-facing text. English first; Norwegian, Swedish and Danish follow by
 * adding a catalog with the same keys (the type makes a missing key a compile error).
 */
const en = {
  'app.title': 'Pelvic floor trainer',
  'app.tagline': 'See your pelvic-floor squeeze as you do it, and learn to do it right.',
  'connect.real': 'Connect sensor',
  'connect.sim': 'Use simulated sensor',
  'connect.disconnect': 'Disconnect',
  'connect.noBluetooth':
    'This browser cannot use Bluetooth. Use Chrome or Edge on Android, Windows, macOS or ChromeOS to pair a real sensor; until then you can try the simulated sensor.',
  'connect.simNote': 'The simulated sensor squeezes by itself, so you can see how the app works without a device.',
  'connect.simNoteTraining': 'The simulated user follows the cues, and now and then gets a rep wrong, so you can see the feedback.',
  'status.idle': 'No sensor connected',
  'status.connecting': 'Connecting…',
  'status.connected': 'Connected to {name}',
  'status.reconnecting': 'Reconnecting…',
  'status.disconnected': 'Sensor disconnected',
  'status.failed': 'Connection failed',
  'recording.save': 'Save recording',
  'recording.saveHint': 'A CSV file of this session, on your own device: keep it, share it with your physiotherapist, or re-analyse it.',
  'readout.label': 'Current pressure',
  'readout.aboveRest': 'above rest',
  'readout.waiting': '–',
  'readout.spoken': 'Current pressure {value} {unit}',
  'chart.label': 'Pressure over the last 30 seconds',
  'chart.axisTime': 'seconds',
  'chart.axisPressure': 'cmH2O',
  'device.battery': 'Battery {percent} %',
  'device.simulated': 'Simulated sensor',
  'device.badPackets': '{count} damaged packets ignored',
  'device.lostSamples': '{count} samples lost in transit',
  'device.reconnectAttempt': 'attempt {attempt} of {attempts}',
  'device.communityDocumented': 'Community-documented: readings are uncalibrated counts until you calibrate.',
  'device.unit': 'Readings in {unit}',
  'device.unit.cmH2O': 'cmH2O',
  'device.unit.counts': 'uncalibrated counts',
  'device.rate': '{rate} samples per second',
  'device.manufacturer': 'Maker',
  'device.model': 'Model',
  'device.serial': 'Serial number',
  'device.firmware': 'Firmware',
  'device.tare': 'Zero at rest',
  'device.dropouts': 'Connection dropped {count}× (the gaps are marked in the recording)',
  'device.note.perifit':
    'Two sensing points: the base is shown as the main curve and the tip as the reference, until a calibration shows which one rises with a correct squeeze.',
  'device.note.elvie': 'The trainer wakes up after a few squeezes; until then the curve stays flat.',
  'error.chooserCancelled': 'No sensor was chosen.',
  'error.notFound': 'No supported sensor was found. Is it switched on and close by?',
  'error.security': 'The browser did not allow access to this sensor.',
  'error.network': 'The sensor did not answer. Move closer, check its battery, and try again.',
  'error.unsupportedDevice': 'This device is not a supported pressure sensor.',
  'error.timeout': 'The sensor stopped answering. Move closer, check that it is switched on, and try again.',
  'error.notSupported': 'The sensor refused a request the app needs. It may be a different model or need a firmware update.',
  'error.reconnectFailed':
    'The sensor could not be reached again, so the app stopped trying. Everything measured before the connection dropped is kept. Check the sensor and press Connect sensor.',
  'error.unknown': 'Something went wrong with the connection: {detail}',
  // Training programs, cues and rep feedback (src/programs, src/cues, src/ui/program).
  'program.heading': 'Training',
  'program.choose': 'Program',
  'program.find.name': 'Find the muscles',
  'program.find.how': 'Squeeze gently, as if holding back wind, lift up and in, then let go completely.',
  'program.strength.name': 'Strength',
  'program.strength.how': 'Squeeze as hard as you can, lift up and in, and hold with the same force. Relax completely between squeezes.',
  'program.speed.name': 'Speed',
  'program.speed.how': 'Squeeze as fast and as hard as you can, then let go.',
  'program.endurance.name': 'Endurance',
  'program.endurance.how': 'Squeeze with moderate force and hold as long as you can. If you lose the squeeze, catch it again.',
  'program.nff.name': 'Physiotherapy programme',
  'program.nff.how':
    'Squeeze as hard as you can without using other muscles, breathe normally, and hold. Later on: three quick squeezes at the end of each hold.',
  'program.relax.name': 'Relax',
  'program.relax.how': 'A gentle squeeze, then let go completely and stay relaxed. Letting go is the exercise.',
  'program.mvc.name': 'Strength test',
  'program.mvc.how': 'Three squeezes as hard as you can. Your strongest one sets the scale for "too weak".',
  'program.perfect.name': 'PERFECT assessment',
  'program.perfect.how': 'Power, endurance, repetitions and fast squeezes: a profile of your pelvic floor.',
  'program.source': 'Source: {cite}',
  'program.hold': 'Hold (seconds)',
  'program.rest': 'Rest (seconds)',
  'program.reps': 'Repetitions',
  'program.sets': 'Sets',
  'program.fixed': 'This assessment has fixed timing.',
  'program.week': 'Week {week} of training: suggested settings.',
  'program.issue.range': 'Allowed: {min} to {max}.',
  'program.issue.restShorterThanHold': 'Rest at least as long as the hold.',
  'program.start': 'Start',
  'program.stop': 'Stop',
  'program.pause': 'Pause',
  'continue.heading': 'Continue where you stopped?',
  'continue.text':
    'Your {program} session stopped before it was finished: {done} of {total} squeezes done. Everything up to then is kept in your session history.',
  'continue.go': 'Continue the session',
  'continue.dismiss': 'Not now',
  'continue.needSensor': 'Connect the sensor first.',
  'program.resume': 'Go on',
  'program.needSensor': 'Connect a sensor (or the simulated one) to start.',
  'program.needSafety': 'Read the advice above and press "I understand" to start.',
  'program.mvcKnown': 'Your strength test: {value} cmH2O.',
  'program.mvcNone': 'No strength test yet: "too weak" is judged against your best squeeze so far.',
  'cue.label': 'Cue',
  'cue.squeeze': 'Squeeze',
  'cue.relax': 'Relax',
  'cue.getReady': 'Get ready',
  'cue.paused': 'Paused',
  'cue.pausedSensorLost': 'Sensor lost. Relax; the set goes on when it is back.',
  'cue.finished': 'Finished. Well done.',
  'cue.secondsLeft': '{seconds} s',
  'cue.progress': 'Rep {rep} of {reps}',
  'cue.setProgress': 'Set {set} of {sets}',
  'cues.heading': 'Cues',
  'cues.visual': 'Show cues',
  'cues.sound': 'Sounds',
  'cues.speech': 'Spoken cues',
  'cues.vibration': 'Vibration',
  'cues.unavailable': '{name} (not available in this browser)',
  'results.heading': 'Rep results',
  'results.rep': 'Rep {n}',
  'results.score': 'Score {score}',
  'results.noFaults': 'no faults',
  'results.missed': 'Missed: no squeeze was seen after the cue.',
  'results.cut': 'Cut short: the sensor was lost during this squeeze, so it was not judged.',
  'results.extra': 'extra squeeze',
  'fault.weak': 'too weak',
  'fault.short_hold': 'held too short',
  'fault.slow_rise': 'slow to tighten',
  'fault.late_onset': 'started late',
  'fault.incomplete_relaxation': 'did not relax fully',
  'fault.straining': 'pushed down (straining)',
  'fault.fading': 'faded during the hold',
  'feedback.great': 'Well done: a clean squeeze.',
  'feedback.tip.weak': 'Good. Next time squeeze a little harder.',
  'feedback.tip.short_hold': 'Good. Next time hold a little longer.',
  'feedback.tip.slow_rise': 'Good. Next time tighten a little faster.',
  'feedback.tip.late_onset': 'Good. Next time start as soon as the cue comes.',
  'feedback.tip.incomplete_relaxation': 'Good. Next time let go a little sooner.',
  'feedback.tip.straining': 'Good. Next time keep your belly even softer.',
  'feedback.tip.fading': 'Good. Next time keep the force steady to the end.',
  'feedback.fault.weak': 'Squeeze harder: lift up and in as strongly as you can.',
  'feedback.fault.short_hold': 'Hold the squeeze until the relax cue.',
  'feedback.fault.slow_rise': 'Tighten faster: squeeze quickly, all at once.',
  'feedback.fault.late_onset': 'Start the squeeze as soon as the cue comes.',
  'feedback.fault.incomplete_relaxation': 'Let go completely between squeezes: the pressure stayed more than {band:0} cmH2O above rest.',
  'feedback.fault.straining': "Don't push down: lift up and in, keep your belly soft and breathe normally.",
  'feedback.fault.fading': 'Keep the same force all through the hold.',
  'feedback.extra': 'An extra squeeze between cues: wait for the next cue.',
  'feedback.recaught': 'Caught the squeeze again: well done.',
  'summary.heading': 'Summary',
  'summary.set': 'Set {n}',
  'summary.session': 'Whole session',
  'summary.stopped': 'Stopped early.',
  'summary.reps': 'Reps done: {done}, missed: {missed}',
  'summary.avgScore': 'Average score: {score}',
  'summary.peakPct': 'Best peak: {best} % of your maximum; average {avg} %',
  'summary.peakCm': 'Best peak: {best} cmH2O',
  'summary.hold': 'Total hold time: {seconds} s',
  'summary.fatigue': 'Fatigue across the set: {pct} %',
  'summary.faults': 'Faults: {list}',
  'summary.noFaults': 'No faults.',
  'summary.mvc.test': 'Scored against your strength test ({value} cmH2O).',
  'summary.mvc.estimate': 'Scored against your best squeeze this session ({value} cmH2O). Do the strength test for a firmer scale.',
  'summary.mvcResult': 'Your maximal squeeze: {value} cmH2O. It is now the scale for "too weak".',
  'summary.mvcNone': 'No valid squeeze was measured. Try again.',
  'summary.perfect': 'PERFECT profile: power {power} cmH2O, endurance {e} s, {r} repetitions, {f} fast squeezes ({e}/{r}/{f}).',
  'summary.focus': 'Next time: {text}',
  'summary.focusNone': 'Keep it up. Training takes weeks to months to show.',
  'summary.focusMissed': 'Squeeze at every cue.',
  'safety.heading': 'Before you start',
  'safety.pain': 'Stop if it hurts. Do not train while you have pain down below or when squeezing hurts.',
  'safety.afterBirth': "After giving birth or surgery, start with soft, short squeezes, and follow your midwife's or doctor's advice on when to begin.",
  'safety.breathe': 'Breathe normally. Never push down or bear down.',
  'safety.physio': 'See a physiotherapist if you are unsure you are doing it right, or if you see no progress.',
  'safety.source': 'Advice from 1177.se and the Norwegian physiotherapy association.',
  'safety.ok': 'I understand',
  // Session history and the journal that keeps it (src/journal, src/ui/SessionHistory.tsx).
  'history.heading': 'Session history',
  'history.empty': 'No sessions yet. Every session is kept here, on this device only, so you can save it later.',
  'history.freeSession': 'Free session',
  'history.reps.one': '{count} rep',
  'history.reps.other': '{count} reps',
  'history.interrupted': 'Interrupted: the app closed before the session ended. Everything up to then is kept.',
  'history.active': 'Recording now',
  'history.save': 'Save as CSV',
  'history.saveLabel': 'Save the session of {when} as CSV',
  'history.delete': 'Delete',
  'history.deleteLabel': 'Delete the session of {when}',
  'history.confirm': 'Delete this session for good?',
  'history.deleteForGood': 'Delete for good',
  'history.deleteForGoodLabel': 'Delete the session of {when} for good',
  'history.cancel': 'Cancel',
  'history.cancelLabel': 'Keep the session of {when}',
  'history.nothingToSave': 'This session has no samples to save.',
  'history.loadFailed': 'This session could not be read from the device storage.',
  'journal.full': 'The storage on this device is full, so the rest of this session is not kept after you close the page. Save it as CSV before you leave.',
  'journal.unavailable': 'This browser does not let the app keep sessions (private browsing?). Save each session as CSV before you close the page.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;

/** A parameter: text, a number (formatted by `t` in the catalog's language) or a nested message. */
export type MessageParam = string | number | Message;

/**
 * A message as domain code returns it: a key and its parameters, translated only where it is
 * shown (the UI, the CLI tools). Domain code imports this type and the keys, never `t`.
 */
export interface Message {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

const catalogs: Record<string, Catalog> = { en };
let active: Catalog = en;
/** The language of the active catalog: numbers are formatted to match the text around them. */
let activeLocale = 'en';

export function setLocale(locale: string): void {
  const lang = locale.split('-')[0];
  activeLocale = catalogs[locale] ? locale : catalogs[lang] ? lang : 'en';
  active = catalogs[activeLocale];
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `{name:N}` formats a number with exactly N decimals (as `toFixed(N)`), `{name}` with as many as
 * it has (as `String`), both in the active language. No digit grouping, so English reads as it
 * always did ("1250", not "1,250").
 */
function formatNumber(x: number, digits: number | null): string {
  const id = `${activeLocale}/${digits ?? ''}`;
  let f = numberFormats.get(id);
  if (!f) {
    const fraction = digits === null ? { maximumFractionDigits: 20 } : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    f = new Intl.NumberFormat(activeLocale, { ...fraction, useGrouping: false });
    numberFormats.set(id, f);
  }
  return f.format(Object.is(x, -0) ? 0 : x);
}

function formatParam(p: MessageParam, digits: number | null): string {
  if (typeof p === 'number') return formatNumber(p, digits);
  return typeof p === 'string' ? p : t(p);
}

/** Look up a message and fill its `{name}` / `{name:digits}` placeholders. */
export function t(message: Message): string;
export function t(key: MessageKey, params?: Readonly<Record<string, MessageParam>>): string;
export function t(keyOrMessage: MessageKey | Message, params?: Readonly<Record<string, MessageParam>>): string {
  const m = typeof keyOrMessage === 'string' ? { key: keyOrMessage, params } : keyOrMessage;
  const text = active[m.key];
  const values = m.params;
  if (!values) return text;
  return text.replace(/\{(\w+)(?::(\d))?\}/g, (whole, name: string, digits: string | undefined) =>
    name in values ? formatParam(values[name], digits === undefined ? null : Number(digits)) : whole,
  );
}
