/**
 * One training session: the façade every flow passes through. It owns the sensor connection
 * and its clock, the live buffer, the recorder, the detector, the program runner, calibration
 * (rest level, MVC) and the journal, and publishes typed streams and states:
 *
 *   sensor ─▶ timeline ─▶ buffer · recorder · journal ─▶ detector ─▶ repEvents$ ─▶ runner ─▶ program$
 *                                                                         calibration$ ◀─┘
 *
 * Created per connection; the stores are views of it (src/store/bindSession.ts). The app, the
 * tests and the tools drive this same object. No React, no stores here.
 *
 * When samples stop (a link drop, a device gone silent) the running program pauses, nothing is
 * judged on the gap, and the rep under way is kept as cut; when samples flow again it resumes on
 * the same step. When reconnection gives up, or the user disconnects, the set ends with its summary.
 */
import { BehaviorSubject, Subject, Subscription } from 'rxjs';
import { SensorConnection, RECONNECT_DELAYS_MS, type ConnectionPhase } from '../ble/connection';
import { connectionErrorMessage } from '../ble/errors';
import type { BluetoothLike } from '../../protocol/gatt';
import type { DeviceProfile } from '../ble/profile';
import { PROFILES } from '../ble/profiles';
import { RateMeter } from '../ble/rate';
import type { CueOutputs } from '../cues/outputs';
import { ProbeVibration } from '../cues/probeVibration';
import { targetBandFor } from '../cues/targetBand';
import { CountCalibrator, idleCountCalibration, type CountCalibrationResult, type CountCalibrationState } from '../pipeline/countCalibration';
import { RepDetector } from '../pipeline/detector';
import { guardBatch } from '../pipeline/input-guard';
import { restingBandCmH2O } from '../pipeline/measures';
import type { RepEvent, SampleBatch } from '../pipeline/types';
import { planSteps, rulesForStep } from '../programs/plan';
import { runProgram, type RunnerControl, type RunnerOutput } from '../programs/runner';
import type { FaultRules, MvcValue, ProgramCue, ProgramDef, ProgramId, ProgramParams } from '../programs/types';
import { Recorder } from '../recording/recorder';
import type { JournalOpener, SessionJournal } from './journalPort';
import { LiveBuffer } from './liveBuffer';
import { StreamTimeline } from './timeline';
import { idleRun, initialLink, rawDisplay, type Calibration, type LinkState, type ProgramRun } from './types';

/** How often the measured sample rate is published, ms of stream time. */
const RATE_PUBLISH_MS = 1000;
/** A calibrated count device shows % of the user's maximum: the maximum is 100. */
const PCT_MAX = 100;

export interface TrainingSessionSetup {
  /** Where the sensor is paired; null: samples are fed in (feed()), as benches and tests do. */
  readonly bluetooth: BluetoothLike | null;
  readonly simulated: boolean;
  /** The MVC known from an earlier strength test, if any. */
  readonly mvc: MvcValue | null;
  /** Sound, speech and vibration for the cues. */
  readonly cueOutputs?: CueOutputs | null;
  /** Whether the cues should also be felt through the probe's own motor, where it has one. */
  readonly probeCues?: () => boolean;
  /** Who else hears the cues: the simulated sensor's virtual user. */
  readonly cueFollower?: ((cue: ProgramCue) => void) | null;
  readonly journal?: JournalOpener | null;
  /** Wall clock, ms: stamps arrivals (devices without timestamps) and checks device timestamps. */
  readonly clock?: () => number;
  readonly profiles?: readonly DeviceProfile[];
  readonly reconnectDelaysMs?: readonly number[];
}

interface ActiveRun {
  readonly control$: Subject<RunnerControl>;
  readonly stop$: Subject<void>;
  readonly subscription: Subscription;
  readonly stepRules: readonly FaultRules[];
  readonly program: ProgramDef;
  readonly params: ProgramParams;
}

