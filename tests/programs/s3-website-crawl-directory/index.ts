import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const siteDir = "www";

const siteBucket = new aws.s3.Bucket("site-bucket");

const contentTypes: Record<string, string> = { ".html": "text/html", ".css": "text/css", ".js": "application/javascript" };

// crawlDirectory recursively walks a folder and calls `f` with each file.
function crawlDirectory(dir: string, f: (_: string) => void) {
    for (const file of fs.readdirSync(dir)) {
        const filePath = `${dir}/${file}`;
        if (fs.statSync(filePath).isDirectory()) {
            crawlDirectory(filePath, f);
        } else {
            f(filePath);
        }
    }
}

crawlDirectory(siteDir, (filePath) => {
    const relativeFilePath = filePath.replace(siteDir + "/", "");
    new aws.s3.BucketObject(relativeFilePath, {
        key: relativeFilePath,
        bucket: siteBucket,
        contentType: contentTypes[path.extname(filePath)] ?? "application/octet-stream",
        source: new pulumi.asset.FileAsset(filePath),
    });
});

export const bucketName = siteBucket.bucket;
