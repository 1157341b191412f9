import { loadSettings } from "./stacks/settings";

// Settings are read and validated before any resource is registered: a bad value stops here.
const settings = loadSettings();

export const profile = settings.profile;
