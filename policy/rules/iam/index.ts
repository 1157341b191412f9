import { BulwarkPolicy } from "../../lib/rule";
import { disallowBroadManagedPolicies } from "./disallowBroadManagedPolicies";
import { disallowPrivilegeEscalation } from "./disallowPrivilegeEscalation";
import { disallowPublicResourcePolicies } from "./disallowPublicResourcePolicies";
import { disallowUnknownActions } from "./disallowUnknownActions";
import { disallowWildcardActions } from "./disallowWildcardActions";
import { disallowWildcardResources } from "./disallowWildcardResources";
import { requireScopedTrust } from "./requireScopedTrust";
import { disallowAccessKeys } from "./disallowAccessKeys";
import { disallowDirectPolicies } from "./disallowDirectPolicies";
import { enableDatabaseAuthentication } from "./enableDatabaseAuthentication";

/** Least privilege: identity, trust and resource policies. */
export const iamRules: BulwarkPolicy[] = [
    disallowWildcardActions,
    disallowWildcardResources,
    disallowPrivilegeEscalation,
    disallowUnknownActions,
    disallowBroadManagedPolicies,
    requireScopedTrust,
    disallowPublicResourcePolicies,
    disallowAccessKeys,
    disallowDirectPolicies,
    enableDatabaseAuthentication,
];
