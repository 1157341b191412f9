import { BulwarkPolicy } from "../../lib/rule";
import { configureMinimumTls } from "./configureMinimumTls";
import { enableAccessLogs } from "./enableAccessLogs";
import { enforceOriginTls } from "./enforceOriginTls";
import { enforceViewerHttps } from "./enforceViewerHttps";
import { requireOriginAccessControl } from "./requireOriginAccessControl";
import { requireWaf } from "./requireWaf";

/** CloudFront: viewer and origin TLS, WAF, origin access control, access logs (levels by each rule's category). */
export const edgeRules: BulwarkPolicy[] = [
    configureMinimumTls,
    enableAccessLogs,
    enforceOriginTls,
    enforceViewerHttps,
    requireOriginAccessControl,
    requireWaf,
];
