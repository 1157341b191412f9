import { BulwarkPolicy } from "../../lib/rule";

/** Reachability across the stack: routes, NAT, security-group paths (stack policies). One rule a file beside this one (`<verb><Object>.ts`), listed here. */
export const networkRules: BulwarkPolicy[] = [];
