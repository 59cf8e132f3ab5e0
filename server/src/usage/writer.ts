import { UsageJournal } from './journal';
import type { UsageEvent } from './event';
import type { UsageStore } from './store';

export interface WriterOptions {
  spoolDir: string;
  /** How long events may wait before a flush. */
  flushIntervalMs: number;
  /** A flush starts at once when this many events are waiting. */
  batchSize: number;
  /** How often spooled segments are retried while the database is unreachable. */
  replayIntervalMs: number;
  log: { warn(message: string): void; error(message: string): void };
}

const RETRY_DELAYS_MS = [50, 250, 1000];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Gets usage events from the gateway into the database without losing one: journal first (on disk,
 * before the caller gets its answer), then batched transactional writes, retried; what still fails
 * stays in the spool and is replayed later or at the next boot.
 */
export class UsageWriter {
  private readonly journal: UsageJournal;
  private pending: UsageEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private replayTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly inFlight = new Set<string>();
  /** Events known to be in the spool only (for status and tests). */
  spooled = 0;
  written = 0;

  constructor(
    private readonly store: UsageStore,
    private readonly options: WriterOptions
  ) {
    this.journal = new UsageJournal(options.spoolDir);
  }

  start() {
    this.journal.open();
  }

  record(event: UsageEvent) {
    if (this.closed) throw new Error('usage writer is closed');
    try {
      this.journal.append(event);
    } catch (error) {
      this.options.log.error(
        `llm: could not append usage ${event.requestId} to the spool: ${(error as Error).message}`
      );
    }
    this.pending.push(event);
    if (this.pending.length >= this.options.batchSize) void this.flush();
    else if (!this.timer)
      this.timer = setTimeout(() => void this.flush(), this.options.flushIntervalMs);
  }

  /** Writes everything recorded so far; resolves when it is in the database or safely spooled. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const segment = this.journal.rotate();
    this.flushing = this.writeSegment(segment, batch).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  private async writeSegment(segment: string, events: UsageEvent[]) {
    this.inFlight.add(segment);
    try {
      await this.writeWithRetries(segment, events);
    } finally {
      this.inFlight.delete(segment);
    }
  }

  private async writeWithRetries(segment: string, events: UsageEvent[]) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.store.writeBatch(events);
        this.written += events.length;
        UsageJournal.remove(segment);
        return;
      } catch (error) {
        if (attempt >= RETRY_DELAYS_MS.length) {
          this.spooled += events.length;
          this.options.log.warn(
            `llm: ${events.length} usage event(s) kept in the spool (${segment}) after ${attempt + 1} failed writes: ${(error as Error).message}`
          );
          this.scheduleReplay();
          return;
        }
        await sleep(RETRY_DELAYS_MS[attempt]);
      }
    }
  }

  private scheduleReplay() {
    if (this.replayTimer || this.closed) return;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = null;
      void this.replay();
    }, this.options.replayIntervalMs);
  }

  /** Writes spooled segments (this process's failed ones, and any a dead process left). Idempotent. */
  async replay(): Promise<number> {
    let replayed = 0;
    for (const segment of this.journal.pendingSegments()) {
      if (this.inFlight.has(segment)) continue;
      const events = UsageJournal.read(segment);
      try {
        replayed += await this.store.writeBatch(events);
        UsageJournal.remove(segment);
        this.spooled = Math.max(0, this.spooled - events.length);
      } catch (error) {
        this.options.log.warn(
          `llm: replay of ${segment} failed, will retry: ${(error as Error).message}`
        );
        this.scheduleReplay();
        break;
      }
    }
    return replayed;
  }

  /** On shutdown: write what is pending; whatever cannot be written stays spooled for the next boot. */
  async drain() {
    await this.flush();
    this.closed = true;
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = null;
    this.journal.close();
  }
}
