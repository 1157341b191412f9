import { BulwarkPolicy } from "../../lib/rule";
import { configureFunctionConcurrency } from "./configureFunctionConcurrency";
import { configureFunctionDeadLetterQueue } from "./configureFunctionDeadLetterQueue";
import { configureFunctionMultiAz } from "./configureFunctionMultiAz";
import { configureKeyDeletionWindow } from "./configureKeyDeletionWindow";
import { enableAutoMinorUpgrade } from "./enableAutoMinorUpgrade";
import { enableMultiAz } from "./enableMultiAz";
import { enableProtect } from "./enableProtect";
import { enableSnapshots } from "./enableSnapshots";
import { configureBackupRetention } from "./configureBackupRetention";
import { enableDeletionProtection } from "./enableDeletionProtection";
import { enableInstanceMultiAz } from "./enableInstanceMultiAz";
import { enablePointInTimeRecovery } from "./enablePointInTimeRecovery";
import { enableBucketVersioning } from "./enableBucketVersioning";
import { disallowPolicyLockoutBypass } from "./disallowPolicyLockoutBypass";

/** Backups, redundancy and protection of stateful resources (advisory). One rule a file beside this one (`<verb><Object>.ts`), listed here. */
export const resilienceRules: BulwarkPolicy[] = [
    configureFunctionConcurrency,
    configureFunctionDeadLetterQueue,
    configureFunctionMultiAz,
    configureKeyDeletionWindow,
    enableAutoMinorUpgrade,
    enableMultiAz,
    enableProtect,
    enableSnapshots,
    configureBackupRetention,
    enableDeletionProtection,
    enableInstanceMultiAz,
    enablePointInTimeRecovery,
    enableBucketVersioning,
    disallowPolicyLockoutBypass,
];
