/**
 * Cues felt in the body, through the probe's own motor (a trainer that vibrates): one short pulse
 * to squeeze, two to relax, so that someone lying down with eyes closed can follow a program.
 * The motor is never left running: every pattern ends with a stop, and stop() cancels what is
 * scheduled and stops at once.
 */
import type { ProbeMotor } from '../ble/motor';
import type { ProgramCue } from '../programs/types';

/** How hard the motor runs for a cue (0–1): clearly felt, never strong (about 0.06 is the least felt). */
export const PROBE_CUE_STRENGTH = 0.5;

/** On and off times, ms, starting with on; null: no pulse for this cue. */
export const PROBE_PULSES: { readonly [K in ProgramCue['kind']]: readonly number[] | null } = {
  start: null,
  squeeze: [250],
  // The cough is the person's own action, felt anyway; the motor stays still for it.
  cough: null,
  relax: [120, 120, 120],
  end: null,
};

/** The pulse "Test vibration" gives. */
export const PROBE_TEST_PULSE: readonly number[] = [500];

export interface MotorStep {
  readonly atMs: number;
  readonly strength: number;
}

/** The motor commands of one on/off pattern, from its start; always ending with a stop. */
export function pulseSteps(pattern: readonly number[], strength: number): MotorStep[] {
  const steps: MotorStep[] = [];
  let at = 0;
  pattern.forEach((ms, i) => {
    steps.push({ atMs: at, strength: i % 2 === 0 ? strength : 0 });
    at += ms;
  });
  // A pattern that ends on an "on" time ends with a stop.
  if (pattern.length % 2 === 1) steps.push({ atMs: at, strength: 0 });
  return steps;
}

/**
 * Plays pulse patterns on whatever motor the probe has right now (none: nothing happens). A new
 * pattern replaces one still playing. Failed writes are ignored: a cue is only useful on time.
 */
export class ProbeVibration {
  private timers: ReturnType<typeof setTimeout>[] = [];
  /** Something other than a stop may be in effect on the motor. */
  private maybeRunning = false;
  private hidden = false;

  constructor(
    private readonly motor: () => ProbeMotor | null,
    private readonly strength = PROBE_CUE_STRENGTH,
  ) {}

  /** The pulse for this cue (a cue without one stops the motor). */
  cue(kind: ProgramCue['kind']): void {
    const pattern = PROBE_PULSES[kind];
    if (pattern === null) this.stop();
    else this.play(pattern);
  }

  /** One pulse, so that the user knows what the cue feels like. */
  test(): void {
    this.play(PROBE_TEST_PULSE);
  }

  /** Cancels what is scheduled and stops the motor, if anything may be running. */
  stop(): void {
    this.cancel();
    if (this.maybeRunning) this.send(0);
  }

  /** Forgets what is scheduled without a write (the link is gone; the next link stops the motor when it opens). */
  cancel(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  /**
   * A hidden page's timers are throttled, so a pulse's stop could come seconds late: stop now,
   * and give no pulses until the page is shown again.
   */
  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    if (hidden) this.stop();
  }

  private play(pattern: readonly number[]): void {
    this.cancel();
    if (this.hidden || this.motor() === null) return;
    for (const step of pulseSteps(pattern, this.strength)) {
      if (step.atMs === 0) this.send(step.strength);
      else this.timers.push(setTimeout(() => this.send(step.strength), step.atMs));
    }
  }

  private send(strength: number): void {
    const motor = this.motor();
    if (motor === null) return;
    this.maybeRunning = strength > 0;
    void motor.set(strength).catch(() => undefined);
  }
}
