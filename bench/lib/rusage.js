// Preloaded by bench/plan.ts where /usr/bin/time is missing: the process writes its own resource
// usage (peak RSS, CPU time) to BENCH_RUSAGE_FILE as it exits.
"use strict";
const fs = require("fs");

process.on("exit", () => {
    const file = process.env.BENCH_RUSAGE_FILE;
    if (file) fs.writeFileSync(file, JSON.stringify(process.resourceUsage()));
});
