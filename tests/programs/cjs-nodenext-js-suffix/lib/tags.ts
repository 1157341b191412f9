import * as pulumi from "@pulumi/pulumi";

export function defaultTags(): Record<string, string> {
    return { project: pulumi.getProject(), stack: pulumi.getStack(), managedBy: "pulumi" };
}
