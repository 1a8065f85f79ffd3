/**
 * One timer armed for the earliest due time — no polling sweep. `arm(t)` keeps the earlier of
 * the armed time and `t`; when it fires, the callback runs once.
 */
export class DueTimer {
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;

  constructor(private readonly onDue: () => void) {}

  arm(at: number): void {
    if (at >= this.armedFor) return;
    this.clear();
    this.armedFor = at;
    // setTimeout caps at 2^31-1 ms; re-arming on wake covers longer waits.
    const delay = Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.armedFor = Infinity;
      this.onDue();
    }, delay);
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
  }
}
