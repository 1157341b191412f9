/**
 * Remote (multi-language) components, such as @pulumi/awsx v1+ and @pulumi/aws-apigateway, are
 * built by their own provider plugin at deployment; under mocks they register as one resource with
 * no children (pulumi/pulumi#12553), so no policy sees what they create. For the common case of
 * awsx's `ec2.Vpc` with its default layout, the offline plan builds the resources awsx would
 * (following awsx/ec2/vpc.ts and subnetDistributorLegacy.ts), so the policies judge them; every
 * other remote component is reported as not judged, with the reason.
 */
import { defaultOptions, engineUrn, RecordedResource, UNKNOWN } from "../engine/recorder";

type State = Record<string, any>;

/** One resource an expansion creates, as the component's provider would register it. */
export interface ExpandedChild {
    type: string;
    name: string;
    /** Index of the parent among the children, or -1 for the component itself. */
    parent: number;
    inputs: State;
    state: State;
    id: string | undefined;
    /** Children (by index) this one was given in `dependsOn`. */
    dependsOn: number[];
    /** Which children (by index) each input property came from. */
    propertyDependencies: Record<string, number[]>;
}

export interface ComponentExpansion {
    type: string;
    name: string;
    children: ExpandedChild[];
    /** What the expansion models and what it leaves out, for the report. */
    note: string;
}

/** Creates a resource in the offline AWS and returns its id (undefined in preview) and state. */
export type CreateResource = (type: string, name: string, inputs: State) => { id: string | undefined; state: State };

export interface ExpansionContext {
    region: string;
    create: CreateResource;
    /** A deterministic hex string for this component (ids of what it would create). */
    hash: (salt: string) => string;
}

/** An expansion, or why there is none (with the outputs the program may still read, so they never vanish). */
export type Expander = (name: string, args: State, ctx: ExpansionContext) => { expansion: ComponentExpansion; outputs: State } | { unsupported: string; outputs: State };

/** Remote component types and the provider that builds them, for the report's reason. */
export function remoteProvider(type: string): string {
    return type.split(":")[0];
}

// ---- awsx ec2.Vpc -------------------------------------------------------------------------------

