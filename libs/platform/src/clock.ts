import { Injectable } from '@nestjs/common';

/**
 * The time as the application sees it: link expiry and digest schedules read it, so tests move
 * it instead of sleeping. The SQL calendar follows it too: while it is frozen, every unit of work
 * sets `leadpath.now`, which leadpath_now(), leadpath_today() and leadpath_overdue() read.
 */
@Injectable()
export class Clock {
  private fixed: Date | undefined;

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** The frozen time, or undefined when the clock follows the real time. */
  fixedAt(): Date | undefined {
    return this.fixed ? new Date(this.fixed.getTime()) : undefined;
  }

  /** Freezes the time at `at` (tests); `undefined` returns to the real time. */
  set(at: Date | undefined): void {
    this.fixed = at ? new Date(at.getTime()) : undefined;
  }
}
