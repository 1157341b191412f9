import { BulwarkPolicy } from "../../lib/rule";
import { disallowOriginBypass } from "./disallowOriginBypass";
import { disallowPublicSubnets } from "./disallowPublicSubnets";
import { enforceNestedTimeouts } from "./enforceNestedTimeouts";
import { requireClientOnlyIngress } from "./requireClientOnlyIngress";
import { requireNetworkEgress } from "./requireNetworkEgress";
import { requireServiceAccess } from "./requireServiceAccess";

/** Cross-resource stack policies joined through propertyDependencies: egress of VPC functions, who reaches the cache, origins reachable around CloudFront, key policies, nested timeouts. */
export const reachabilityRules: BulwarkPolicy[] = [
    disallowOriginBypass,
    disallowPublicSubnets,
    enforceNestedTimeouts,
    requireClientOnlyIngress,
    requireNetworkEgress,
    requireServiceAccess,
];
