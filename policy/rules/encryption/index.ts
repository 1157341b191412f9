import { BulwarkPolicy } from "../../lib/rule";

/** Encryption at rest and in transit (mandatory). One rule a file beside this one (`<verb><Object>.ts`), listed here. */
export const encryptionRules: BulwarkPolicy[] = [];
