/**
 * The VPC: three subnet tiers per Availability Zone, egress by the chosen NAT strategy, VPC endpoints,
 * flow logs, and a locked-down default security group. Or, with `existingVpcId`, a checked view of a
 * VPC that someone else manages plus the interface endpoints Bulwark needs in it.
 *
 * Tiers:
 * - public: only the NAT (gateways or instances) and the internet gateway live here.
 * - private: the API function; its default route goes to a NAT in the same AZ when there is one.
 * - isolated: the cache; no route out of the VPC and a network ACL that admits only the VPC's range.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { argError } from "../stacks/errors";
import {
    checkExistingNetwork, COMPONENT, ExistingLookup, ExistingNetwork, natCountFor, natSlotFor, NetworkArgs, NetworkEgress,
    oneSubnetPerAz, ResolvedNetworkArgs, SubnetTier, TIER_TAG, validateNetworkArgs,
} from "./network-args";
import { amazonLinuxAmiParameter, natInstanceUserData } from "./network-nat";
import { AccountScope, flowLogsTrustPolicy, flowLogsWritePolicy, logsKeyPolicy } from "./network-policies";

export * from "./network-args";

/**
 * Gateway endpoints cost nothing, so every VPC gets them on its private route tables. Not on the
 * isolated ones: their network ACL admits only the VPC's own range, and S3 and DynamoDB answer on
 * public addresses, so a route there could carry nothing.
 */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;

const azSlot = (index: number): string => `az${index + 1}`;
const endpointSlug = (service: string): string => service.replace(/\./g, "-");

/** A route target in the private route table of one AZ. */
type NatTarget = { natGatewayId: pulumi.Output<string> } | { networkInterfaceId: pulumi.Output<string> };

/** The outputs either way of getting a VPC (building one or adopting one) produces. */
interface BuiltNetwork {
    vpcId: pulumi.Output<string>;
    vpcCidr: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
    isolatedSubnetIds: pulumi.Output<string[]>;
    privateRouteTableIds: pulumi.Output<string[]>;
    isolatedRouteTableIds: pulumi.Output<string[]>;
    endpointSecurityGroupId: pulumi.Output<string> | undefined;
    natGatewayIds: pulumi.Output<string>[];
}

interface Tiers {
    public: aws.ec2.Subnet[];
    private: aws.ec2.Subnet[];
    isolated: aws.ec2.Subnet[];
}

