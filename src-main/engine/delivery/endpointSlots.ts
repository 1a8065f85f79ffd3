/** Bounded concurrency per endpoint (origin) and overall. */
export class EndpointSlots {
  private readonly perOrigin = new Map<string, number>();
  private total = 0;

  constructor(
    readonly perEndpoint: number,
    readonly overall: number,
  ) {}

  get full(): boolean {
    return this.total >= this.overall;
  }

  /** Slots free for this endpoint now, within the overall bound. */
  freeFor(origin: string): number {
    return Math.max(0, Math.min(this.perEndpoint - (this.perOrigin.get(origin) ?? 0), this.overall - this.total));
  }

  /** Takes a slot; may go past the bounds: manual operations (test, retry now) go out even when the endpoint is busy. */
  force(origin: string): void {
    this.perOrigin.set(origin, (this.perOrigin.get(origin) ?? 0) + 1);
    this.total++;
  }

  release(origin: string): void {
    const n = (this.perOrigin.get(origin) ?? 1) - 1;
    if (n <= 0) this.perOrigin.delete(origin);
    else this.perOrigin.set(origin, n);
    this.total = Math.max(0, this.total - 1);
  }
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
