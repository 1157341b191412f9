import * as aws from "@pulumi/aws";

// A queue with server-side encryption explicitly switched off.
export const queue = new aws.sqs.Queue("plain", { sqsManagedSseEnabled: false });
