import { createHash } from 'node:crypto';
import {
  addComboSums,
  addEvent,
  emptyComboSums,
  zeroRollupSums,
  type ComboSums,
} from './combo-sums';
import type { UsageEvent } from './event';
import { errorCodeKey, statusOf, tagsOf } from './members';
import type { RollupSum } from './metrics';

/**
 * The daily combinations ("cube"): one row per day and combination of every filter key a view
 * offers, so a view filtered by any keys reads the few rows of its combinations instead of the raw
 * calls. Its size follows how many combinations a site uses a day (about a thousand for the demo
 * data), not its traffic. Tags are a list per call: each tag of a tagged call adds one more row with
 * that `tag` (the tag breakdown reads those); every call is once in the rows with `tag` ''.
 * Entries are not in the cube (one per entry would make it as large as the calls).
 */
export interface CubeMembers {
  userId: number;
  apiTokenId: number;
  providerId: number;
  modelId: number;
  configurationId: number;
  taskId: number;
  service: string;
  source: string;
  contentType: string;
  status: string;
  errorCode: string;
  tag: string;
}

export interface CubeRow {
  day: string;
  seeded: boolean;
  /** A digest of the members: the row's identity with the day (a short unique key on every database). */
  combo: string;
  members: CubeMembers;
  sums: Record<RollupSum, bigint>;
}

/** A call's members in the cube ("none" is 0 or '', as in the rollups); `tag` '' = the call itself. */
export function cubeMembersOf(event: UsageEvent, tag = ''): CubeMembers {
  return {
    userId: event.userId ?? 0,
    apiTokenId: event.apiTokenId ?? 0,
    providerId: event.providerId ?? 0,
    modelId: event.modelId ?? 0,
    configurationId: event.configurationId ?? 0,
    taskId: event.taskId ?? 0,
    service: event.service,
    source: event.source ?? '',
    contentType: event.entryUid ?? '',
    status: statusOf(event),
    errorCode: errorCodeKey(event),
    tag,
  };
}

/**
 * Folds a batch into cube rows, one per (day, combination, seeded), each upserted once. A
 * combination's members are spelled once, as the key its events are folded under; its digest is
 * the row's `combo`.
 */
export function foldIntoCube(events: UsageEvent[]): CubeRow[] {
  const folded = new Map<
    string,
    { event: UsageEvent; members: CubeMembers; spelled: string; sums: ComboSums }
  >();
  for (const event of events) {
    const tags = tagsOf(event.metadata).filter(Boolean);
    for (const tag of ['', ...tags]) {
      const members = cubeMembersOf(event, tag);
      const spelled = JSON.stringify(Object.values(members));
      const id = `${event.day}|${event.seeded}|${spelled}`;
      let entry = folded.get(id);
      if (!entry) folded.set(id, (entry = { event, members, spelled, sums: emptyComboSums() }));
      addEvent(entry.sums, event);
    }
  }
  return [...folded.values()].map(({ event, members, spelled, sums }) => {
    const total = zeroRollupSums();
    addComboSums(total, sums);
    const combo = createHash('sha1').update(spelled).digest('hex');
    return { day: event.day, seeded: event.seeded, combo, members, sums: total };
  });
}
