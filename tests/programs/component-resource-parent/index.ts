import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

interface LoggedBucketArgs {
    retentionDays: number;
}

// A small component as the Pulumi docs describe them: children are parented to it.
class LoggedBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly logs: aws.s3.Bucket;

    constructor(name: string, args: LoggedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("acme:storage:LoggedBucket", name, {}, opts);

        this.logs = new aws.s3.Bucket(`${name}-logs`, {}, { parent: this });
        new aws.s3.BucketLifecycleConfiguration(`${name}-logs-expiry`, {
            bucket: this.logs.id,
            rules: [{ id: "expire", status: "Enabled", expiration: { days: args.retentionDays } }],
        }, { parent: this.logs });

        this.bucket = new aws.s3.Bucket(name, {}, { parent: this });
        new aws.s3.BucketLogging(`${name}-logging`, {
            bucket: this.bucket.id,
            targetBucket: this.logs.id,
            targetPrefix: "access/",
        }, { parent: this.bucket });

        this.registerOutputs({ bucketName: this.bucket.bucket });
    }
}

const site = new LoggedBucket("site", { retentionDays: 30 });

// Waits for the whole component, as dependsOn on a component does.
new aws.s3.BucketObject("robots", {
    bucket: site.bucket,
    key: "robots.txt",
    content: "User-agent: *\nDisallow:\n",
}, { dependsOn: [site] });

export const bucketName = site.bucket.bucket;
