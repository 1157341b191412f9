import { describeResourcePolicy } from "../rules-support/resourceCases";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

describeResourcePolicy({
    policy: "ec2-security-group-disallow-public-ingress",
    type: SG,
    compliant: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 6379, toPort: 6379, securityGroups: ["sg-0123"] }] },
    alsoCompliant: [
        { name: "a VPC-internal CIDR on any port", type: INGRESS, props: { ipProtocol: "tcp", fromPort: 0, toPort: 65535, cidrIpv4: "10.0.0.0/16" } },
        { name: "an extra allowed port through config", props: { ingress: [{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] }] }, config: { allowedPublicPorts: [443, 8443] } },
    ],
    failures: [
        {
            name: "SSH from the internet (inline rule)",
            props: (p) => ({ ...p, ingress: [...(p.ingress as object[]), { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] }),
            messages: [/^Restrict ingress rule 3 \(tcp 22 from 0\.0\.0\.0\/0\) to a security group or prefix list: only ports 80, 443 may be open to the internet\.$/],
        },
        { name: "all traffic from ::/0 (vpc.SecurityGroupIngressRule)", type: INGRESS, props: () => ({ ipProtocol: "-1", cidrIpv6: "::/0" }), messages: [/^Restrict ingress rule \(all traffic from ::\/0\)/] },
        { name: "a port range that covers 443 and more (SecurityGroupRule)", type: LEGACY_RULE, props: () => ({ type: "ingress", protocol: "tcp", fromPort: 400, toPort: 500, cidrBlocks: ["0.0.0.0/0"] }), messages: [/tcp 400-500 from 0\.0\.0\.0\/0/] },
        { name: "443 when config allows no public port", props: (p) => p, config: { allowedPublicPorts: [] }, messages: [/no port may be open to the internet/] },
    ],
    unknowable: ["ingress"],
});

describeResourcePolicy({
    policy: "ec2-disallow-default-security-group-rules",
    type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    compliant: { vpcId: "vpc-1", ingress: [], egress: [] },
    failures: [
        { name: "AWS's allow-self ingress kept", props: (p) => ({ ...p, ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] }), messages: [/^Remove the 1 ingress rule\(s\) from the default security group: it must allow nothing\.$/] },
        { name: "egress to anywhere", props: (p) => ({ ...p, egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }), messages: [/^Remove the 1 egress rule\(s\)/] },
    ],
    unknowable: ["ingress", "egress"],
});

describeResourcePolicy({
    policy: "ec2-subnet-disallow-public-ip-on-launch",
    type: "aws:ec2/subnet:Subnet",
    compliant: { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: false },
    failures: [
        { name: "public IPv4 on launch", props: (p) => ({ ...p, mapPublicIpOnLaunch: true }), messages: [/^Set mapPublicIpOnLaunch to false/] },
        { name: "IPv6 addresses on creation", props: (p) => ({ ...p, assignIpv6AddressOnCreation: true }), messages: [/^Set assignIpv6AddressOnCreation to false/] },
    ],
    unknowable: ["mapPublicIpOnLaunch", "assignIpv6AddressOnCreation"],
});

describeResourcePolicy({
    policy: "ec2-disallow-instance-public-ip",
    type: "aws:ec2/instance:Instance",
    compliant: { instanceType: "t4g.nano", associatePublicIpAddress: false },
    failures: [{ name: "a public IP at launch", props: (p) => ({ ...p, associatePublicIpAddress: true }), messages: [/^Set associatePublicIpAddress to false/] }],
    unknowable: ["associatePublicIpAddress"],
});

describeResourcePolicy({
    policy: "ec2-instance-require-imdsv2",
    type: "aws:ec2/instance:Instance",
    compliant: { metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 } },
    alsoCompliant: [{ name: "a launch template with the metadata endpoint disabled", type: "aws:ec2/launchTemplate:LaunchTemplate", props: { metadataOptions: { httpEndpoint: "disabled" } } }],
    failures: [
        { name: "no metadataOptions (IMDSv1 allowed)", props: () => ({}), messages: [/^Set metadataOptions\.httpTokens to "required"/] },
        { name: 'httpTokens "optional"', props: () => ({ metadataOptions: { httpTokens: "optional" } }), messages: [/^Set metadataOptions\.httpTokens/] },
    ],
    unknowable: ["metadataOptions"],
});

