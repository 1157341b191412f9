import * as aws from "@pulumi/aws";

// A monitoring agent's policy: EC2 and CloudWatch Logs Describe* on "*", as AWS's own agent docs show.
new aws.iam.Policy("inventory", {
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["ec2:Describe*", "logs:Describe*"], Resource: "*" }],
    }),
});
