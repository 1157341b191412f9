import * as aws from "@pulumi/aws";

// A data volume created without encryption (EBS encryption by default is an account setting, off unless enabled).
new aws.ebs.Volume("data", { availabilityZone: "eu-west-1a", size: 50, type: "gp3" });