export class TrainingSession {
  readonly buffer = new LiveBuffer(4096);
  readonly recorder = new Recorder();
  readonly link$: BehaviorSubject<LinkState>;
  readonly calibration$: BehaviorSubject<Calibration>;
  readonly program$ = new BehaviorSubject<ProgramRun>(idleRun);
  /** Every batch from the sensor, in stream time (gaps jump ahead by the outage's length). */
  readonly samples$ = new Subject<SampleBatch>();
  /** What the detector says: onsets, cancels, finished reps, rest level. */
  readonly repEvents$ = new Subject<RepEvent>();
  /** Every cue the running program gives. */
  readonly cues$ = new Subject<ProgramCue>();
  /** The guided calibration of a count device (calibrateCounts()): phase, seconds left, result. */
  readonly countCalibration$ = new BehaviorSubject<CountCalibrationState>(idleCountCalibration);

  private readonly clock: () => number;
  private detector: RepDetector;
  private calibrator: CountCalibrator | null = null;
  /** The rep the detector has announced and not yet finished or cancelled, if any. */
  private openRep: number | null = null;
  private readonly timeline = new StreamTimeline();
  private readonly rate = new RateMeter();
  private readonly subscriptions = new Subscription();
  private connection: SensorConnection | null = null;
  /** Cues through the probe's motor: the one of the current link, if any. */
  private readonly probe = new ProbeVibration(() => this.connection?.motor ?? null);
  private journal: SessionJournal | null = null;
  /** The program the open journal session holds (null: none yet). */
  private journaledRun: ProgramId | null = null;
  private run: ActiveRun | null = null;
  private ratePublishedAt = Number.NEGATIVE_INFINITY;
  /** Stream time of the last sample before an outage still open; null: samples flow. */
  private gapFromMs: number | null = null;
  private closed = false;

  constructor(private readonly setup: TrainingSessionSetup) {
    this.clock = setup.clock ?? (() => performance.now());
    this.link$ = new BehaviorSubject<LinkState>({ ...initialLink, simulated: setup.simulated });
    this.calibration$ = new BehaviorSubject<Calibration>({
      restCmH2O: null,
      mvc: setup.mvc,
      restBandCmH2O: restingBandCmH2O(setup.mvc?.cmH2O),
      display: rawDisplay,
    });
    this.detector = new RepDetector({ mvcCmH2O: setup.mvc?.cmH2O ?? null });
  }

  get running(): boolean {
    return this.run !== null;
  }

  /** Stream time of the newest sample, ms (NaN before the first). */
  nowMs(): number {
    return this.buffer.latestTime();
  }

  // --- the sensor ---------------------------------------------------------------------------

  /**
   * Chooser, connect, stream; given `rememberedId`, the sensor paired on an earlier visit, without
   * the chooser. A failure is shown in link$ (status 'failed'), never thrown; a remembered sensor
   * that cannot be reached says to choose it again.
   */
  async open(rememberedId?: string): Promise<void> {
    const bluetooth = this.setup.bluetooth;
    if (bluetooth === null) throw new Error('This session has no sensor to open: feed() it samples');
    this.patchLink({ status: 'connecting' });
    // Stream time of devices without timestamps: arrival since now, kept across reconnects.
    const origin = this.clock();
    const connection = new SensorConnection(
      bluetooth,
      this.setup.profiles ?? PROFILES,
      { now: () => this.clock() - origin },
      this.setup.reconnectDelaysMs ?? RECONNECT_DELAYS_MS,
    );
    this.connection = connection;
    this.subscriptions.add(connection.samples$.subscribe((batch) => this.feed(batch)));
    this.subscriptions.add(connection.faults$.subscribe(() => this.patchLink({ malformedPackets: this.link$.value.malformedPackets + 1 })));
    this.subscriptions.add(connection.status$.subscribe((phase) => this.follow(connection, phase)));
    try {
      await connection.open(rememberedId);
    } catch (error) {
      if (this.closed) return;
      this.connection = null;
      const { detail } = connectionErrorMessage(error);
      this.patchLink({ status: 'failed', error: rememberedId ? { key: 'error.rememberedUnavailable', detail } : connectionErrorMessage(error) });
    }
  }