function toInt(address: string): number {
    return address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

function toAddress(n: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** Terraform's cidrsubnet for IPv4, as awsx's cidrSubnetV4 computes it. */
function cidrSubnet(range: string, newBits: number, netNum: number): string {
    const [base, bits] = range.split("/");
    const mask = Number(bits) + newBits;
    if (mask > 32) throw new Error(`cannot split ${range} by ${newBits} more bits`);
    return `${toAddress(toInt(base) + 2 ** (32 - mask) * netNum)}/${mask}`;
}

function nextPowerOfTwo(n: number): number {
    let power = 1;
    while (power < n) power *= 2;
    return power;
}

/** awsx's default layout: per AZ a private /19 and a public /20 (for a /16), private first in the range. */
function defaultSubnets(vpcName: string, cidr: string, zones: string[]): { zone: string; type: "Public" | "Private"; name: string; cidrBlock: string; az: number }[] {
    const perZoneBits = Math.log2(nextPowerOfTwo(zones.length));
    return zones.flatMap((zone, i) => {
        const zoneBase = cidrSubnet(cidr, perZoneBits, i);
        const privateBlock = cidrSubnet(zoneBase, 1, 0);
        const publicBlock = cidrSubnet(cidrSubnet(privateBlock, 0, 1), 1, 0);
        // awsx creates each zone's public subnet first (compareSubnetSpecs): its NAT gateway serves the private one.
        return [
            { zone, type: "Public" as const, name: `${vpcName}-public-${i + 1}`, cidrBlock: publicBlock, az: i },
            { zone, type: "Private" as const, name: `${vpcName}-private-${i + 1}`, cidrBlock: privateBlock, az: i },
        ];
    });
}

/** aws.ec2.Vpc arguments awsx passes through from its own (it spreads its args into the inner VPC). */
const VPC_PASSTHROUGH = [
    "assignGeneratedIpv6CidrBlock",
    "enableDnsHostnames",
    "enableDnsSupport",
    "enableNetworkAddressUsageMetrics",
    "instanceTenancy",
    "ipv6CidrBlock",
    "ipv6CidrBlockNetworkBorderGroup",
    "ipv6IpamPoolId",
    "ipv6NetmaskLength",
];

const VPC_UNSUPPORTED = ["subnetSpecs", "vpcEndpointSpecs", "ipv4IpamPoolId", "ipv4NetmaskLength", "availabilityZoneCidrMask"];

const expandVpc: Expander = (name, args, ctx) => {
    const given = VPC_UNSUPPORTED.filter((key) => args[key] !== undefined);
    if (args.subnetStrategy !== undefined && args.subnetStrategy !== "Legacy") given.push(`subnetStrategy "${args.subnetStrategy}"`);
    if (given.length > 0) {
        // The VPC's id does not depend on the layout: programs that read it still get one.
        return { unsupported: `the offline expansion models awsx's default subnet layout only, and this Vpc sets ${given.join(", ")}`, outputs: { vpcId: `vpc-${ctx.hash("vpc").slice(0, 17)}` } };
    }

    const zoneCount = Number(args.numberOfAvailabilityZones ?? 3);
    const zones: string[] = args.availabilityZoneNames ?? ["a", "b", "c", "d", "e", "f"].slice(0, zoneCount).map((letter) => `${ctx.region}${letter}`);
    const strategy = String(args.natGateways?.strategy ?? "OnePerAz").toLowerCase();
    const allocationIds: string[] = args.natGateways?.elasticIpAllocationIds ?? [];
    const cidr = String(args.cidrBlock ?? "10.0.0.0/16");
    const tags = args.tags ?? {};
    const sharedTags = { Name: name, ...tags };

    const children: ExpandedChild[] = [];
    const add = (type: string, childName: string, parent: number, inputs: State, references: Record<string, number> = {}): number => {
        const resolved: State = { ...inputs };
        for (const [property, child] of Object.entries(references)) resolved[property] = children[child].id ?? UNKNOWN;
        const created = ctx.create(type, childName, resolved);
        const propertyDependencies = Object.fromEntries(Object.entries(references).map(([property, child]) => [property, [child]]));
        children.push({ type, name: childName, parent, inputs: resolved, state: created.state, id: created.id, dependsOn: parent >= 0 ? [parent] : [], propertyDependencies });
        return children.length - 1;
    };
    const vpcInputs = Object.fromEntries(VPC_PASSTHROUGH.filter((key) => args[key] !== undefined).map((key) => [key, args[key]]));
    const vpc = add("aws:ec2/vpc:Vpc", name, -1, { ...vpcInputs, cidrBlock: cidr, tags: sharedTags });
    // awsx always creates the internet gateway: AWS does not charge for one.
    const igw = add("aws:ec2/internetGateway:InternetGateway", name, vpc, { tags: sharedTags }, { vpcId: vpc });

    const natGateways: number[] = [];
    const ids = { public: [] as number[], private: [] as number[] };
    for (const spec of defaultSubnets(name, cidr, zones)) {
        const isPublic = spec.type === "Public";
        const subnet = add(
            "aws:ec2/subnet:Subnet",
            spec.name,
            vpc,
            { availabilityZone: spec.zone, mapPublicIpOnLaunch: isPublic, cidrBlock: spec.cidrBlock, tags: { ...sharedTags, Name: spec.name, SubnetType: spec.type } },
            { vpcId: vpc },
        );
        ids[isPublic ? "public" : "private"].push(subnet);
        const routeTable = add("aws:ec2/routeTable:RouteTable", spec.name, subnet, { tags: { ...sharedTags, Name: spec.name, SubnetType: spec.type } }, { vpcId: vpc });
        add("aws:ec2/routeTableAssociation:RouteTableAssociation", spec.name, routeTable, {}, { routeTableId: routeTable, subnetId: subnet });
        const wantsNat = strategy === "oneperaz" ? natGateways.length < spec.az + 1 : strategy === "single" ? natGateways.length < 1 : false;
        if (isPublic && wantsNat) {
            const natName = `${name}-${spec.az + 1}`;
            const given = allocationIds[natGateways.length];
            const eip = given === undefined ? add("aws:ec2/eip:Eip", natName, subnet, { tags: { ...tags, Name: natName } }) : -1;
            const natInputs = { tags: { ...tags, Name: natName }, ...(given === undefined ? {} : { allocationId: given }) };
            const nat = add("aws:ec2/natGateway:NatGateway", natName, subnet, natInputs, { subnetId: subnet });
            if (eip >= 0) {
                children[nat].inputs.allocationId = children[eip].state.allocationId ?? UNKNOWN;
                children[nat].propertyDependencies.allocationId = [eip];
            }
            natGateways.push(nat);
        }
        if (isPublic) {
            add("aws:ec2/route:Route", spec.name, routeTable, { destinationCidrBlock: "0.0.0.0/0" }, { routeTableId: routeTable, gatewayId: igw });
        } else if (strategy !== "none") {
            const nat = strategy === "single" ? natGateways[0] : natGateways[spec.az];
            add("aws:ec2/route:Route", spec.name, routeTable, { destinationCidrBlock: "0.0.0.0/0" }, { routeTableId: routeTable, natGatewayId: nat });
        }
    }
    const idOf = (child: number) => children[child].id;
    const outputs = {
        vpcId: idOf(vpc),
        publicSubnetIds: ids.public.map(idOf),
        privateSubnetIds: ids.private.map(idOf),
        isolatedSubnetIds: [],
    };
    return {
        expansion: {
            type: "awsx:ec2:Vpc",
            name,
            children,
            note: `expanded offline into the ${children.length} resources awsx creates for its default layout (${zones.length} AZs, ${ids.public.length} public and ${ids.private.length} private subnets, NAT strategy ${args.natGateways?.strategy ?? "OnePerAz"})`,
        },
        outputs,
    };
};

/**
 * aws-apigateway's RestAPI is not expanded (its routes become methods, integrations, a deployment,
 * a stage and Lambda permissions by rules of its own), but its URL is given, as the component's
 * default stage "stage" serves it, so programs that export or pass it on never read undefined.
 */
const restApiOutputs: Expander = (_name, args, ctx) => {
    const id = ctx.hash("api").slice(0, 10);
    const stage = String(args.stageName ?? "stage");
    return { unsupported: "routes, integrations, the stage and Lambda permissions are built by the aws-apigateway provider", outputs: { url: `https://${id}.execute-api.${ctx.region}.amazonaws.com/${stage}/` } };
};

/** Remote component types the offline plan expands, or at least answers the outputs of, by type token. */
export const EXPANDERS: Record<string, Expander> = {
    "awsx:ec2:Vpc": expandVpc,
    "aws-apigateway:index:RestAPI": restApiOutputs,
};

/** Why a remote component the plan does not expand goes unjudged. */
export function notJudgedReason(type: string, unsupported?: string): string {
    const provider = remoteProvider(type);
    const why = unsupported ? `${unsupported}; ` : "";
    return (
        `remote component: the ${provider} provider creates its resources at deployment, and under mocks it registers as one resource with no children, ` +
        `so no policy saw what it creates (${why}write those resources with @pulumi/aws to have them judged, or run pulumi preview --policy-pack with the real provider).`
    );
}

// ---- after the run: children into the recording, the rest into "not judged" --------------------

/** A remote component no policy could look inside (the report's `notJudged`). */
export interface NotJudged {
    urn: string;
    type: string;
    reason: string;
}

/** A remote component the plan expanded offline (the report's `expandedComponents`). */
export interface ExpandedComponent {
    urn: string;
    type: string;
    resources: number;
    note: string;
}

function recordedChild(child: ExpandedChild, urn: string, parentUrn: string, urns: string[]): RecordedResource {
    const dependsOn = child.dependsOn.map((i) => urns[i]);
    const propertyDependencies = Object.fromEntries(Object.entries(child.propertyDependencies).map(([property, from]) => [property, from.map((i) => urns[i])]));
    return {
        urn,
        type: child.type,
        name: child.name,
        custom: true,
        remote: false,
        parent: parentUrn,
        provider: null,
        id: child.id ?? null,
        inputs: child.inputs,
        outputs: child.state,
        options: defaultOptions({ dependsOn }),
        dependencies: [...new Set([...dependsOn, ...Object.values(propertyDependencies).flat()])],
        propertyDependencies,
    };
}

/**
 * Splices each expanded component's children into the recording (right after the component, with
 * the URNs the engine would give them) and lists every other remote component as not judged.
 */
export function judgeRemoteComponents(
    resources: RecordedResource[],
    expansions: Map<string, ComponentExpansion | { unsupported: string }>,
    stack: string,
    project: string,
): { resources: RecordedResource[]; notJudged: NotJudged[]; expanded: ExpandedComponent[] } {
    const out: RecordedResource[] = [];
    const notJudged: NotJudged[] = [];
    const expanded: ExpandedComponent[] = [];
    for (const resource of resources) {
        out.push(resource);
        if (!resource.remote) continue;
        const expansion = expansions.get(`${resource.type}::${resource.name}`);
        if (!expansion || "unsupported" in expansion) {
            notJudged.push({ urn: resource.urn, type: resource.type, reason: notJudgedReason(resource.type, expansion?.unsupported) });
            continue;
        }
        const urns: string[] = [];
        for (const child of expansion.children) {
            const parentUrn = child.parent < 0 ? resource.urn : urns[child.parent];
            const urn = engineUrn(stack, project, parentUrn, child.type, child.name);
            urns.push(urn);
            out.push(recordedChild(child, urn, parentUrn, urns));
        }
        expanded.push({ urn: resource.urn, type: resource.type, resources: expansion.children.length, note: expansion.note });
    }
    return { resources: out, notJudged, expanded };
}
