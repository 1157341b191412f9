import { BulwarkPolicy } from "../../lib/rule";
import { configurePublicAccessBlock } from "./configurePublicAccessBlock";
import { disallowDefaultSecurityGroupRules } from "./disallowDefaultSecurityGroupRules";
import { disallowInstancePublicIp } from "./disallowInstancePublicIp";
import { disallowPublicAdminIngress } from "./disallowPublicAdminIngress";
import { disallowPublicFunctionUrl } from "./disallowPublicFunctionUrl";
import { disallowPublicIngress } from "./disallowPublicIngress";
import { disallowPublicInvoke } from "./disallowPublicInvoke";
import { disallowPublicIpOnLaunch } from "./disallowPublicIpOnLaunch";
import { enableAuth } from "./enableAuth";
import { requireImdsv2 } from "./requireImdsv2";
import { disallowPublicAccess } from "./disallowPublicAccess";
import { disallowPublicAcl } from "./disallowPublicAcl";
import { requireAuthorization } from "./requireAuthorization";
import { enableDropInvalidHeaders } from "./enableDropInvalidHeaders";
import { enforceImmutableTags } from "./enforceImmutableTags";
import { disallowPublicEndpoint } from "./disallowPublicEndpoint";
import { disallowLaunchPublicIp } from "./disallowLaunchPublicIp";
import { disallowPublicSubnetLaunch } from "./disallowPublicSubnetLaunch";
import { disallowClusterPublicAccess } from "./disallowClusterPublicAccess";
import { disallowApiKeyOnlyAuth } from "./disallowApiKeyOnlyAuth";
import { requireOpenApiAuthorization } from "./requireOpenApiAuthorization";

/** Public exposure: security groups, network ACLs, public addresses, function URLs and permissions, cache AUTH, S3 public access (mandatory). One rule a file beside this one (`<verb><Object>.ts`), listed here. */
export const exposureRules: BulwarkPolicy[] = [
    configurePublicAccessBlock,
    disallowDefaultSecurityGroupRules,
    disallowInstancePublicIp,
    disallowPublicAdminIngress,
    disallowPublicFunctionUrl,
    disallowPublicIngress,
    disallowPublicInvoke,
    disallowPublicIpOnLaunch,
    enableAuth,
    requireImdsv2,
    disallowPublicAccess,
    disallowPublicAcl,
    requireAuthorization,
    enableDropInvalidHeaders,
    enforceImmutableTags,
    disallowPublicEndpoint,
    disallowLaunchPublicIp,
    disallowPublicSubnetLaunch,
    disallowClusterPublicAccess,
    disallowApiKeyOnlyAuth,
    requireOpenApiAuthorization,
];
