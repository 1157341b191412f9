import { asBoolean, get, isUnknown, ReadinessCheck } from "../lib";
import type { Finding } from "../lib";

const T = {
    hub: "aws:securityhub/account:Account",
    standard: "aws:securityhub/standardsSubscription:StandardsSubscription",
    recorder: "aws:cfg/recorder:Recorder",
    status: "aws:cfg/recorderStatus:RecorderStatus",
    channel: "aws:cfg/deliveryChannel:DeliveryChannel",
} as const;

const ELSEWHERE = "If the account's recorder is managed outside this program (AWS Organizations, Control Tower, another stack), nothing is missing.";

export const securityhubConfigRecorder: ReadinessCheck = {
    name: "securityhub-config-recorder",
    category: "aws-api",
    severity: "warning",
    what: "Security Hub standards (a StandardsSubscription, or an Account that enables the default standards) come with an AWS Config recorder that records (a Recorder and a RecorderStatus with isEnabled), and an enabled recorder has a delivery channel.",
    rule: "Security Hub's controls evaluate AWS Config's configuration items: with no recorder most report nothing and Config.1 fails as CRITICAL. StartConfigurationRecorder fails with NoAvailableDeliveryChannelException when the region has no delivery channel.",
    run(stack) {
        const findings: Finding[] = [];
        const recorders = stack.ofType(T.recorder);
        const enabled = stack.ofType(T.status).filter((s) => {
            const value = get(stack.props(s), "isEnabled");
            return isUnknown(value) || asBoolean(value) === true;
        });
        const subscribers = [
            ...stack.ofType(T.standard),
            // enableDefaultStandards defaults to true: an Account alone subscribes FSBP and CIS.
            ...stack.ofType(T.hub).filter((hub) => asBoolean(get(stack.props(hub), "enableDefaultStandards")) !== false),
        ];
        for (const subscriber of subscribers) {
            const what = subscriber.type === T.hub ? `Security Hub account "${subscriber.name}" enables the default standards` : `Security Hub standard "${subscriber.name}" is subscribed`;
            if (recorders.length === 0) {
                findings.push(stack.finding(this, subscriber, "warning",
                    `${what}, but the program has no AWS Config recorder: most controls will report nothing, and Config.1 fails at once as CRITICAL.`,
                    "Security Hub: controls run as AWS Config rules and need AWS Config recording the account's resources.",
                    `Add an aws.cfg.Recorder (recording all supported types), an aws.cfg.DeliveryChannel to an S3 bucket that admits config.amazonaws.com, and an aws.cfg.RecorderStatus with isEnabled: true after the channel. ${ELSEWHERE}`));
            } else if (enabled.length === 0) {
                findings.push(stack.finding(this, subscriber, "warning",
                    `${what} and the program has an AWS Config recorder, but nothing starts it (no RecorderStatus with isEnabled: true): it records nothing, so the controls report nothing.`,
                    "AWS Config: a configuration recorder records only after StartConfigurationRecorder (aws.cfg.RecorderStatus isEnabled).",
                    `Add an aws.cfg.RecorderStatus { name: recorder.name, isEnabled: true } that depends on the delivery channel. ${ELSEWHERE}`));
            }
        }
        if (stack.ofType(T.channel).length === 0) {
            for (const status of enabled) {
                // A warning, not an error: the region may have a channel from outside this program.
                findings.push(stack.finding(this, status, "warning",
                    `Recorder status "${status.name}" starts AWS Config, but the program has no delivery channel: unless the region already has one, AWS refuses to start the recorder.`,
                    "AWS Config StartConfigurationRecorder fails with NoAvailableDeliveryChannelException when the region has no delivery channel.",
                    "Add an aws.cfg.DeliveryChannel (S3 bucket, optional prefix and KMS key) and make the RecorderStatus depend on it."));
            }
        }
        return findings;
    },
};
