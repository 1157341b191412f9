import { BulwarkPolicy } from "../../lib/rule";

/** Backups, redundancy and protection of stateful resources (advisory). One rule a file beside this one (`<verb><Object>.ts`), listed here. */
export const resilienceRules: BulwarkPolicy[] = [];
