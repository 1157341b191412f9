import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const desiredCapacity = config.requireNumber("desiredCapacity");
if (desiredCapacity < 1 || desiredCapacity > 10) {
    throw new pulumi.RunError(`desiredCapacity must be between 1 and 10, got ${desiredCapacity}`);
}

const queue = new aws.sqs.Queue("work");
export const queueUrl = queue.url;