  /** Ends the session and makes the browser forget the sensor (no reconnect on the next visit). */
  async forget(): Promise<void> {
    const connection = this.connection;
    this.close();
    await connection?.forget().catch(() => undefined);
  }

  /** Ends the session on purpose: a running set ends with its summary, then the link closes. */
  close(): void {
    if (this.closed) return;
    this.stop();
    // Closing the connection stops the motor itself, before letting the link go.
    this.probe.cancel();
    this.closed = true;
    this.connection?.close();
    this.connection = null;
    this.subscriptions.unsubscribe();
    this.journal?.end();
    this.journal = null;
    if (this.link$.value.status !== 'failed') this.patchLink({ status: 'idle', reconnectAttempt: 0 });
  }

  /** Zeroes the sensor at the current rest level (reference device); failures are shown. */
  async tare(): Promise<void> {
    try {
      await this.connection?.tare();
    } catch (error) {
      this.patchLink({ error: connectionErrorMessage(error) });
    }
  }

  /**
   * Guided calibration of a device that reports raw counts: rest, then one maximal squeeze
   * (countCalibration$ says which, and the seconds left). When it succeeds, every live value is
   * in % of that maximum from then on. Not while a program runs; a failure changes nothing.
   */
  calibrateCounts(): void {
    if (this.closed || this.run || this.link$.value.unit !== 'counts') return;
    this.calibrator = new CountCalibrator();
    this.countCalibration$.next(this.calibrator.state);
  }

  // --- the program --------------------------------------------------------------------------

  /** Starts a program on the live stream (`fromStep`: continue an interrupted one). Call from a user gesture. */
  start(program: ProgramDef, params: ProgramParams, fromStep = 0): void {
    // Not during a calibration: its scale would change under the running program.
    if (this.run || this.closed || this.calibrator) return;
    this.setup.cueOutputs?.unlock();
    const stepRules = planSteps(program, params).map((step) => rulesForStep(program, step));
    const control$ = new Subject<RunnerControl>();
    const stop$ = new Subject<void>();
    this.program$.next({ ...idleRun, status: 'running', programId: program.id, params });
    // One journal session per program: a second one on the same connection starts a session of
    // its own (a row in the history, its curve, its report), unless it continues the one stopped.
    const journaled = this.journaledRun;
    if (journaled !== null && (fromStep === 0 || journaled !== program.id) && this.connection !== null) {
      this.journal?.end();
      this.openJournal(this.connection);
    }
    this.journaledRun = program.id;
    this.journal?.describe({ programId: program.id, params, resume: { programId: program.id, params, nextStep: fromStep } });
    const mvc = this.calibration$.value.mvc;
    const subscription = new Subscription();
    this.run = { control$, stop$, subscription, stepRules, program, params };
    subscription.add(
      runProgram({
        program,
        params,
        samples$: this.samples$,
        repEvents$: this.repEvents$,
        stop$,
        control$,
        mvc: mvc?.source === 'test' ? mvc : null,
        recordCue: (tMs, kind) => {
          this.recorder.cue(tMs, kind);
          this.journal?.record({ kind: 'cue', tMs, cue: kind });
        },
        fromStep,
      }).subscribe({
        next: (o) => this.onRunner(o, fromStep),
        complete: () => {
          this.run = null;
        },
      }),
    );
    // Started while the sensor is away: it waits, paused, for samples.
    if (this.gapFromMs !== null) control$.next({ type: 'pause', reason: 'sensorLost' });
  }

  /** The user pauses: the countdown stops and nothing is judged until resume(). */
  pause(): void {
    this.probe.stop();
    this.run?.control$.next({ type: 'pause', reason: 'user' });
  }

  resume(): void {
    if (this.gapFromMs === null) this.run?.control$.next({ type: 'resume', tMs: this.nowMs() });
  }

