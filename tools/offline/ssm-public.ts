/**
 * AWS's public SSM parameters (`/aws/service/...`): the latest AMI ids and, for the ECS- and
 * EKS-optimized images, the JSON document AWS stores under `.../recommended`, which programs parse
 * (`JSON.parse(param.value).image_id`). Values are deterministic stand-ins in AWS's own shapes.
 */
import { createHash } from "crypto";

function amiFor(path: string, region: string): string {
    return `ami-${createHash("sha256").update(`${region}|${path}`).digest("hex").slice(0, 17)}`;
}

const IMAGE_DATE = "20260101";

function architectureOf(parts: string[]): "arm64" | "x86_64" {
    return parts.some((part) => part === "arm64" || part.includes("arm64")) ? "arm64" : "x86_64";
}

/** The document under `/aws/service/ecs/optimized-ami/<os>[/<variant>]/recommended`. */
function ecsRecommended(path: string, region: string): Record<string, unknown> {
    const parts = path.split("/");
    const os = parts[5] ?? "amazon-linux-2";
    const arch = architectureOf(parts);
    const al2023 = os.startsWith("amazon-linux-2023");
    const version = al2023 ? `2023.0.${IMAGE_DATE}` : `2.0.${IMAGE_DATE}`;
    return {
        ecs_agent_version: "1.98.0",
        ecs_runtime_version: "Docker version 25.0.8",
        image_id: amiFor(path, region),
        image_name: al2023 ? `al2023-ami-ecs-hvm-${version}-kernel-6.1-${arch}` : `amzn2-ami-ecs-hvm-${version}-${arch}-ebs`,
        image_version: version,
        os: al2023 ? "Amazon Linux 2023" : "Amazon Linux 2",
        schema_version: 1,
        source_image_name: al2023 ? `al2023-ami-minimal-${version}-kernel-6.1-${arch}` : `amzn2-ami-minimal-hvm-${version}.0-${arch}-ebs`,
    };
}

/** The document under `/aws/service/eks/optimized-ami/<k8s version>/<os>[/<variant>]/recommended`. */
function eksRecommended(path: string, region: string): Record<string, unknown> {
    const parts = path.split("/");
    const kubernetes = parts[5] ?? "1.31";
    return {
        schema_version: "2",
        image_id: amiFor(path, region),
        image_name: `amazon-eks-node-${kubernetes}-v${IMAGE_DATE}`,
        release_version: `${kubernetes}.0-${IMAGE_DATE}`,
    };
}

/**
 * The value of a public parameter, or undefined for a name AWS does not publish in this shape (and
 * for every parameter outside `/aws/service/`, which only the user's account knows).
 */
export function answerPublicParameter(name: string, region: string): string | undefined {
    if (!name.startsWith("/aws/service/")) return undefined;
    const recommended = /^(\/aws\/service\/(ecs|eks)\/optimized-ami\/.+\/recommended)(?:\/(\w+))?$/.exec(name);
    if (recommended) {
        const [, documentPath, service, field] = recommended;
        const document = service === "ecs" ? ecsRecommended(documentPath, region) : eksRecommended(documentPath, region);
        if (field === undefined) return JSON.stringify(document);
        return field in document ? String(document[field]) : undefined;
    }
    if (/^\/aws\/service\/(ami-amazon-linux-latest|ami-windows-latest|debian\/release|canonical\/ubuntu)\//.test(name)) return amiFor(name, region);
    const bottlerocket = /^\/aws\/service\/bottlerocket\/.+\/(image_id|image_version)$/.exec(name);
    if (bottlerocket) return bottlerocket[1] === "image_id" ? amiFor(name, region) : `1.30.0-${IMAGE_DATE.slice(2)}`;
    const region_ = /^\/aws\/service\/global-infrastructure\/regions\/([a-z0-9-]+)\/longName$/.exec(name);
    if (region_) return REGION_NAMES[region_[1]];
    return undefined;
}

const REGION_NAMES: Record<string, string> = {
    "us-east-1": "US East (N. Virginia)",
    "us-east-2": "US East (Ohio)",
    "us-west-1": "US West (N. California)",
    "us-west-2": "US West (Oregon)",
    "eu-west-1": "Europe (Ireland)",
    "eu-west-2": "Europe (London)",
    "eu-central-1": "Europe (Frankfurt)",
    "ap-southeast-1": "Asia Pacific (Singapore)",
    "ap-southeast-2": "Asia Pacific (Sydney)",
    "ap-northeast-1": "Asia Pacific (Tokyo)",
};
