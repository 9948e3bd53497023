import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * Whether this instance takes traffic as far as its own life goes: from the end of start-up (its
 * modules initialised, the schema migrated before the app was built) until shutdown begins, when
 * it turns false at once so load balancers stop sending while in-flight requests drain.
 */
@Injectable()
export class Readiness implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private state: 'starting' | 'ready' | 'stopping' = 'starting';

  onApplicationBootstrap(): void {
    if (this.state === 'starting') this.state = 'ready';
  }

  beforeApplicationShutdown(): void {
    this.state = 'stopping';
  }

  /** Marks the instance as shutting down (the signal handler calls it before the app closes). */
  stop(): void {
    this.state = 'stopping';
  }

  get current(): 'starting' | 'ready' | 'stopping' {
    return this.state;
  }
}
