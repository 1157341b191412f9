import * as aws from "@pulumi/aws";

const ciUser = new aws.iam.User("legacy-ci", { path: "/ci/" });
const deployers = new aws.iam.Group("deployers");

new aws.iam.UserGroupMembership("legacy-ci-groups", { user: ciUser.name, groups: [deployers.name] });

const key = new aws.iam.AccessKey("legacy-ci-key", { user: ciUser.name });

export const accessKeyId = key.id;
export const secretAccessKey = key.secret;
