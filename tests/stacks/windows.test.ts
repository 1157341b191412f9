import * as assert from "assert";
import * as fc from "fast-check";
import { parseDailyWindow, parseWeeklyWindow, WEEKDAYS, windowMinutes, windowsOverlap } from "../../stacks/windows";

const DAY = 24 * 60;
const WEEK = 7 * DAY;

/** Independent oracle: mark every minute of the week each window covers, then look for a shared one. */
function overlapByMinutes(daily: string, weekly: string): boolean {
    const d = parseDailyWindow(daily)!;
    const w = parseWeeklyWindow(weekly)!;
    const maintenance = new Uint8Array(WEEK);
    for (let m = w.start; m < w.end; m++) {
        maintenance[m % WEEK] = 1;
    }
    for (let day = 0; day < 7; day++) {
        for (let m = d.start; m < d.end; m++) {
            if (maintenance[(day * DAY + m) % WEEK]) {
                return true;
            }
        }
    }
    return false;
}

const pad = (n: number): string => String(n).padStart(2, "0");
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`);
const day = fc.constantFrom(...WEEKDAYS);

describe("stacks: cache windows", () => {
    it("parses daily and weekly windows, wrapping past midnight and the end of the week", () => {
        assert.deepStrictEqual(parseDailyWindow("03:00-04:00"), { start: 180, end: 240 });
        assert.strictEqual(windowMinutes(parseDailyWindow("23:30-00:30")!), 60);
        assert.strictEqual(windowMinutes(parseWeeklyWindow("sat:23:00-sun:01:00")!), 120);
        for (const bad of ["3:00-4:00", "24:00-01:00", "03:60-04:00", "03:00 - 04:00"]) {
            assert.strictEqual(parseDailyWindow(bad), undefined, bad);
        }
        for (const bad of ["sunday:05:00-sunday:06:00", "Sun:05:00-Sun:06:00", "sun:05:00"]) {
            assert.strictEqual(parseWeeklyWindow(bad), undefined, bad);
        }
    });

    it("finds overlaps that only exist across midnight or the end of the week", () => {
        const overlaps = (daily: string, weekly: string): boolean => windowsOverlap(parseDailyWindow(daily)!, parseWeeklyWindow(weekly)!);
        // Saturday's 23:30 snapshot runs into Sunday 00:00.
        assert.strictEqual(overlaps("23:30-00:30", "sun:00:00-sun:01:00"), true);
        assert.strictEqual(overlaps("00:00-01:00", "sat:23:30-sun:00:30"), true);
        assert.strictEqual(overlaps("01:00-02:00", "sat:23:00-sun:01:00"), false);
        assert.strictEqual(overlaps("02:00-03:00", "mon:03:00-mon:04:00"), false);
    });

    it("agrees with a minute-by-minute check for any pair of windows", () => {
        fc.assert(
            fc.property(time, time, day, time, day, time, (s1, s2, d1, m1, d2, m2) => {
                const daily = `${s1}-${s2}`;
                const weekly = `${d1}:${m1}-${d2}:${m2}`;
                assert.strictEqual(windowsOverlap(parseDailyWindow(daily)!, parseWeeklyWindow(weekly)!), overlapByMinutes(daily, weekly), `${daily} vs ${weekly}`);
            }),
            { numRuns: 1000 },
        );
    });
});
