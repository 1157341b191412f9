import * as aws from "@pulumi/aws";
import { cacheTtlSeconds, priceClass } from "./settings.js";

export default async () => {
    const origin = new aws.s3.Bucket("origin");
    const oac = new aws.cloudfront.OriginAccessControl("origin-oac", {
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
    });
    const cdn = new aws.cloudfront.Distribution("cdn", {
        enabled: true,
        priceClass,
        defaultRootObject: "index.html",
        origins: [{ originId: "s3", domainName: origin.bucketRegionalDomainName, originAccessControlId: oac.id }],
        defaultCacheBehavior: {
            targetOriginId: "s3",
            viewerProtocolPolicy: "allow-all",
            allowedMethods: ["GET", "HEAD"],
            cachedMethods: ["GET", "HEAD"],
            forwardedValues: { queryString: false, cookies: { forward: "none" } },
            defaultTtl: cacheTtlSeconds,
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
    });
    return { domainName: cdn.domainName };
};