describeResourcePolicy({
    policy: "lambda-disallow-public-function-url",
    type: "aws:lambda/functionUrl:FunctionUrl",
    compliant: { functionName: "api", authorizationType: "AWS_IAM" },
    failures: [{ name: 'authorizationType "NONE"', props: (p) => ({ ...p, authorizationType: "NONE" }), messages: [/^Set authorizationType to "AWS_IAM"/] }],
    unknowable: ["authorizationType"],
});

describeResourcePolicy({
    policy: "lambda-permission-disallow-public-invoke",
    type: "aws:lambda/permission:Permission",
    compliant: { function: "api", action: "lambda:InvokeFunctionUrl", principal: "cloudfront.amazonaws.com", sourceArn: "arn:aws:cloudfront::123456789012:distribution/E1", functionUrlAuthType: "AWS_IAM" },
    alsoCompliant: [{ name: "an account principal", props: { function: "api", action: "lambda:InvokeFunction", principal: "123456789012" } }],
    failures: [
        { name: 'principal "*" unscoped', props: () => ({ function: "api", action: "lambda:InvokeFunction", principal: "*" }), messages: [/^Replace principal "\*" with the calling principal/] },
        { name: "a service principal without sourceArn", props: () => ({ function: "api", action: "lambda:InvokeFunction", principal: "s3.amazonaws.com" }), messages: [/^Scope the s3\.amazonaws\.com permission with sourceArn/] },
        { name: 'sourceArn "" scopes nothing (any account\'s SNS topic may invoke)', props: () => ({ function: "api", action: "lambda:InvokeFunction", principal: "sns.amazonaws.com", sourceArn: "" }), messages: [/^Scope the sns\.amazonaws\.com permission with sourceArn/] },
        { name: 'principal "*" with sourceAccount "" and principalOrgId ""', props: () => ({ function: "api", action: "lambda:InvokeFunction", principal: "*", sourceAccount: "", principalOrgId: " " }), messages: [/^Replace principal "\*" with the calling principal/] },
        { name: 'functionUrlAuthType "NONE"', props: (p) => ({ ...p, functionUrlAuthType: "NONE" }), messages: [/^Set functionUrlAuthType to "AWS_IAM"/] },
    ],
    unknowable: ["principal", "functionUrlAuthType"],
});

describeResourcePolicy({
    policy: "elasticache-enable-auth",
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: { engine: "valkey", transitEncryptionEnabled: true, authToken: "from-random-password" },
    alsoCompliant: [
        { name: "RBAC user groups", props: { engine: "redis", userGroupIds: ["bulwark-users"] } },
        { name: "the token through the write-only authTokenWo", props: { engine: "valkey", transitEncryptionEnabled: true, authTokenWo: "from-random-password", authTokenWoVersion: 1 } },
        { name: "a serverless cache with a user group", type: "aws:elasticache/serverlessCache:ServerlessCache", props: { engine: "valkey", userGroupId: "bulwark-users" } },
        { name: "Memcached has no AUTH to require", props: { engine: "memcached" } },
    ],
    failures: [
        { name: "neither AUTH token nor user groups", props: ({ authToken, ...rest }) => rest, messages: [/^Set authToken \(generated, kept in Secrets Manager\) or userGroupIds/] },
        { name: "a serverless cache without a user group", type: "aws:elasticache/serverlessCache:ServerlessCache", props: () => ({ engine: "valkey" }), messages: [/^Set userGroupId/] },
    ],
    unknowable: ["engine"],
});

describeResourcePolicy({
    policy: "ec2-network-acl-disallow-public-admin-ingress",
    type: "aws:ec2/networkAcl:NetworkAcl",
    compliant: { ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" }, { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "10.0.0.0/16" }] },
    alsoCompliant: [{ name: "an egress rule resource", type: "aws:ec2/networkAclRule:NetworkAclRule", props: { egress: true, ruleAction: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0" } }],
    failures: [
        { name: "all traffic allowed from anywhere", props: () => ({ ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }] }), messages: [/^Deny port\(s\) 22 and 3389 from 0\.0\.0\.0\/0 in ingress entry 1/] },
        { name: "an ingress NetworkAclRule for RDP from ::/0", type: "aws:ec2/networkAclRule:NetworkAclRule", props: () => ({ ruleAction: "allow", protocol: "tcp", fromPort: 3000, toPort: 4000, ipv6CidrBlock: "::/0" }), messages: [/^Deny port\(s\) 3389 from ::\/0 in ingress entry/] },
    ],
    unknowable: ["ingress"],
});
