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
    // Compare against the daily window on each day, including the day before the week starts,
    // because either window may wrap past midnight or past the end of the week.
    for (let day = -1; day <= 7; day++) {
        const dailyStart = daily.start + day * MINUTES_PER_DAY;
        const dailyEnd = daily.end + day * MINUTES_PER_DAY;
        for (const shift of [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK]) {
            if (dailyStart < weekly.end + shift && weekly.start + shift < dailyEnd) {
                return true;
            }
        }
    }
    return false;
}
