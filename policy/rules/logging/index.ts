import { BulwarkPolicy } from "../../lib/rule";

/** Logging and audit trails (advisory). One rule a file beside this one (`<verb><Object>.ts`), listed here. */
export const loggingRules: BulwarkPolicy[] = [];
