/**
 * ElastiCache's daily snapshot window ("hh:mm-hh:mm") and weekly maintenance window
 * ("ddd:hh:mm-ddd:hh:mm"), in UTC. AWS requires each to last at least 60 minutes and rejects a
 * maintenance window that overlaps the snapshot window, so both are checked before any resource exists.
 */

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export const MINIMUM_WINDOW_MINUTES = 60;

const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A window as [start, end) minutes; end may pass the period's length when it wraps. */
interface Span {
    readonly start: number;
    readonly end: number;
}

const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const DAILY = new RegExp(`^${TIME}-${TIME}$`);
const WEEKLY = new RegExp(`^(${WEEKDAYS.join("|")}):${TIME}-(${WEEKDAYS.join("|")}):${TIME}$`);

function span(start: number, end: number, period: number): Span {
    const length = (end - start + period) % period;
    return { start, end: start + length };
}

/** Parses "hh:mm-hh:mm" into minutes of the day; undefined when malformed. */
export function parseDailyWindow(window: string): Span | undefined {
    const match = DAILY.exec(window);
    if (!match) {
        return undefined;
    }
    const [, h1, m1, h2, m2] = match.map(Number);
    return span(h1 * 60 + m1, h2 * 60 + m2, MINUTES_PER_DAY);
}

/** Parses "ddd:hh:mm-ddd:hh:mm" into minutes of the week; undefined when malformed. */
export function parseWeeklyWindow(window: string): Span | undefined {
    const match = WEEKLY.exec(window);
    if (!match) {
        return undefined;
    }
    const day = (name: string): number => WEEKDAYS.indexOf(name as (typeof WEEKDAYS)[number]);
    const start = day(match[1]) * MINUTES_PER_DAY + Number(match[2]) * 60 + Number(match[3]);
    const end = day(match[4]) * MINUTES_PER_DAY + Number(match[5]) * 60 + Number(match[6]);
    return span(start, end, MINUTES_PER_WEEK);
}

export function windowMinutes(window: Span): number {
    return window.end - window.start;
}

/** True when the weekly window shares any minute with the daily window on any day of the week. */
export function windowsOverlap(daily: Span, weekly: Span): boolean {
    if (windowMinutes(daily) === 0 || windowMinutes(weekly) === 0) {
        return false;
    }
    // The weekly window starts inside the week but may run past its end, and yesterday's daily window
    // may run into today, so compare against every daily occurrence from the day before the week.
    for (let day = -1; day * MINUTES_PER_DAY < weekly.end; day++) {
        const offset = day * MINUTES_PER_DAY;
        if (daily.start + offset < weekly.end && weekly.start < daily.end + offset) {
            return true;
        }
    }
    return false;
}
