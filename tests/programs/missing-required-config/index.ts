import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const domainName = config.require("domainName");

const zone = new aws.route53.Zone("zone", { name: domainName });
export const nameServers = zone.nameServers;
