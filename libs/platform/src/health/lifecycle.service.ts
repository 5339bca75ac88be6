import { Injectable } from '@nestjs/common';

/** Knows whether the process is draining, so readiness can turn 503 before the socket closes. */
@Injectable()
export class LifecycleService {
  private draining = false;

  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }
}
