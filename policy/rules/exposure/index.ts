import { BulwarkPolicy } from "../../lib/rule";

/** Public exposure: security groups, function URLs, CloudFront viewer protocols (mandatory). One rule a file beside this one (`<verb><Object>.ts`), listed here. */
export const exposureRules: BulwarkPolicy[] = [];
