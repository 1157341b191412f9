#!/usr/bin/env node
/**
 * `npm run plan`: the offline plan (tools/plan-cli.ts), its TypeScript and the program's loaded as
 * `ts-node --transpile-only` loads them, through the compile cache of tools/build/ts-cache.js (the
 * first run of a clean clone compiles and fills it).
 */
"use strict";
require("../tools/build/ts-cache");
const { main } = require("../tools/plan-cli.ts");

main(process.argv.slice(2)).then((code) => process.exit(code));
