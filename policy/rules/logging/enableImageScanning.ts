import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asString, get, isUnknown } from "../../lib/values";

export const enableImageScanning = stackRule({
    name: "ecr-enable-image-scanning",
    category: "logging",
    description: "ECR images should be scanned for vulnerabilities when pushed.",
    what: "Repositories without imageScanningConfiguration.scanOnPush: true, unless the stack sets a RegistryScanningConfiguration (registry-wide basic or enhanced scanning).",
    why: "Images pick up known-vulnerable packages from their base image and dependencies; scanning on push reports them before the image runs, and keeps a finding history to check later.",
    fix: "Set imageScanningConfiguration: { scanOnPush: true }, or configure aws.ecr.RegistryScanningConfiguration (ENHANCED, continuous) for the registry.",
    frameworks: { fsbp: ["ECR.1"], soc2: ["CC7.1"], gdpr: ["32(1)(d)"] },
    validate({ resources }, report) {
        const registryWide = resourcesOfType(resources, "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration").some((r) => asString(get(propsOf(r), "scanType")) !== undefined);
        if (registryWide) return;
        for (const repository of resourcesOfType(resources, "aws:ecr/repository:Repository")) {
            const scan = get(propsOf(repository), "imageScanningConfiguration", "scanOnPush");
            if (scan !== true && !isUnknown(scan)) report(repository, `Set imageScanningConfiguration.scanOnPush to true on repository "${repository.name}" so vulnerable images are reported when pushed.`);
        }
    },
});
