import { describeResourcePolicy } from "../rules-support/resourceCases";

describeResourcePolicy({
    policy: "rds-disallow-public-access",
    type: "aws:rds/instance:Instance",
    compliant: { engine: "postgres", publiclyAccessible: false },
    alsoCompliant: [{ name: "an Aurora instance left private by default", type: "aws:rds/clusterInstance:ClusterInstance", props: { clusterIdentifier: "c", instanceClass: "db.r6g.large" } }],
    failures: [
        { name: "publiclyAccessible true", props: (p) => ({ ...p, publiclyAccessible: true }), messages: [/^Set publiclyAccessible to false and keep the database in private subnets/] },
        { name: "a public Aurora instance", type: "aws:rds/clusterInstance:ClusterInstance", props: () => ({ clusterIdentifier: "c", publiclyAccessible: true }), messages: [/^Set publiclyAccessible to false/] },
    ],
    unknowable: ["publiclyAccessible"],
});

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

describeResourcePolicy({
    policy: "s3-bucket-disallow-public-acl",
    type: "aws:s3/bucketAclV2:BucketAclV2",
    compliant: { bucket: "b", acl: "private" },
    alsoCompliant: [
        { name: "log-delivery-write on a log bucket", type: "aws:s3/bucketAcl:BucketAcl", props: { bucket: "b", acl: "log-delivery-write" } },
        { name: "a bucket without an ACL", type: "aws:s3/bucket:Bucket", props: { bucket: "b" } },
        { name: "a grant to the owner's canonical user", props: { bucket: "b", accessControlPolicy: { owner: { id: "o" }, grants: [{ permission: "FULL_CONTROL", grantee: { type: "CanonicalUser", id: "o" } }] } } },
    ],
    failures: [
        { name: 'canned "public-read"', props: (p) => ({ ...p, acl: "public-read" }), messages: [/^Remove the "public-read" ACL and disable ACLs with objectOwnership "BucketOwnerEnforced": it makes the bucket's objects public\.$/] },
        { name: 'canned "authenticated-read"', type: "aws:s3/bucketAcl:BucketAcl", props: (p) => ({ ...p, acl: "authenticated-read" }), messages: [/readable by every AWS account/] },
        { name: "the bucket's own acl", type: "aws:s3/bucket:Bucket", props: () => ({ bucket: "b", acl: "public-read-write" }), messages: [/"public-read-write"/] },
        {
            name: "a grant to AllUsers in accessControlPolicy",
            props: ({ acl, ...p }) => ({ ...p, accessControlPolicy: { owner: { id: "o" }, grants: [{ permission: "READ", grantee: { type: "Group", uri: ALL_USERS } }] } }),
            messages: [/^Remove the ACL grants to AllUsers/],
        },
        { name: "a grant to AuthenticatedUsers on the bucket", type: "aws:s3/bucket:Bucket", props: () => ({ bucket: "b", grants: [{ type: "Group", permissions: ["READ"], uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" }] }), messages: [/AuthenticatedUsers/] },
    ],
    unknowable: ["acl", "accessControlPolicy"],
});

describeResourcePolicy({
    policy: "elb-enable-drop-invalid-headers",
    type: "aws:lb/loadBalancer:LoadBalancer",
    compliant: { loadBalancerType: "application", dropInvalidHeaderFields: true },
    alsoCompliant: [{ name: "a network load balancer has no HTTP headers", props: { loadBalancerType: "network" } }],
    failures: [
        { name: "left out on an ALB (type defaulted)", props: () => ({}), messages: [/^Set dropInvalidHeaderFields to true/] },
        { name: 'desync mitigation in "monitor" mode', type: "aws:alb/loadBalancer:LoadBalancer", props: (p) => ({ ...p, desyncMitigationMode: "monitor" }), messages: [/^Set desyncMitigationMode to "defensive"/] },
    ],
    unknowable: ["dropInvalidHeaderFields", "loadBalancerType"],
});

describeResourcePolicy({
    policy: "ecr-enforce-immutable-tags",
    type: "aws:ecr/repository:Repository",
    compliant: { imageTagMutability: "IMMUTABLE" },
    alsoCompliant: [{ name: "immutable with exclusions", props: { imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" } }],
    failures: [
        { name: "left at the MUTABLE default", props: () => ({}), messages: [/^Set imageTagMutability to "IMMUTABLE"/] },
        { name: "MUTABLE", props: () => ({ imageTagMutability: "MUTABLE" }), messages: [/^Set imageTagMutability/] },
    ],
    unknowable: ["imageTagMutability"],
});
