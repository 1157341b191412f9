import * as aws from "@pulumi/aws";

const user = new aws.iam.User("reporter", { path: "/apps/" });

new aws.iam.UserPolicy("reporter-inline", {
    user: user.name,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::acme-reports/*" }],
    }),
});

export const userName = user.name;