  /** Ends the program now; it still gets its summary. */
  stop(): void {
    this.probe.stop();
    this.run?.stop$.next();
  }

  /** One pulse of the probe's motor, then a stop (the device details' "Test vibration"). */
  testVibration(): void {
    this.probe.test();
  }

  /** The page was hidden or shown again: no probe pulses while hidden (its timers are throttled). */
  setPageHidden(hidden: boolean): void {
    this.probe.setHidden(hidden);
  }

  private onRunner(o: RunnerOutput, fromStep: number): void {
    const run = this.run;
    const state = this.program$.value;
    switch (o.type) {
      case 'cue':
        this.setup.cueOutputs?.play(o.cue);
        if (this.setup.probeCues?.()) this.probe.cue(o.cue.kind);
        this.setup.cueFollower?.(o.cue);
        this.cues$.next(o.cue);
        return;
      case 'view': {
        const rules = run?.stepRules[Math.max(0, o.view.step)] ?? run?.program.rules ?? {};
        // The runner's running estimate serves until a strength test gives the MVC.
        const known = this.calibration$.value.mvc;
        if (o.view.mvc !== null && (known === null || known.source === 'estimate') && o.view.mvc.cmH2O !== known?.cmH2O) this.setMvc(o.view.mvc);
        const mvc = this.calibration$.value.mvc?.cmH2O ?? null;
        this.program$.next({ ...state, view: o.view, targetBand: targetBandFor(o.view, rules, mvc) });
        return;
      }
      case 'result': {
        const results = [...state.results, o.result];
        this.program$.next({ ...state, results });
        const t = this.nowMs();
        this.journal?.record({ kind: 'result', tMs: t, result: o.result });
        const nextStep = Math.max(fromStep, ...results.map((r) => (r.kind === 'rep' ? (r.rep.cueIndex ?? -1) : r.cueIndex) + 1));
        if (run) {
          this.journal?.describe({
            repsJudged: results.filter((r) => r.kind === 'rep').length,
            resume: { programId: run.program.id, params: run.params, nextStep },
          });
        }
        return;
      }
      case 'set':
        this.program$.next({ ...state, setSummaries: [...state.setSummaries, o.summary] });
        this.journal?.record({ kind: 'set', tMs: this.nowMs(), set: o.set, summary: o.summary });
        return;
      case 'summary': {
        this.probe.stop();
        this.journal?.record({ kind: 'summary', tMs: this.nowMs(), summary: o.summary });
        this.journal?.describe({ resume: null });
        const measured = o.summary.measuredMvcCmH2O;
        if (measured !== null) {
          this.journal?.record({ kind: 'calibration', tMs: this.nowMs(), mvc: { cmH2O: measured, source: 'test' } });
          this.journal?.describe({ mvcCmH2O: measured });
        }
        // Written before anyone hears "done": the plan and the history read the set from the journal.
        this.journal?.flush();
        this.program$.next({ ...state, summary: o.summary, status: 'done', targetBand: null });
        if (measured !== null) this.setMvc({ cmH2O: measured, source: 'test' });
        return;
      }
    }
  }

  /** One MVC everywhere: the detector's "relaxed", the chart's band and the next program's scoring. */
  private setMvc(mvc: MvcValue): void {
    this.detector.setMvc(mvc.cmH2O);
    this.calibration$.next({ ...this.calibration$.value, mvc, restBandCmH2O: restingBandCmH2O(mvc.cmH2O) });
  }

  /** Feeds the calibration under way the raw samples; applies its result when it is done. */
  private calibrate(batch: SampleBatch): void {
    const calibrator = this.calibrator;
    if (calibrator === null) return;
    let changed = false;
    for (let i = 0; i < batch.t.length && !calibrator.finished; i++) changed = calibrator.push(batch.t[i], batch.p[i]) || changed;
    if (!changed) return;
    const state = calibrator.state;
    if (calibrator.finished) this.calibrator = null;
    if (state.result !== null) this.showPercentOfMax(state.result);
    this.countCalibration$.next(state);
  }

