/**
 * The source catalog of user-facing text: English, and the one place a key is added. Norwegian
 * Bokmål, Swedish and Danish (nb.ts, sv.ts, da.ts) are typed `Catalog`, so a key missing there
 * is a compile error; languages.ts picks the active one.
 */
export const en = {
  'app.title': 'Pelvic floor trainer',
  'app.tagline': 'See your pelvic-floor squeeze as you do it, and learn to do it right.',
  'connect.heading': 'Sensor',
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
  'chart.summaryNone': 'No squeeze yet.',
  'chart.summary': 'Squeezes so far: {count}. The last one reached {last} {unit} above rest and was held {held} s; the strongest reached {best} {unit}.',
  'device.heading': 'Device',
  'device.battery': 'Battery {percent} %',
  'device.simulated': 'Simulated sensor',
  'device.badPackets': '{count} damaged packets ignored',
  'device.lostSamples': '{count} samples lost in transit',
  'device.rejectedSamples': '{count} impossible readings ignored (a faulty sensor or packet)',
  'device.timeJumps': '{count} wrong timestamps from the sensor corrected',
  'device.reconnectAttempt': 'attempt {attempt} of {attempts}',
  'device.communityDocumented': 'Community-documented: readings are uncalibrated counts until you calibrate.',
  'device.communityDocumentedCmH2O': 'Community-documented: its Bluetooth details come from public notes, not from the maker.',
  'device.unit': 'Readings in {unit}',
  'device.unit.cmH2O': 'cmH2O',
  'device.unit.counts': 'uncalibrated counts',
  'units.cmH2O':
    'cmH2O (centimetres of water) is the unit of pressure physiotherapists use for pelvic-floor squeezes; readings differ from one probe to another, so what counts is how your squeezes compare with your own.',
  'device.unit.pctMax': '% of max',
  'calibration.title': 'Calibrate your trainer',
  'calibration.intro':
    'This trainer does not measure in standard units. A short calibration turns its readings into a percentage of your strongest squeeze: first rest, then squeeze as hard as you can.',
  'calibration.start': 'Calibrate',
  'calibration.again': 'Calibrate again',
  'calibration.rest': 'Rest: relax completely and breathe normally.',
  'calibration.squeeze': 'Squeeze as hard as you can and hold it until the countdown ends.',
  'calibration.secondsLeft': '{seconds} s',
  'calibration.done': 'Done: readings are now in % of your maximum.',
  'calibration.tooWeak': 'No strong squeeze was seen, so nothing changed. When asked, squeeze as hard as you can, then try again.',
  'calibration.notHeld': 'The squeeze was too short to measure, so nothing changed. Try again and hold it for at least 3 seconds.',
  'calibration.sensorLost': 'The sensor was lost during calibration, so nothing changed. Try again when it is back.',
  'device.rate': '{rate} samples per second',
  'device.manufacturer': 'Maker',
  'device.model': 'Model',
  'device.serial': 'Serial number',
  'device.firmware': 'Firmware',
  'device.tare': 'Zero at rest',
  'device.testVibration': 'Test vibration',
  'device.vibrateWithCues': 'Vibrate at each cue: one pulse to squeeze, two to relax',
  'device.forget': 'Forget this sensor',
  'device.dropouts': 'Connection dropped {count}× (the gaps are marked in the recording)',
  'device.note.perifit':
    'Two sensing points: the base is shown as the main curve and the tip as the reference, until a calibration shows which one rises with a correct squeeze.',
  'device.note.elvie': 'The trainer wakes up after a few squeezes; until then the curve stays flat.',
  'device.note.femfit':
    'Eight pressure points: the curve is the average of the six over the pelvic floor, and the top one, above it, shows pressure from the belly, so that bearing down is told from a squeeze. Zero is the pressure when it connected; press Zero at rest to set it again.',
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
  // Installable and offline: the app's own parts loaded on demand, and its updates (src/store/trainingActions.ts, src/ui/UpdatePrompt.tsx).
  'error.simulatedUnavailable': 'The simulated sensor could not be loaded. Reload the page and try again.',
  'error.partUnavailable': 'This part of the app could not be loaded. Reload the page and try again.',
  'error.reloadPage': 'Reload',
  'update.ready': 'A new version of the app is ready.',
  'update.reload': 'Reload now',
  'update.later': 'Later',
  'error.rememberedUnavailable': 'Your sensor from last time could not be reached. Switch it on, bring it close, and press Connect sensor to choose it again.',
  // Training programs, cues and rep feedback (src/programs, src/cues, src/ui/program).
  'program.heading': 'Training',
  'nav.label': 'Screens',
  'nav.home': 'Home',
  'nav.history': 'History',
  'nav.settings': 'Settings',
  'home.lastSession': 'Last time: {program}, {done} % done.',
  'home.lastSessionScored': 'Last time: {program}, {done} % done, average score {score}.',
  'live.heading': 'Live pressure',
  'train.heading': 'Training now',
  'resultsScreen.heading': 'How it went',
  'resultsScreen.done': 'Done',
  'repChart.label': 'Peak of each of the {count} squeezes; the strongest reached {best} cmH2O.',
  'repChart.caption': 'Each bar is one squeeze: how strong it was, and under it how long it was held.',
  'repChart.captionMvc': 'Each bar is one squeeze: how strong it was, and under it how long it was held. The line is your strength test.',
  'announce.setDone': 'Finished. Well done. Your results are on screen.',
  'settings.heading': 'Settings',
  // Languages: the control is named in the current language, each option in its own (src/i18n/languages.ts).
  'settings.language': 'Language',
  'settings.cues': 'Cues',
  'settings.units': 'What the numbers mean',
  'settings.unitsCounts': 'Trainers that only report raw counts show % of your strongest squeeze once calibrated.',
  'data.heading': 'Your data',
  'data.onDevice':
    'Everything measured stays on this device, in this browser. Nothing is sent anywhere. Under History you can save one session as a CSV file, or delete it.',
  'data.fileContents':
    'Export all data saves one file with every session: each squeeze curve as it was measured, your results, and your settings. Keep it as a copy, or open this app in another browser or phone and use Import data there.',
  'data.intimate': 'The file holds intimate health data. Keep it somewhere private and share it only with people you trust, such as your physiotherapist.',
  'data.importKeeps': 'Import adds the sessions in the file. Sessions already on this device stay as they are.',
  'data.export': 'Export all data',
  'data.import': 'Import data',
  'data.delete': 'Delete all data',
  'data.deleteTitle': 'Delete all data?',
  'data.deleteText':
    'This removes every session, every recording and your settings from this device. It cannot be undone. If you want to keep a copy, export your data first.',
  'data.deleteConfirm': 'Delete everything',
  'data.deleteCancel': 'Cancel',
  'data.busy.export': 'Preparing the file…',
  'data.busy.import': 'Importing…',
  'data.busy.delete': 'Deleting…',
  'data.exported.none': 'The file is saved in your downloads. It holds your settings: there is no session on this device yet.',
  'data.exported.one': 'The file with {count} session is saved in your downloads.',
  'data.exported.other': 'The file with {count} sessions is saved in your downloads.',
  'data.exportUnreadable.one': '{count} session could not be read from this device and is not in the file.',
  'data.exportUnreadable.other': '{count} sessions could not be read from this device and are not in the file.',
  'data.exportFailed': 'The file could not be made: this browser did not let the app read its storage. Nothing was changed.',
  'data.imported.one': '{count} session imported.',
  'data.imported.other': '{count} sessions imported.',
  'data.present.one': '{count} session was already here and was kept as it is.',
  'data.present.other': '{count} sessions were already here and were kept as they are.',
  'data.skipped.one': '{count} session could not be read and was skipped.',
  'data.skipped.other': '{count} sessions could not be read and were skipped.',
  'data.incomplete': 'The file ends early or has sessions missing: it was probably not copied completely.',
  'data.settingsRestored': 'Your settings from the file were restored.',
  'data.notDataFile': 'This file could not be read as a data file from this app. Nothing was imported.',
  'data.newerVersion':
    'This file was made by a newer version of the app (file version {version}), which this version cannot read. Update the app, then import the file again. Nothing was imported.',
  'data.importFailed': 'The import stopped: this device could not store the sessions (is its storage full?). Nothing was changed.',
  'data.deleted': 'All data is deleted from this device.',
  'data.deleteFailed': 'The data could not be deleted: this browser did not let the app change its storage. Nothing was changed.',
  'history.screenHeading': 'History',
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
  // The Knack: squeezing before a cough and holding it through the cough (src/programs/catalog.ts).
  'program.knack.name': 'Squeeze before you cough',
  'program.knack.how': 'Squeeze, and keep squeezing while you cough when told, then relax. Doing this before every cough, sneeze or lift helps stop leaks.',
  'source.miller1998': 'Studies of squeezing before a cough (Miller and colleagues, 1998 and 2008)',
  'source.cite.knack': 'Squeezing just before a cough and holding it through the cough cut leaks on a medium cough by 98 %.',
  'cue.cough': 'Cough',
  'fault.knack_late': 'squeezed too late for the cough',
  'fault.knack_released': 'let go during the cough',
  'feedback.tip.knack_late': 'Good. Next time squeeze a little earlier, well before you cough.',
  'feedback.tip.knack_released': 'Good. Next time keep squeezing a moment longer after the cough.',
  'feedback.fault.knack_late': 'Squeeze first, then cough: tighten as soon as you hear "squeeze", before the cough.',
  'feedback.fault.knack_released': 'Keep squeezing all through the cough, and let go only when told to relax.',
  'program.source': 'Source: {from}. {cite}',
  // Where the programs' numbers come from, named as a patient knows them (src/programs/catalog.ts).
  'source.nff': 'Norwegian Physiotherapist Association, leaflet on pelvic-floor training',
  'source.cochrane': 'Cochrane review of pelvic-floor training, summarised in Norwegian',
  'source.danish': 'Danish health article on pelvic-floor training',
  'source.1177': '1177.se (Swedish health service), page on pelvic-floor training',
  'source.pelvicGirdle': 'Norwegian patient leaflet on pelvic girdle pain',
  'source.bo1999': 'A clinical trial of pelvic-floor training (Bø and colleagues, British Medical Journal, 1999)',
  'source.laycock2001': 'The PERFECT scheme physiotherapists use to assess the pelvic floor (Laycock and Jerwood, 2001)',
  'source.perineometry': 'Studies that measure pelvic-floor squeezes with a pressure probe',
  'source.cite.find': 'To find the muscles: squeeze for a few seconds, rest at least as long, 10 times.',
  'source.cite.strength': 'Strength training: hold 5–6 seconds, relax completely, rest at least as long, aim for 10.',
  'source.cite.speed': 'Speed training: squeeze 2 seconds, relax 2 seconds, 10 times.',
  'source.cite.endurance': 'Endurance training: moderate force, aim for one minute; if you lose the squeeze, catch it again.',
  'source.cite.nff': 'Hold 6–8 seconds, 8–12 times, 3 sets a day; later, 3 quick squeezes at the end of each hold.',
  'source.cite.nffTrial': '8–12 squeezes close to your hardest, held 6–8 seconds, resting twice as long, 3 sets a day.',
  'source.cite.relax': 'With pain, practise relaxing the pelvic floor instead of squeezing.',
  'source.cite.relaxPain': 'With pelvic pain, some people need relaxation rather than strength training.',
  'source.cite.mvc': 'Readings differ from one probe to another, so your squeezes are measured against your own strongest: the best of 3.',
  'source.cite.perfect': 'Power, Endurance, Repetitions, Fast: hold up to 10 seconds, repeat up to 10 times, up to 10 fast squeezes.',
  // The training plan and reminders (src/programs/trainingPlan.ts, src/reminders, Home, Settings).
  'source.trainers': 'Pelvic-floor trainers with a sensor, such as PeriCoach',
  'source.cite.planStart': 'Your own assessment sets where the programme starts: hold as long as you held, as many times as you managed.',
  'source.cite.threeADay': 'Train three rounds every day.',
  'source.cite.retest': 'Your strength is tested again every 2 weeks, so the programme follows your progress.',
  'source.cite.physio': 'If progress does not come, or you are unsure you are doing it right, contact a physiotherapist who specialises in the pelvic floor.',
  'source.cite.twoMonths': 'Expect about two months of training before you notice a change.',
  'source.cite.measurementError': 'A repeated measurement differs by about 3 cmH2O, so only a bigger change counts as progress.',
  'source.cite.maintenance': 'Up to half a year for the full effect; then training 1–3 times a week keeps the muscles working.',
  'source.cite.maintenanceTrial': '5–6 months of training, then twice a week to keep the effect.',
  'plan.label': 'Your plan today',
  'plan.next.assess': 'First, a short assessment: it sets where your programme starts.',
  'plan.next.retest': 'It is {days} days since your last test: a quick strength test shows your progress.',
  'plan.next.train': 'Week {week}: hold {hold} s, {reps} times, rest {rest} s.',
  'plan.next.other': 'Your plan for today is “{planned}”. You picked “{picked}”: Start runs that.',
  'plan.follow': 'Back to the plan',
  'plan.next.trainFlicks': 'Week {week}: hold {hold} s and end each hold with {flicks} quick squeezes, {reps} times.',
  'plan.setsLeft.one': '{count} set left today',
  'plan.setsLeft.other': '{count} sets left today',
  'plan.setsLeft.none': 'All {target} sets done today. Well done.',
  'plan.setsLeftWeek.one': '{count} set left this week',
  'plan.setsLeftWeek.other': '{count} sets left this week',
  'plan.setsLeftWeek.none': 'This week’s {target} sets are done. Well done.',
  'plan.heldBack.stopped': 'You stay at this step: your last set was stopped early. Stop whenever it hurts; the next step waits for a set that goes through.',
  'plan.heldBack.missed': 'You stay at this step until you manage most squeezes of a set.',
  'plan.heldBack.fault': 'You stay at this step until your squeezes are cleaner. Work on this: {fault}.',
  'plan.heldBack.score': 'You stay at this step until your sets score {score} or more on average.',
  'plan.physio':
    'You have trained for {weeks} weeks without clear progress. If progress does not come, or you are unsure you are doing it right, contact a physiotherapist who specialises in the pelvic floor: they can tailor a programme to you.',
  'plan.maintenance':
    'Five to six months of training are behind you. Now training 1–3 times a week keeps your muscles working; many who stop completely get worse again.',
  'plan.sources': 'Where these numbers come from',
  'reminders.heading': 'Reminders',
  'reminders.why': 'A reminder every day helps the training become a habit (1177.se, Swedish health service). Three a day fits the programme.',
  'reminders.times': 'Remind me at',
  'reminders.removed': 'Reminder at {time} removed.',
  'reminders.remove': 'Remove',
  'reminders.removeLabel': 'Remove the reminder at {time}',
  'reminders.newTime': 'New time',
  'reminders.add': 'Add time',
  'reminders.download': 'Add reminders to calendar',
  'reminders.downloadHint': 'Downloads a calendar file. Open it and your calendar app reminds you every day at these times. Nothing is sent anywhere.',
  'reminders.none': 'Add at least one time first.',
  'reminders.noneYet': 'No reminder times yet.',
  'reminders.invalid': 'That is not a time of day. Use hours and minutes, for example 08:00.',
  'reminders.duplicate': 'That time is already on the list.',
  'reminders.eventSummary': 'Pelvic-floor training',
  'reminders.eventDescription': 'Time for one set of pelvic-floor squeezes. Open the pelvic floor trainer to see today’s plan.',
  'program.hold': 'Hold (seconds)',
  'program.rest': 'Rest (seconds)',
  'program.reps': 'Repetitions',
  'program.sets': 'Sets',
  'program.fixed': 'This assessment has fixed timing.',
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
  'cue.squeezeProgress': 'Squeeze {rep} of {reps}',
  'cue.phaseSqueezeProgress': '{phase}: squeeze {rep} of {reps}',
  // The four parts of the PERFECT assessment, and what each asks of you.
  'phase.power': 'Power',
  'phase.power.how': 'One squeeze, as hard as you can.',
  'phase.endurance': 'Endurance',
  'phase.endurance.how': 'Squeeze hard and hold it as long as you can, up to 10 seconds.',
  'phase.repetitions': 'Repetitions',
  'phase.repetitions.how': 'The same hold again, as many times as you can, up to 10.',
  'phase.fast': 'Fast',
  'phase.fast.how': 'Quick, hard squeezes of 1 second each, up to 10.',
  'cues.heading': 'Cues',
  'cues.visual': 'Show cues',
  'cues.sound': 'Sounds',
  'cues.speech': 'Spoken cues',
  'cues.vibration': 'Phone vibration',
  'cues.probeVibration': 'Trainer vibration (trainers with a motor)',
  'cues.unavailable': '{name} (not available in this browser)',
  'cues.noVoice': 'This device has no voice for this language, so the cues are tones instead.',
  'results.heading': 'Rep results',
  'results.rep': 'Rep {n}',
  'results.score': 'Score {score}',
  'results.phaseSqueeze': '{phase} {n}',
  'results.squeeze': 'Squeeze {n}',
  'results.measured': 'Peak {peak:0}\u00a0cmH2O, held {seconds:1}\u00a0s',
  'results.noFaults': 'no faults',
  'results.missed': 'Missed: no squeeze was seen after the cue.',
  'results.cut': 'Cut short: the sensor was lost during this squeeze, so it was not judged.',
  'results.stopped': 'Stopped during this squeeze, so it was not judged.',
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
  'summary.avgScore': 'Average score: {score:0}',
  'summary.peakPct': 'Strongest squeeze: {best:0} % of your strength test; on average {avg:0} %.',
  'summary.peakOfBest': 'On average, your squeezes reached {avg:0} % of your strongest one.',
  'summary.peakCm': 'Strongest squeeze: {best:0} cmH2O',
  'summary.hold': 'Total hold time: {seconds:0} s',
  'summary.fatigue': 'Your last squeeze was {pct:0} % weaker than your first.',
  'summary.noFatigue': 'Your squeezes kept their strength to the end.',
  'summary.faults': 'Faults: {list}',
  'summary.noFaults': 'No faults.',
  'summary.mvc.test': 'Scored against your strength test ({value:0} cmH2O).',
  'summary.mvc.estimate': 'Scored against your strongest squeeze this session ({value:0} cmH2O). Do the strength test for a firmer scale.',
  'summary.mvcResult': 'Your strongest squeeze: {value:0} cmH2O. It is now the scale for "too weak".',
  'summary.mvcNone': 'No valid squeeze was measured. Try again.',
  'summary.perfect': 'PERFECT profile: power {power:0} cmH2O, endurance {e} s, {r} repetitions, {f} fast squeezes ({e}/{r}/{f}).',
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
  'history.active': 'Recording now, until you start another program or disconnect the sensor. To delete this session, disconnect the sensor first.',
  'history.save': 'Save as CSV',
  'history.saveLabel': 'Save the session of {when} as CSV',
  'history.delete': 'Delete',
  'history.deleteLabel': 'Delete the session of {when}',
  'history.deleted': 'Session deleted.',
  'history.confirm': 'Delete this session for good?',
  'history.deleteForGood': 'Delete for good',
  'history.deleteForGoodLabel': 'Delete the session of {when} for good',
  'history.cancel': 'Cancel',
  'history.cancelLabel': 'Keep the session of {when}',
  'history.nothingToSave': 'This session has no samples to save.',
  'history.loadFailed': 'This session could not be read from the device storage.',
  // Progress, a session opened from the history, and the report for a physiotherapist (src/progress, src/ui/progress).
  'nav.progress': 'Progress',
  'progress.heading': 'Progress',
  'progress.loading': 'Loading…',
  'progress.summary.none': 'No sessions yet. After your first set, your progress shows here.',
  'progress.summary.noSqueeze': 'No squeeze has been measured yet. After your first set, your progress shows here.',
  'progress.summary.first': 'Your strongest squeeze so far: {value} cmH2O. Keep training: changes show over weeks.',
  'progress.summary.change': 'Your strongest squeeze went from {from} to {to} cmH2O in {span}.',
  'progress.span.day': '1 day',
  'progress.span.days': '{count} days',
  'progress.span.weeks': '{count} weeks',
  'progress.axisWeek': 'week',
  'progress.chart.strongest': 'Strongest squeeze over the weeks',
  'progress.chart.endurance': 'Endurance over the weeks',
  'progress.chart.score': 'Average score over the weeks',
  'progress.chart.kept': 'Strength kept to the end of a set',
  'progress.chart.perfect': 'PERFECT profile over time',
  'progress.explain.strongest':
    'Your strongest squeeze each week, in cmH2O above rest: from a strength test or PERFECT assessment when you did one, otherwise your best squeeze in training.',
  'progress.explain.endurance': 'The longest time one squeeze stayed above 60 % of your strongest squeeze, in seconds.',
  'progress.explain.score': 'The average score of your training squeezes, from 0 to 100.',
  'progress.explain.kept': 'Your last squeeze of a set as a share of your first, in %. 100 % means you did not tire; higher is better.',
  'progress.explain.perfect': 'Each PERFECT assessment: Power in cmH2O, Endurance in seconds held, Repetitions of that hold and Fast squeezes (up to 10 each).',
  'progress.point': 'Week {week}: {value}',
  'progress.v.cmH2O': '{value:0} cmH2O',
  'progress.v.seconds': '{value:1} s',
  'progress.v.score': '{value:0}',
  'progress.v.pct': '{value:0} %',
  'progress.perfectPoint': '{date}: power {power} cmH2O, endurance {e} s, {r} repetitions, {f} fast squeezes',
  'progress.noData': 'Not measured yet.',
  'progress.legend.p': 'Power (cmH2O)',
  'progress.legend.e': 'Endurance (s)',
  'progress.legend.r': 'Repetitions',
  'progress.legend.f': 'Fast',
  'progress.calendar.heading': 'Sets per day, last 4 weeks',
  'progress.calendar.one': '{date}: 1 set',
  'progress.calendar.other': '{date}: {count} sets',
  'progress.calendar.future': '{date}: still to come',
  'progress.calendar.hint': 'The aim is 3 sets a day (Norwegian Physiotherapist Association).',
  'progress.report': 'Report for your physiotherapist',
  'report.heading': 'Report for your physiotherapist',
  'report.print': 'Print',
  'report.printHint': 'Print this page, or choose "Save as PDF" in the print window, and take it to your physiotherapist.',
  'report.back': 'Back to progress',
  'report.made': 'Made on {date} by the Pelvic floor trainer app, from the sessions kept on this device.',
  'report.perfect.heading': 'PERFECT profile',
  'report.perfect.of': 'Latest PERFECT assessment, {date}: {e}/{r}/{f} (endurance/repetitions/fast), power {power:0} cmH2O.',
  'report.perfect.none': 'No PERFECT assessment yet. You can do one under Training: choose "PERFECT assessment".',
  'report.perfect.about': 'The PERFECT scheme physiotherapists use to assess the pelvic floor (Laycock and Jerwood, 2001), measured here with pressure.',
  'report.perfect.p': 'P, Power',
  'report.perfect.pExplain': 'The strongest single squeeze, in cmH2O above rest.',
  'report.perfect.e': 'E, Endurance',
  'report.perfect.eExplain': 'Seconds a strong squeeze was held above half its peak (up to 10).',
  'report.perfect.r': 'R, Repetitions',
  'report.perfect.rExplain': 'How many times that hold was repeated before one fell short (up to 10).',
  'report.perfect.f': 'F, Fast',
  'report.perfect.fExplain': 'Quick 1-second squeezes that reached at least half the power (up to 10).',
  'report.v.count': '{value}',
  'report.v.cmH2O': '{value:1} cmH2O',
  'report.v.seconds': '{value:1} s',
  'report.v.wholeSeconds': '{value:0} s',
  'report.v.pct': '{value:0} %',
  'report.measures.heading': 'Measures of the latest assessment',
  'report.measures.headingSet': 'Measures of the latest set (no assessment yet)',
  'report.measures.of': '{program}, {date}. Measured from the pressure curve, as in the Glazer assessment used with biofeedback.',
  'report.measures.none': 'No squeezes measured yet.',
  'report.m.restLevel': 'Rest level',
  'report.e.restLevel': 'The pressure while resting between squeezes (it depends on the probe and how it sits).',
  'report.m.restVariability': 'Rest variability',
  'report.e.restVariability': 'How much the pressure moves while resting (standard deviation); low means a calm, relaxed pelvic floor.',
  'report.m.quickPeak': 'Quick-squeeze peak',
  'report.e.quickPeak': 'How strong the quick squeezes were on average, above rest.',
  'report.m.riseTime': 'Rise time',
  'report.e.riseTime': 'How fast a squeeze tightens, from 10 % to 90 % of its peak, on average.',
  'report.m.releaseTime': 'Release time',
  'report.e.releaseTime': 'How fast the squeeze is let go, from the end of the hold to being back at rest, on average.',
  'report.m.holdMean': 'Hold mean',
  'report.e.holdMean': 'The average pressure above rest while holding a squeeze.',
  'report.m.holdSteadiness': 'Hold steadiness',
  'report.e.holdSteadiness': 'How much the pressure wavers during a hold (coefficient of variation); lower is steadier.',
  'report.m.enduranceDecline': 'Endurance decline',
  'report.e.enduranceDecline': 'How much the longest hold weakened from its peak to its last second.',
  'report.m.repetitionFatigue': 'Fatigue across repetitions',
  'report.e.repetitionFatigue': 'How much weaker the last repeated hold was than the first.',
  'report.mvc.heading': 'Strongest squeeze over time',
  'report.adherence.heading': 'Training days',
  'report.adherence': 'Training sets done: {sets}, on {days} of the last {of} days.',
  'report.faults.heading': 'Faults by kind, last 4 weeks',
  'report.faults.none': 'No faults in the last 4 weeks.',
  'report.fault': '{name}: {count}',
  'report.curve.heading': 'Curve of the latest assessment',
  'report.curve.headingSet': 'Curve of the latest set',
  'session.open': 'Open',
  'session.openLabel': 'Open the session of {when}',
  'session.back': 'Back to session history',
  'session.heading': '{program}, {when}',
  'session.loading': 'Loading the session…',
  'session.curve.label': 'Pressure during the session of {when}, with the squeeze and relax cues',
  'session.curve.summary.one': '{seconds:0} seconds recorded, {count} squeeze cue; the highest pressure reached {peak:0} cmH2O.',
  'session.curve.summary.other': '{seconds:0} seconds recorded, {count} squeeze cues; the highest pressure reached {peak:0} cmH2O.',
  'session.curve.hint': 'Solid lines: squeeze cues. Dashed lines: relax cues.',
  'session.noSamples': 'No samples were kept for this session.',
  'session.noResults': 'No squeezes were judged in this session.',
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

let active: Catalog = en;
/** The active catalog's locale (BCP 47): numbers, plurals and dates follow the text around them. */
let activeLocale = 'en';

/** Makes `catalog` the one `t` reads, with numbers, plurals and dates formatted for `locale`. */
export function setCatalog(locale: string, catalog: Catalog): void {
  activeLocale = locale;
  active = catalog;
}

export function activeCatalogLocale(): string {
  return activeLocale;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `digits` decimals exactly (as `toFixed`), or as many as the number has (null), in the active
 * language: "2.5" in English, "2,5" in Norwegian, Swedish and Danish. No digit grouping, so
 * English reads as it always did ("1250", not "1,250"). Never "-0".
 */
export function formatNumber(x: number, digits: number | null): string {
  const id = `${activeLocale}/${digits ?? ''}`;
  let f = numberFormats.get(id);
  if (!f) {
    const fraction = digits === null ? { maximumFractionDigits: 20 } : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    f = new Intl.NumberFormat(activeLocale, { ...fraction, useGrouping: false });
    numberFormats.set(id, f);
  }
  // Rounded as toFixed rounds (45.55 → 45.5, the double below it), so every language shows the same digits.
  const rounded = digits === null ? x : Number(x.toFixed(digits));
  // A small negative number rounds to -0 (-0.04 at one decimal): shown as 0.
  return f.format(Object.is(rounded, -0) ? 0 : rounded);
}

const DATE_STYLES = {
  /** "Dec 3, 2026, 4:04 PM" */
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  /** "Dec 3, 2026" */
  date: { dateStyle: 'medium' },
  /** "December 3, 2026" */
  longDate: { dateStyle: 'long' },
  /** "Mon" */
  weekday: { weekday: 'short' },
  /** "Monday, November 9" */
  day: { weekday: 'long', day: 'numeric', month: 'long' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof DATE_STYLES;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A moment as a person reads it in the active language (not the browser's). */
export function formatDate(at: number | Date, style: DateStyle): string {
  const id = `${activeLocale}/${style}`;
  let f = dateFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(activeLocale, DATE_STYLES[style]);
    dateFormats.set(id, f);
  }
  return f.format(at);
}

/** Date and time of day, in the active language. */
export const formatDateTime = (ms: number): string => formatDate(ms, 'dateTime');

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

/** A message with plural forms: keys `base.one` and `base.other` (the forms nb, sv, da and en have). */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}.other` ? (`${B}.one` extends MessageKey ? B : never) : never }[MessageKey];

const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural category of `count` in the active language (not the browser's). */
export function pluralOf(count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(activeLocale);
  if (!rules) {
    rules = new Intl.PluralRules(activeLocale);
    pluralRules.set(activeLocale, rules);
  }
  return rules.select(count);
}

/** The form of `base` for `count` in the active language, with `{count}` and `params` filled. */
export function tCount(base: PluralKey, count: number, params?: Readonly<Record<string, MessageParam>>): string {
  return t(`${base}.${pluralOf(count) === 'one' ? 'one' : 'other'}`, { count, ...params });
}
