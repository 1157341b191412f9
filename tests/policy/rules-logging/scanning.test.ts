import * as aws from "@pulumi/aws";
import { describeStackPolicyOnFixture } from "../rules-support/stackCases";

function repositories() {
    new aws.ecr.Repository("api", { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE" });
}

describeStackPolicyOnFixture("ecr-enable-image-scanning", repositories, "the repository scans on push", [
    { name: "no imageScanningConfiguration", change: (v) => v.edit("api", (p) => delete p.imageScanningConfiguration), messages: [/^Set imageScanningConfiguration\.scanOnPush to true on repository "api"/], on: "api" },
    { name: "scanOnPush false", change: (v) => v.edit("api", (p) => (p.imageScanningConfiguration.scanOnPush = false)), messages: [/repository "api"/] },
], [
    {
        name: "registry-wide enhanced scanning covers every repository",
        change: (v) =>
            v
                .edit("api", (p) => delete p.imageScanningConfiguration)
                .add("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", "registry", { scanType: "ENHANCED", rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] }),
    },
]);
