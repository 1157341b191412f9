import * as aws from "@pulumi/aws";

export interface WorkQueueArgs {
    visibilityTimeoutSeconds: number;
}

// A work queue with a dead-letter queue behind it.
export function workQueue(name: string, args: WorkQueueArgs) {
    const deadLetters = new aws.sqs.Queue(`${name}-dlq`, {
        messageRetentionSeconds: 1209600,
    });
    const queue = new aws.sqs.Queue(name, {
        visibilityTimeoutSeconds: args.visibilityTimeoutSeconds,
        redrivePolicy: deadLetters.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 5 })),
    });
    return { queue, deadLetters };
}
