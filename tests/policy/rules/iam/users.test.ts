import { describeResourcePolicy } from "../../rules-support/resourceCases";
import { assertFails, assertNoNotes, assertPasses, checkResource, doc } from "../../helpers";
import { UNKNOWN } from "../../rules-support/variants";

const narrow = doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" });

describe("iam-user-disallow-access-keys", () => {
    const POLICY = "iam-user-disallow-access-keys";

    it("Compliance: a user who signs in through a group's permissions and has no key", async () => {
        assertPasses(await checkResource("aws:iam/user:User", { name: "alice", path: "/people/" }), POLICY);
    });

    it("Noncompliance 1: an access key for a user", async () => {
        assertFails(await checkResource("aws:iam/accessKey:AccessKey", { user: "ci" }), POLICY, /^Replace this access key of user "ci" with a role assumed through federation/);
    });

    it("Noncompliance 2: an inactive key still exists", async () => {
        assertFails(await checkResource("aws:iam/accessKey:AccessKey", { user: "ci", status: "Inactive" }), POLICY, /^Replace this access key of user "ci"/);
    });

    it("preview: a key for a user not known yet is still a key, and no note", async () => {
        const evaluation = await checkResource("aws:iam/accessKey:AccessKey", { user: UNKNOWN }, { preview: true });
        assertFails(evaluation, POLICY, /^Replace this access key with a role/);
        assertNoNotes(evaluation);
    });
});

describeResourcePolicy({
    policy: "iam-user-disallow-direct-policies",
    type: "aws:iam/policyAttachment:PolicyAttachment",
    compliant: { policyArn: "arn:aws:iam::123456789012:policy/read", groups: ["analysts"], roles: ["app"] },
    alsoCompliant: [{ name: "a group policy", type: "aws:iam/groupPolicy:GroupPolicy", props: { group: "analysts", policy: narrow } }],
    failures: [
        { name: "an inline user policy", type: "aws:iam/userPolicy:UserPolicy", props: () => ({ user: "alice", policy: narrow }), messages: [/^Move this policy to a group/] },
        { name: "a managed policy attached to a user", type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", props: () => ({ user: "alice", policyArn: "arn:aws:iam::123456789012:policy/read" }), messages: [/^Move this policy to a group/] },
        { name: "a PolicyAttachment naming users", props: (p) => ({ ...p, users: ["alice", "bob"] }), messages: [/^Attach this policy to a group instead of the user\(s\) "alice", "bob"/] },
    ],
    unknowable: ["users"],
});

describeResourcePolicy({
    policy: "rds-enable-database-authentication",
    type: "aws:rds/instance:Instance",
    compliant: { engine: "postgres", iamDatabaseAuthenticationEnabled: true },
    alsoCompliant: [
        { name: "an engine without IAM authentication (SQL Server)", props: { engine: "sqlserver-ex" } },
        { name: "an Aurora cluster with it on", type: "aws:rds/cluster:Cluster", props: { engine: "aurora-postgresql", iamDatabaseAuthenticationEnabled: true } },
    ],
    failures: [
        { name: "left out on PostgreSQL", props: () => ({ engine: "postgres" }), messages: [/^Set iamDatabaseAuthenticationEnabled to true/] },
        { name: "off on Aurora MySQL", type: "aws:rds/cluster:Cluster", props: () => ({ engine: "aurora-mysql", iamDatabaseAuthenticationEnabled: false }), messages: [/^Set iamDatabaseAuthenticationEnabled/] },
    ],
    unknowable: ["iamDatabaseAuthenticationEnabled", "engine"],
});
