import * as aws from "@pulumi/aws";

// The team's golden image, found by its name tag.
const golden = aws.ec2.getAmiOutput({
    mostRecent: true,
    owners: ["self"],
    filters: [{ name: "tag:Golden", values: ["true"] }],
});

new aws.ec2.Instance("bastion", {
    ami: golden.id,
    instanceType: "t3.micro",
    metadataOptions: { httpTokens: "required" },
    rootBlockDevice: { encrypted: true },
});
