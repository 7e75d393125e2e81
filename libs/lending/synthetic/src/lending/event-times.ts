import type { SeededRandom } from '../random/seeded-random';
import type { AccountEventDraft } from './account-month';
import { RANK } from './account-month';
import type { DayWindow } from './lending-parameters';

const MINUTE = 60;
/** Statements close in the last half hour of the window; borrowers act before it. */
const CLOSING = 30 * MINUTE;

/**
 * Seconds of the day (UTC) for an account's drafts, in their order: strictly increasing within a
 * day, inside the market's window, statements last. A draft with a fixed second keeps it.
 */
export function secondsOfDay(drafts: readonly AccountEventDraft[], window: DayWindow, random: SeededRandom): number[] {
  const seconds: number[] = [];
  const activityEnd = window.end - CLOSING;
  let day = Number.NaN;
  let cursor = 0;
  drafts.forEach((draft, i) => {
    if (draft.day !== day) {
      day = draft.day;
      cursor = window.start;
    }
    let second: number;
    if (draft.second !== undefined) second = Math.max(draft.second, cursor + 1);
    else if (draft.rank === RANK.statement) second = Math.max(cursor + MINUTE, window.end - random.int(MINUTE, CLOSING - MINUTE));
    else {
      const laterToday = drafts.slice(i + 1).filter((d) => d.day === day && d.rank !== RANK.statement).length;
      const room = Math.max(0, Math.floor((activityEnd - cursor - MINUTE) / (laterToday + 1)));
      second = cursor + MINUTE + random.int(0, room);
    }
    seconds.push(second);
    cursor = second;
  });
  return seconds;
}
