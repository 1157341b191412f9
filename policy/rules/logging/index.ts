import { BulwarkPolicy } from "../../lib/rule";
import { configureLogRetention } from "./configureLogRetention";
import { enableBucketAccessLogs } from "./enableBucketAccessLogs";
import { enableFlowLogs } from "./enableFlowLogs";
import { enableFunctionTracing } from "./enableFunctionTracing";
import { enableTrailCloudwatch } from "./enableTrailCloudwatch";
import { enableTrailMultiRegion } from "./enableTrailMultiRegion";
import { enableTrailValidation } from "./enableTrailValidation";
import { enableWebAclLogging } from "./enableWebAclLogging";
import { enableStageAccessLogs } from "./enableStageAccessLogs";
import { enableLoadBalancerAccessLogs } from "./enableLoadBalancerAccessLogs";
import { enableImageScanning } from "./enableImageScanning";
import { enableControlPlaneLogging } from "./enableControlPlaneLogging";
import { enableClassicAccessLogs } from "./enableClassicAccessLogs";

/** Logging and audit trails (advisory). One rule a file beside this one (`<verb><Object>.ts`), listed here. */
export const loggingRules: BulwarkPolicy[] = [
    configureLogRetention,
    enableBucketAccessLogs,
    enableFlowLogs,
    enableFunctionTracing,
    enableTrailCloudwatch,
    enableTrailMultiRegion,
    enableTrailValidation,
    enableWebAclLogging,
    enableStageAccessLogs,
    enableLoadBalancerAccessLogs,
    enableImageScanning,
    enableControlPlaneLogging,
    enableClassicAccessLogs,
];