  /**
   * From now on the live values are % of the calibrated maximum, and so is the MVC: 100. Why this
   * way: the detector, the runner, scoring and the target band all work relative to one MVC in
   * one unit, so feeding them % and setting the MVC to 100 makes every one of them right without
   * a conversion of its own (a squeeze at half the maximum is a 50 % rep against an MVC of 100).
   * The calibration squeeze is a maximal, held squeeze: a strength test, hence source 'test'.
   * Recorder and journal keep the raw counts. The detector starts afresh (its rest level and
   * history were in counts), and so does the live buffer, so the chart never mixes units. Not
   * journaled as the user's MVC in cmH2O: 100 % means nothing on another device.
   */
  private showPercentOfMax(result: CountCalibrationResult): void {
    if (this.openRep !== null) this.emitEvent({ type: 'cancel', index: this.openRep, tMs: this.nowMs() });
    this.detector = new RepDetector({ mvcCmH2O: PCT_MAX });
    this.buffer.clear();
    this.calibration$.next({
      restCmH2O: null,
      mvc: { cmH2O: PCT_MAX, source: 'test' },
      restBandCmH2O: restingBandCmH2O(PCT_MAX),
      display: { unit: 'pctMax', offset: result.restCounts, scale: PCT_MAX / result.maxAboveRestCounts },
    });
  }

  /** The batch in the live unit: itself, or a scaled copy (one per batch; per sample nothing). */
  private live(batch: SampleBatch): SampleBatch {
    const { offset, scale } = this.calibration$.value.display;
    if (offset === 0 && scale === 1) return batch;
    const p = new Float32Array(batch.p.length);
    for (let i = 0; i < p.length; i++) p[i] = (batch.p[i] - offset) * scale;
    return { ...batch, p };
  }

  // --- the stream ---------------------------------------------------------------------------

  /** Opens the journal's session for what this connection records from now on. */
  private openJournal(connection: SensorConnection): void {
    this.journaledRun = null;
    this.journal =
      this.setup.journal?.({
        startedAtMs: Date.now(),
        device: { name: connection.device?.name ?? null, profile: connection.profile?.id ?? null, simulated: this.setup.simulated },
        mvcCmH2O: this.calibration$.value.mvc?.cmH2O ?? null,
      }) ?? null;
  }

  /** Mirrors the connection's phase; an outage pauses the program, giving up ends it. */
  private follow(connection: SensorConnection, phase: ConnectionPhase): void {
    switch (phase.state) {
      case 'connected': {
        const profile = connection.profile;
        // The journal's row first, so that whoever hears 'connected' finds the session in it.
        if (this.journal === null) this.openJournal(connection);
        this.patchLink({
          status: 'connected',
          deviceId: connection.device?.id ?? null,
          deviceName: connection.device?.name ?? null,
          profileName: profile?.displayName ?? null,
          communityDocumented: profile?.communityDocumented ?? false,
          unit: profile?.unit ?? 'cmH2O',
          profileNote: profile?.note ?? null,
          canTare: connection.canTare,
          canVibrate: connection.motor !== null,
          reconnectAttempt: 0,
          error: null,
        });
        const display = this.calibration$.value.display;
        const unit = profile?.unit ?? 'cmH2O';
        if (display.unit !== 'pctMax' && display.unit !== unit) this.calibration$.next({ ...this.calibration$.value, display: { ...display, unit } });
        void connection.readBattery().then((battery) => this.connection === connection && this.patchLink({ battery }));
        void connection.readInfo().then((info) => this.connection === connection && this.patchLink({ info }));
        return;
      }
      case 'reconnecting':
        // The link is gone: nothing can be written; the motor is stopped when the next link opens.
        this.probe.cancel();
        this.openGap();
        this.patchLink({ status: 'reconnecting', reconnectAttempt: phase.attempt, reconnectAttempts: phase.attempts });
        return;
      case 'lost':
        this.probe.cancel();
        // Everything recorded stays; the open gap says the recording ends with the link.
        this.patchLink({
          status: 'disconnected',
          reconnectAttempt: 0,
          sampleRateHz: null,
          error: { key: 'error.reconnectFailed', detail: connectionErrorMessage(phase.error).detail },
        });
        this.stop();
        return;
      case 'connecting':
      case 'closed':
        return;
    }
  }