export class Network extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly vpcCidr: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly isolatedSubnetIds: pulumi.Output<string[]>;
    readonly privateRouteTableIds: pulumi.Output<string[]>;
    readonly isolatedRouteTableIds: pulumi.Output<string[]>;
    /** The interface endpoints' security group; undefined when there are no interface endpoints. */
    readonly endpointSecurityGroupId: pulumi.Output<string> | undefined;
    /** The managed NAT gateways, one per NAT slot (none with NAT instances, no NAT or an adopted VPC): the dashboard graphs their billed bytes. */
    readonly natGatewayIds: pulumi.Output<string>[];
    readonly egress: NetworkEgress;

    private readonly name: string;
    private readonly args: ResolvedNetworkArgs;

    constructor(name: string, args: NetworkArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super() so that bad args register nothing at all, not even this component.
        const resolved = validateNetworkArgs(name, args);
        super("bulwark:network:Network", name, {}, opts);
        this.name = name;
        this.args = resolved;

        const built = resolved.existing ? this.adoptVpc(resolved.existing) : this.buildVpc();
        this.vpcId = built.vpcId;
        this.vpcCidr = built.vpcCidr;
        this.publicSubnetIds = built.publicSubnetIds;
        this.privateSubnetIds = built.privateSubnetIds;
        this.isolatedSubnetIds = built.isolatedSubnetIds;
        this.privateRouteTableIds = built.privateRouteTableIds;
        this.isolatedRouteTableIds = built.isolatedRouteTableIds;
        this.endpointSecurityGroupId = built.endpointSecurityGroupId;
        this.natGatewayIds = built.natGatewayIds;
        const natCount = resolved.existing ? 0 : natCountFor(resolved);
        this.egress = {
            strategy: resolved.existing ? "none" : resolved.natStrategy,
            natAzs: Array.from({ length: natCount }, (_, i) => azSlot(i)),
            interfaceEndpoints: [...resolved.interfaceEndpoints],
        };

        this.registerOutputs({
            vpcId: this.vpcId,
            vpcCidr: this.vpcCidr,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
            privateRouteTableIds: this.privateRouteTableIds,
            isolatedRouteTableIds: this.isolatedRouteTableIds,
            // Registered only when it exists: an undefined output makes the engine warn.
            ...(this.endpointSecurityGroupId ? { endpointSecurityGroupId: this.endpointSecurityGroupId } : {}),
            egress: this.egress,
        });
    }

    private buildVpc(): BuiltNetwork {
        const azNames = this.lookUpAvailabilityZones();
        const vpc = this.createVpc();
        const tiers = this.createSubnets(vpc, azNames);
        const natTargets = this.createNat(vpc, tiers);
        const privateRouteTables = this.createPrivateRouting(vpc, tiers, natTargets);
        const isolatedRouteTables = this.createIsolatedRouting(vpc, tiers);
        this.createGatewayEndpoints(vpc, privateRouteTables);
        const endpointSecurityGroupId = this.createInterfaceEndpoints(
            vpc.id,
            tiers.private.map((s) => s.id),
            this.args.subnetCidrs.private,
        );
        this.createFlowLogs(vpc);
        const ids = (resources: { id: pulumi.Output<string> }[]) => pulumi.all(resources.map((r) => r.id));
        return {
            vpcId: vpc.id,
            vpcCidr: vpc.cidrBlock.apply((cidr) => cidr!),
            publicSubnetIds: ids(tiers.public),
            privateSubnetIds: ids(tiers.private),
            isolatedSubnetIds: ids(tiers.isolated),
            privateRouteTableIds: ids(privateRouteTables),
            isolatedRouteTableIds: ids(isolatedRouteTables),
            endpointSecurityGroupId,
            natGatewayIds: natTargets.flatMap((target) => ("natGatewayId" in target ? [target.natGatewayId] : [])),
        };
    }

    private child(suffix: string): string {
        return `${this.name}-${suffix}`;
    }

    private tags(suffix: string, tier?: SubnetTier): Record<string, string> {
        return { ...this.args.tags, Name: this.child(suffix), ...(tier ? { [TIER_TAG]: tier } : {}) };
    }

    /** The first `azCount` available zones; fails the program naming azCount when the region has fewer. */
    private lookUpAvailabilityZones(): pulumi.Output<string[]> {
        const { azCount } = this.args;
        const zones = aws.getAvailabilityZonesOutput(
            // Local and Wavelength Zones need opting in and lack services; only regular AZs qualify.
            { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
            { parent: this },
        );
        return zones.names.apply((names) => {
            if (names.length < azCount) {
                throw argError(COMPONENT, this.name, "azCount", azCount, `at most ${names.length}: the region has ${names.length} available AZs (${names.join(", ")})`);
            }
            return names.slice(0, azCount);
        });
    }

    private createVpc(): aws.ec2.Vpc {
        const vpc = new aws.ec2.Vpc(
            this.child("vpc"),
            { cidrBlock: this.args.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: this.tags("vpc") },
            { parent: this },
        );
        // Managing the default group with no rules strips the allow-all rules AWS puts in it, so nothing
        // that lands in it by accident can talk to anything.
        new aws.ec2.DefaultSecurityGroup(this.child("default-sg"), { vpcId: vpc.id, tags: this.tags("default-sg") }, { parent: this });
        return vpc;
    }

    private createSubnets(vpc: aws.ec2.Vpc, azNames: pulumi.Output<string[]>): Tiers {
        const { subnetCidrs, natStrategy } = this.args;
        const make = (tier: SubnetTier, cidrs: readonly string[]) =>
            cidrs.map((cidrBlock, i) => {
                const suffix = `${tier}-${azSlot(i)}`;
                return new aws.ec2.Subnet(
                    this.child(suffix),
                    {
                        vpcId: vpc.id,
                        cidrBlock,
                        availabilityZone: azNames[i],
                        // NAT instances and gateways carry Elastic IPs; nothing else gets a public address.
                        mapPublicIpOnLaunch: false,
                        tags: this.tags(suffix, tier),
                    },
                    { parent: this },
                );
            });
        return {
            // Without a NAT there is nothing for a public tier to hold, and no internet gateway to reach.
            public: natStrategy === "none" ? [] : make("public", subnetCidrs.public),
            private: make("private", subnetCidrs.private),
            isolated: make("isolated", subnetCidrs.isolated),
        };
    }

    private associate(suffix: string, routeTable: aws.ec2.RouteTable, subnet: aws.ec2.Subnet): void {
        new aws.ec2.RouteTableAssociation(this.child(suffix), { routeTableId: routeTable.id, subnetId: subnet.id }, { parent: this });
    }

    /** The internet gateway, the public route table, and one NAT per slot; returns each private AZ's route target. */
    private createNat(vpc: aws.ec2.Vpc, tiers: Tiers): NatTarget[] {
        const natCount = natCountFor(this.args);
        if (natCount === 0) return [];

        const internetGateway = new aws.ec2.InternetGateway(this.child("igw"), { vpcId: vpc.id, tags: this.tags("igw") }, { parent: this });
        const publicRouteTable = new aws.ec2.RouteTable(this.child("public-rt"), { vpcId: vpc.id, tags: this.tags("public-rt", "public") }, { parent: this });
        new aws.ec2.Route(
            this.child("public-internet"),
            { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id },
            { parent: this },
        );
        tiers.public.forEach((subnet, i) => this.associate(`public-rta-${azSlot(i)}`, publicRouteTable, subnet));

        const publicSubnets = tiers.public.slice(0, natCount);
        if (this.args.natStrategy === "instance") return this.createNatInstances(vpc, publicSubnets, internetGateway);
        return publicSubnets.map((subnet, i) => {
            const slot = azSlot(i);
            const eip = new aws.ec2.Eip(this.child(`nat-eip-${slot}`), { domain: "vpc", tags: this.tags(`nat-eip-${slot}`) }, { parent: this });
            const gateway = new aws.ec2.NatGateway(
                this.child(`nat-${slot}`),
                { allocationId: eip.allocationId, subnetId: subnet.id, connectivityType: "public", tags: this.tags(`nat-${slot}`) },
                { parent: this, dependsOn: [internetGateway] },
            );
            return { natGatewayId: gateway.id };
        });
    }

    private createNatInstances(vpc: aws.ec2.Vpc, publicSubnets: aws.ec2.Subnet[], internetGateway: aws.ec2.InternetGateway): NatTarget[] {
        const { natInstanceType, natInstanceAmi, subnetCidrs } = this.args;
        const securityGroup = new aws.ec2.SecurityGroup(
            this.child("nat-sg"),
            { vpcId: vpc.id, description: "NAT instances: forward traffic from the private subnets only", tags: this.tags("nat-sg") },
            { parent: this },
        );
        subnetCidrs.private.forEach((cidr, i) => {
            new aws.vpc.SecurityGroupIngressRule(
                this.child(`nat-from-private-${azSlot(i)}`),
                {
                    securityGroupId: securityGroup.id,
                    ipProtocol: "-1",
                    cidrIpv4: cidr,
                    description: `All traffic from private subnet ${azSlot(i)}`,
                    tags: this.tags(`nat-from-private-${azSlot(i)}`),
                },
                { parent: this },
            );
        });
        new aws.vpc.SecurityGroupEgressRule(
            this.child("nat-to-internet"),
            // A NAT's job is to send the private subnets' traffic anywhere; what may leave is decided by
            // the security groups of the senders, not here.
            { securityGroupId: securityGroup.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "Forwarded traffic to the internet", tags: this.tags("nat-to-internet") },
            { parent: this },
        );

        const ami = natInstanceAmi ?? aws.ssm.getParameterOutput({ name: amazonLinuxAmiParameter(natInstanceType) }, { parent: this }).value;
        const userData = natInstanceUserData(subnetCidrs.private);
        return publicSubnets.map((subnet, i) => {
            const slot = azSlot(i);
            // The route and the Elastic IP point at this interface, not at the instance, so replacing the
            // instance (new image, new boot script) keeps both; the address is attached before boot.
            const networkInterface = new aws.ec2.NetworkInterface(
                this.child(`nat-eni-${slot}`),
                { subnetId: subnet.id, securityGroups: [securityGroup.id], sourceDestCheck: false, description: `NAT instance ${slot}`, tags: this.tags(`nat-eni-${slot}`) },
                { parent: this },
            );
            const eip = new aws.ec2.Eip(
                this.child(`nat-eip-${slot}`),
                { domain: "vpc", networkInterface: networkInterface.id, tags: this.tags(`nat-eip-${slot}`) },
                { parent: this, dependsOn: [internetGateway] },
            );
            new aws.ec2.Instance(
                this.child(`nat-instance-${slot}`),
                {
                    ami,
                    instanceType: natInstanceType,
                    // sourceDestCheck is the interface's (above): the provider rejects it beside primaryNetworkInterface
                    // (ConflictsWith), and the instance's value is the primary interface's attribute anyway.
                    primaryNetworkInterface: { networkInterfaceId: networkInterface.id },
                    userData,
                    userDataReplaceOnChange: true,
                    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                    rootBlockDevice: { encrypted: true, volumeType: "gp3", deleteOnTermination: true },
                    // Burstable types default to "unlimited" credits, which bills sustained CPU; a NAT never needs it.
                    creditSpecification: { cpuCredits: "standard" },
                    tags: this.tags(`nat-instance-${slot}`),
                    volumeTags: this.tags(`nat-instance-${slot}`),
                },
                {
                    parent: this,
                    dependsOn: [eip],
                    // The interface can belong to one instance at a time.
                    deleteBeforeReplace: true,
                    // The provider reads sourceDestCheck back from the interface (false) and, left unset here, would
                    // diff it against its default true and turn the check back on at the next update, silently
                    // ending NAT (terraform-provider-aws#44768); the interface owns the attribute.
                    ignoreChanges: natInstanceAmi === undefined ? ["ami", "sourceDestCheck"] : ["sourceDestCheck"],
                },
            );
            return { networkInterfaceId: networkInterface.id };
        });
    }

    private createPrivateRouting(vpc: aws.ec2.Vpc, tiers: Tiers, natTargets: NatTarget[]): aws.ec2.RouteTable[] {
        return tiers.private.map((subnet, i) => {
            const slot = azSlot(i);
            const routeTable = new aws.ec2.RouteTable(this.child(`private-rt-${slot}`), { vpcId: vpc.id, tags: this.tags(`private-rt-${slot}`, "private") }, { parent: this });
            this.associate(`private-rta-${slot}`, routeTable, subnet);
            const target = natTargets[natSlotFor(i, natTargets.length)];
            if (target) {
                new aws.ec2.Route(this.child(`private-internet-${slot}`), { routeTableId: routeTable.id, destinationCidrBlock: "0.0.0.0/0", ...target }, { parent: this });
            }
            return routeTable;
        });
    }

    private createIsolatedRouting(vpc: aws.ec2.Vpc, tiers: Tiers): aws.ec2.RouteTable[] {
        const routeTables = tiers.isolated.map((subnet, i) => {
            const slot = azSlot(i);
            const routeTable = new aws.ec2.RouteTable(this.child(`isolated-rt-${slot}`), { vpcId: vpc.id, tags: this.tags(`isolated-rt-${slot}`, "isolated") }, { parent: this });
            this.associate(`isolated-rta-${slot}`, routeTable, subnet);
            return routeTable;
        });
        // A second lock besides the routes: even a route added by hand later cannot carry traffic past the VPC.
        const acl = new aws.ec2.NetworkAcl(this.child("isolated-nacl"), { vpcId: vpc.id, tags: this.tags("isolated-nacl", "isolated") }, { parent: this });
        for (const egress of [false, true]) {
            const suffix = egress ? "isolated-nacl-out" : "isolated-nacl-in";
            new aws.ec2.NetworkAclRule(
                this.child(suffix),
                { networkAclId: acl.id, ruleNumber: 100, egress, protocol: "-1", ruleAction: "allow", cidrBlock: this.args.cidr },
                { parent: this },
            );
        }
        tiers.isolated.forEach((subnet, i) => {
            new aws.ec2.NetworkAclAssociation(this.child(`isolated-nacl-${azSlot(i)}`), { networkAclId: acl.id, subnetId: subnet.id }, { parent: this });
        });
        return routeTables;
    }

    private serviceName(service: string): pulumi.Output<string> {
        const region = aws.getRegionOutput({}, { parent: this }).region;
        return pulumi.interpolate`com.amazonaws.${region}.${service}`;
    }

    private createGatewayEndpoints(vpc: aws.ec2.Vpc, routeTables: aws.ec2.RouteTable[]): void {
        for (const service of GATEWAY_ENDPOINT_SERVICES) {
            new aws.ec2.VpcEndpoint(
                this.child(`${service}-endpoint`),
                {
                    vpcId: vpc.id,
                    serviceName: this.serviceName(service),
                    vpcEndpointType: "Gateway",
                    routeTableIds: routeTables.map((t) => t.id),
                    tags: this.tags(`${service}-endpoint`),
                },
                { parent: this },
            );
        }
    }

    /** Interface endpoints in the given subnets (one per AZ), reachable on 443 from the given ranges only. */
    private createInterfaceEndpoints(
        vpcId: pulumi.Input<string>,
        subnetIds: pulumi.Input<pulumi.Input<string>[]>,
        clientCidrs: readonly pulumi.Input<string>[],
    ): pulumi.Output<string> | undefined {
        const services = this.args.interfaceEndpoints;
        if (services.length === 0) return undefined;
        const securityGroup = new aws.ec2.SecurityGroup(
            this.child("endpoints-sg"),
            { vpcId, description: "Interface endpoints: HTTPS from the private subnets only", tags: this.tags("endpoints-sg") },
            { parent: this },
        );
        clientCidrs.forEach((cidrIpv4, i) => {
            new aws.vpc.SecurityGroupIngressRule(
                this.child(`endpoints-from-private-${azSlot(i)}`),
                {
                    securityGroupId: securityGroup.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4,
                    description: `HTTPS from private subnet ${azSlot(i)}`,
                    tags: this.tags(`endpoints-from-private-${azSlot(i)}`),
                },
                { parent: this },
            );
        });
        for (const service of services) {
            const suffix = `${endpointSlug(service)}-endpoint`;
            new aws.ec2.VpcEndpoint(
                this.child(suffix),
                {
                    vpcId,
                    serviceName: this.serviceName(service),
                    vpcEndpointType: "Interface",
                    subnetIds,
                    securityGroupIds: [securityGroup.id],
                    privateDnsEnabled: true,
                    tags: this.tags(suffix),
                },
                { parent: this },
            );
        }
        return securityGroup.id;
    }

    private accountScope(): pulumi.Output<AccountScope> {
        const opts = { parent: this };
        return pulumi
            .all([aws.getPartitionOutput({}, opts).partition, aws.getRegionOutput({}, opts).region, aws.getCallerIdentityOutput({}, opts).accountId])
            .apply(([partition, region, accountId]) => ({ partition, region, accountId }));
    }

    private createFlowLogs(vpc: aws.ec2.Vpc): void {
        const { flowLogRetentionDays, protect } = this.args;
        const scope = this.accountScope();
        const keyArn = this.args.logsKeyArn ?? this.createLogsKey(scope);
        const logGroup = new aws.cloudwatch.LogGroup(
            this.child("flow-logs"),
            { retentionInDays: flowLogRetentionDays, kmsKeyId: keyArn, tags: this.tags("flow-logs") },
            { parent: this, protect },
        );
        const role = new aws.iam.Role(
            this.child("flow-logs-role"),
            {
                description: `Lets VPC flow logs write to the ${this.name} flow log group`,
                assumeRolePolicy: scope.apply((s) => JSON.stringify(flowLogsTrustPolicy(s))),
                tags: this.tags("flow-logs-role"),
            },
            { parent: this },
        );
        const writePolicy = new aws.iam.RolePolicy(
            this.child("flow-logs-write"),
            { role: role.id, policy: logGroup.arn.apply((arn) => JSON.stringify(flowLogsWritePolicy(arn))) },
            { parent: this },
        );
        new aws.ec2.FlowLog(
            this.child("flow-log"),
            {
                vpcId: vpc.id,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: role.arn,
                tags: this.tags("flow-log"),
            },
            { parent: this, dependsOn: [writePolicy] },
        );
    }

    private createLogsKey(scope: pulumi.Output<AccountScope>): pulumi.Output<string> {
        pulumi.log.warn(
            `"${this.name}" Network: no "logsKeyArn" was given, so it creates its own KMS key for flow logs (about $1 a month). ` +
                `Pass the security baseline's logsKeyArn so one key serves every log group.`,
            this,
        );
        const key = new aws.kms.Key(
            this.child("flow-logs-key"),
            {
                description: `Encrypts the ${this.name} VPC flow logs`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: scope.apply((s) => JSON.stringify(logsKeyPolicy(s))),
                tags: this.tags("flow-logs-key"),
            },
            { parent: this, protect: this.args.protect },
        );
        return key.arn;
    }

    /** Looks the VPC and subnets up, checks them once known, and adds only the interface endpoints. */
    private adoptVpc(existing: ExistingNetwork): BuiltNetwork {
        const opts = { parent: this };
        const lookup: pulumi.Output<ExistingLookup> = pulumi
            .all([
                aws.ec2.getVpcOutput({ id: existing.vpcId }, opts),
                pulumi.all(existing.privateSubnetIds.map((id) => aws.ec2.getSubnetOutput({ id }, opts))),
                pulumi.all(existing.isolatedSubnetIds.map((id) => aws.ec2.getSubnetOutput({ id }, opts))),
            ])
            .apply(([vpc, privateSubnets, isolatedSubnets]) => {
                const checked: ExistingLookup = { vpc, privateSubnets, isolatedSubnets };
                checkExistingNetwork(this.name, this.args.interfaceEndpoints, checked);
                return checked;
            });

        const vpcId = lookup.vpc.id;
        return {
            vpcId,
            vpcCidr: lookup.vpc.cidrBlock,
            publicSubnetIds: pulumi.output([]),
            privateSubnetIds: lookup.privateSubnets.apply((subnets) => subnets.map((s) => s.id)),
            isolatedSubnetIds: lookup.isolatedSubnets.apply((subnets) => subnets.map((s) => s.id)),
            privateRouteTableIds: pulumi.output([]),
            isolatedRouteTableIds: pulumi.output([]),
            endpointSecurityGroupId: this.createInterfaceEndpoints(
                vpcId,
                lookup.privateSubnets.apply(oneSubnetPerAz),
                existing.privateSubnetIds.map((_, i) => lookup.privateSubnets[i].cidrBlock),
            ),
            natGatewayIds: [],
        };
    }
}
