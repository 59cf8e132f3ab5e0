import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { deserializeEvent, serializeEvent, type UsageEvent } from './event';

const OWNER_FILE = 'owner.json';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The on-disk spool: every event is appended here before the gateway returns, so a call that
 * returned to its caller survives a crash or a database outage. Each process writes segments in a
 * folder of its own; a segment is deleted once its events are in the database.
 */
export class UsageJournal {
  private readonly dir: string;
  private fd: number | null = null;
  private segment = 0;
  private currentPath = '';

  constructor(private readonly root: string) {
    this.dir = path.join(root, `${process.pid}-${randomBytes(3).toString('hex')}`);
  }

  open() {
    fs.mkdirSync(this.dir, { recursive: true });
    fs.writeFileSync(
      path.join(this.dir, OWNER_FILE),
      JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })
    );
    this.openSegment();
  }

  private openSegment() {
    this.segment += 1;
    this.currentPath = path.join(
      this.dir,
      `segment-${String(this.segment).padStart(8, '0')}.jsonl`
    );
    this.fd = fs.openSync(this.currentPath, 'a');
  }

  append(event: UsageEvent) {
    if (this.fd === null) throw new Error('usage journal is not open');
    fs.writeSync(this.fd, `${serializeEvent(event)}\n`);
  }

  /** Closes the segment being written and starts a new one; returns the closed segment's path. */
  rotate(): string {
    const closed = this.currentPath;
    if (this.fd !== null) fs.closeSync(this.fd);
    this.openSegment();
    return closed;
  }

  close() {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    if (!fs.existsSync(this.dir)) return;
    if (fs.existsSync(this.currentPath) && fs.statSync(this.currentPath).size === 0)
      fs.rmSync(this.currentPath);
    const left = fs.readdirSync(this.dir).filter((name) => name !== OWNER_FILE);
    if (left.length === 0) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  static remove(segmentPath: string) {
    fs.rmSync(segmentPath, { force: true });
  }

  /** Closed segments waiting to be replayed: this process's, and those of processes that are gone. */
  pendingSegments(): string[] {
    if (!fs.existsSync(this.root)) return [];
    const segments: string[] = [];
    for (const name of fs.readdirSync(this.root)) {
      const dir = path.join(this.root, name);
      if (!fs.statSync(dir).isDirectory()) continue;
      const mine = dir === this.dir;
      if (!mine) {
        const owner = readOwner(dir);
        if (owner && isAlive(owner.pid) && owner.pid !== process.pid) continue;
      }
      for (const file of fs.readdirSync(dir).sort()) {
        const full = path.join(dir, file);
        if (file === OWNER_FILE || full === this.currentPath) continue;
        segments.push(full);
      }
      if (!mine && fs.readdirSync(dir).every((f) => f === OWNER_FILE))
        fs.rmSync(dir, { recursive: true, force: true });
    }
    return segments;
  }

  /** The events of a segment; a torn last line (a crash mid-write) is skipped. */
  static read(segmentPath: string): UsageEvent[] {
    const events: UsageEvent[] = [];
    for (const line of fs.readFileSync(segmentPath, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        events.push(deserializeEvent(line));
      } catch {
        // Only the final line can be torn; anything else parses.
      }
    }
    return events;
  }
}

function readOwner(dir: string): { pid: number } | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
  } catch {
    return null;
  }
}