  /** Samples stopped: mark the gap, cut the rep under way, pause the program. */
  private openGap(): void {
    if (this.gapFromMs !== null) return;
    const from = this.nowMs();
    this.gapFromMs = Number.isNaN(from) ? 0 : from;
    this.recorder.markGap(this.gapFromMs);
    this.buffer.markGap();
    this.journal?.flush();
    this.journal?.record({ kind: 'gap', tMs: this.gapFromMs, edge: 'start' });
    this.rate.reset();
    this.patchLink({ dropouts: this.link$.value.dropouts + 1 });
    this.detector.markGap(this.gapFromMs);
    this.detector.drainEvents(this.emitEvent);
    this.run?.control$.next({ type: 'pause', reason: 'sensorLost' });
    if (this.calibrator) {
      this.calibrator.fail('calibration.sensorLost');
      this.countCalibration$.next(this.calibrator.state);
      this.calibrator = null;
    }
  }

  private closeGap(toMs: number): void {
    if (this.gapFromMs === null) return;
    this.gapFromMs = null;
    this.recorder.endGap(toMs);
    this.journal?.record({ kind: 'gap', tMs: toMs, edge: 'end' });
    this.run?.control$.next({ type: 'resume', tMs: toMs });
  }

  /** One batch from the sensor (or a recording, a virtual user), as it arrives. */
  feed(batch: SampleBatch): void {
    if (batch.t.length === 0) return;
    const jumps = this.timeline.jumps;
    this.timeline.admit(batch, this.clock());
    if (this.timeline.jumps !== jumps) this.patchLink({ timeJumps: this.timeline.jumps });
    const guarded = guardBatch(batch, this.link$.value.unit);
    if (guarded.rejected > 0) this.patchLink({ rejectedSamples: this.link$.value.rejectedSamples + guarded.rejected });
    this.admitted(guarded.batch);
  }

  /** A batch with sane times and readings: recorded, journaled, shown and analysed. */
  private admitted(batch: SampleBatch): void {
    if (batch.t.length === 0) return;
    this.closeGap(batch.t[0]);
    // The raw unit stays in recordings; everything live is in the display unit.
    this.recorder.append(batch);
    this.journal?.samples(batch);
    this.calibrate(batch);
    const live = this.live(batch);
    this.buffer.pushBatch(live);
    this.detector.pushBatch(live);
    this.detector.drainEvents(this.emitEvent);
    this.samples$.next(live);
    if (batch.lostBefore > 0) this.patchLink({ lostSamples: this.link$.value.lostSamples + batch.lostBefore });
    this.publishRate(batch);
  }

  private readonly emitEvent = (e: RepEvent): void => {
    if (e.type === 'onset') this.openRep = e.index;
    else if ((e.type === 'cancel' ? e.index : e.type === 'rep' ? e.rep.index : null) === this.openRep) this.openRep = null;
    if (e.type === 'baseline') this.calibration$.next({ ...this.calibration$.value, restCmH2O: e.baselineCmH2O });
    this.repEvents$.next(e);
  };

  private publishRate(batch: SampleBatch): void {
    this.rate.add(batch);
    const t = batch.t[batch.t.length - 1];
    if (t - this.ratePublishedAt < RATE_PUBLISH_MS) return;
    const rate = this.rate.rateHz();
    if (rate === null) return;
    this.ratePublishedAt = t;
    this.patchLink({ sampleRateHz: rate });
  }

  private patchLink(patch: Partial<LinkState>): void {
    this.link$.next({ ...this.link$.value, ...patch });
  }
}
