import { BulwarkPolicy } from "../../lib/rule";
import { configureDefaultSecurityGroup } from "./configureDefaultSecurityGroup";
import { requireHttpsIngress } from "./requireHttpsIngress";

/** VPC plumbing across the stack: default security groups, endpoint reachability (stack policies). One rule a file beside this one (`<verb><Object>.ts`), listed here; shared security group joins in groups.ts. */
export const networkRules: BulwarkPolicy[] = [configureDefaultSecurityGroup, requireHttpsIngress];
