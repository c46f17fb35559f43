/**
 * Which folder may import which (`npm run deps`). Each rule says why it exists.
 * @type {import('dependency-cruiser').IConfiguration}
 */

/** A folder of src/, as a path pattern. */
const src = (...dirs) => `^src/(${dirs.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means neither module can be understood, tested or replaced without the other, and import order starts to matter at run time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'firmware-sim-stands-alone',
      severity: 'error',
      comment:
        'firmware-sim/ is a stand-in for real hardware and a real person: it must behave like them, knowing only the published protocol, never the app, its tools or its tests.',
      from: { path: '^firmware-sim/' },
      to: { path: '^(src|tools|tests)/' },
    },
    {
      name: 'protocol-is-neutral',
      severity: 'error',
      comment:
        'protocol/ is the shared contract (GATT profile, packet encoding, GATT interface types) that both the device side and the app side implement; it depends on neither.',
      from: { path: '^protocol/' },
      to: { path: '^(firmware-sim|src|tools|tests)/' },
    },
    {
      name: 'src-not-to-tools-or-tests',
      severity: 'error',
      comment: 'The app is shipped; tools/ and tests/ are not. Anything the app needs belongs in src/.',
      from: { path: '^src/' },
      to: { path: '^(tools|tests)/' },
    },
    {
      name: 'src-to-firmware-sim-only-for-the-simulated-sensor',
      severity: 'error',
      comment:
        'The app talks to a sensor through Web Bluetooth and protocol/, whatever the device; only the places that offer the built-in simulated sensor may reach into firmware-sim/.',
      from: { path: '^src/', pathNot: '^src/(ui/|session/|main\\.tsx$|ble/simulated\\.ts$)' },
      to: { path: '^firmware-sim/' },
    },
    {
      name: 'pipeline-is-pure',
      severity: 'error',
      comment:
        'src/pipeline is pure analysis over samples: it runs the same live, in `npm run analyze` and in the benches, so it cannot depend on Bluetooth, programs, sessions, stores, UI, cues, the journal or the recorder.',
      from: { path: '^src/pipeline/' },
      to: { path: src('ble', 'programs', 'session', 'store', 'ui', 'cues', 'journal', 'recording') },
    },
    {
      name: 'ble-below-programs-and-session',
      severity: 'error',
      comment: 'src/ble only turns a device into samples; what a program, a session, a store, the UI, cues or the journal do with them is not its business.',
      from: { path: '^src/ble/' },
      to: { path: src('programs', 'session', 'store', 'ui', 'cues', 'journal') },
    },
    {
      name: 'programs-are-data-and-pure-rules',
      severity: 'error',
      comment:
        'src/programs (plans, scoring, runner) works on rep events from the pipeline, whatever the sensor; it must not know Bluetooth, sessions, stores, the UI or the journal, so it stays testable without them.',
      from: { path: '^src/programs/' },
      to: { path: src('ble', 'session', 'store', 'ui', 'journal') },
    },
    {
      name: 'progress-is-pure',
      severity: 'error',
      comment:
        'src/progress computes progress and the report from what the journal keeps: pure functions over its outcomes, so the screens, the report and the tests compute the same; it must not know Bluetooth, sessions, stores or the UI.',
      from: { path: '^src/progress/' },
      to: { path: src('ble', 'session', 'store', 'ui', 'cues') },
    },
    {
      name: 'cues-below-session-and-ui',
      severity: 'error',
      comment: 'src/cues turns a program step into sound, speech and vibration; it is driven by the session and the UI, not the other way round.',
      from: { path: '^src/cues/' },
      to: { path: src('store', 'ui', 'session') },
    },
    {
      name: 'reminders-are-pure',
      severity: 'error',
      comment: 'src/reminders turns chosen times into a calendar file; it knows nothing of sessions, stores or the UI, so it is tested on its own.',
      from: { path: '^src/reminders/' },
      to: { path: src('session', 'store', 'ui', 'journal', 'ble') },
    },
    {
      name: 'recording-and-journal-below-session',
      severity: 'error',
      comment: 'src/recording and src/journal store what happened; the session feeds them, and they must not reach back into it, the stores or the UI.',
      from: { path: '^src/(recording|journal)/' },
      to: { path: src('session', 'store', 'ui') },
    },
    {
      name: 'session-below-store-and-ui',
      severity: 'error',
      comment:
        'src/session wires a sensor to the analysis; it reports through its own streams, and the stores and UI subscribe, so it runs (and is tested) without React or Zustand.',
      from: { path: '^src/session/' },
      to: { path: src('store', 'ui') },
    },
    {
      name: 'store-below-ui',
      severity: 'error',
      comment: 'Stores hold state for the UI; a store that imports a component would make the state depend on how it is shown.',
      from: { path: '^src/store/' },
      to: { path: src('ui') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // `import type` couples modules too, so it counts.
    tsPreCompilationDeps: true,
    // Resolve imports the way tsc does (extension-less and `.ts` imports alike).
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.d.ts'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
