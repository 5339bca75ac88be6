import { Injectable } from '@nestjs/common';

/**
 * The time as the application sees it: link expiry and digest schedules read it, so tests move
 * it instead of sleeping.
 */
@Injectable()
export class Clock {
  private fixed: Date | undefined;

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** Freezes the time at `at` (tests); `undefined` returns to the real time. */
  set(at: Date | undefined): void {
    this.fixed = at ? new Date(at.getTime()) : undefined;
  }
}
