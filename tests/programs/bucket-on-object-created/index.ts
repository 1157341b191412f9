import * as aws from "@pulumi/aws";

const uploads = new aws.s3.Bucket("uploads", { forceDestroy: true });
const thumbnails = new aws.s3.Bucket("thumbnails", { forceDestroy: true });

async function writeThumbnail(destination: aws.s3.Bucket, key: string): Promise<void> {
    console.log(`thumbnail of ${key} goes to ${destination.bucket.get()}`);
}

// An event handler as in the Pulumi docs: the callback becomes a Lambda with an S3 notification.
// Handing the whole bucket to a helper makes the closure serializer capture the resource object itself.
uploads.onObjectCreated("make-thumbnail", async (event) => {
    for (const record of event.Records ?? []) {
        await writeThumbnail(thumbnails, record.s3.object.key);
    }
}, { filterSuffix: ".jpg" });

export const uploadsBucket = uploads.bucket;
