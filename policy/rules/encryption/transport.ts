/**
 * "TLS only" resource policies (S3 buckets, SNS topics, SQS queues): a Deny for every principal when
 * aws:SecureTransport is false. The joins differ per service; the statement test is shared.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isParseError, parsePolicyDocument, Statement } from "../../lib/iam";
import { propsOf } from "../../lib/stack";
import { get } from "../../lib/values";

function coversService(statement: Statement, service: string, actions: string[]): boolean {
    return statement.actions.some((a) => {
        const action = a.toLowerCase();
        return action === "*" || action === `${service}:*` || actions.includes(action);
    });
}

function deniesInsecure(statement: Statement): boolean {
    const transport = ["Bool", "BoolIfExists"].some((op) =>
        Object.entries(statement.conditions[op] ?? {}).some(([key, values]) => key === "aws:securetransport" && values.includes("false")),
    );
    const oldTls = Object.entries(statement.conditions).some(([op, block]) => op.startsWith("NumericLessThan") && block["s3:tlsversion"] !== undefined);
    return transport || oldTls;
}

export type TransportVerdict = "enforced" | "missing" | "unknown";

/**
 * Whether the policy documents (JSON text or objects, from the resource and its policy resources)
 * deny insecure transport for every principal. "unknown" when a document is not known yet.
 */
export function transportVerdict(holders: PolicyResource[], service: string, extraActions: string[] = []): TransportVerdict {
    let unknown = false;
    for (const holder of holders) {
        const doc = parsePolicyDocument(get(propsOf(holder), "policy"));
        if (doc === undefined || isParseError(doc)) continue;
        if (typeof doc === "symbol") {
            unknown = true;
            continue;
        }
        if (doc.unknownStatements > 0) unknown = true;
        const enforced = doc.statements.some(
            (s) => s.effect === "Deny" && s.principals?.anyone === true && coversService(s, service, extraActions.map((a) => a.toLowerCase())) && deniesInsecure(s),
        );
        if (enforced) return "enforced";
    }
    return unknown ? "unknown" : "missing";
}
