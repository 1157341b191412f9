import { BulwarkPolicy } from "../../lib/rule";
import { disallowPlaintextSecrets } from "./disallowPlaintextSecrets";
import { requireGeneratedCredentials } from "./requireGeneratedCredentials";
import { disallowPlaintextParameters } from "./disallowPlaintextParameters";
import { enableSecretRotation } from "./enableSecretRotation";
import { disallowContainerSecrets } from "./disallowContainerSecrets";
import { disallowUserDataSecrets } from "./disallowUserDataSecrets";

/** Secrets: where credentials live and where they come from. */
export const secretsRules: BulwarkPolicy[] = [disallowPlaintextSecrets, requireGeneratedCredentials, disallowPlaintextParameters, enableSecretRotation, disallowContainerSecrets, disallowUserDataSecrets];
