// Prints the SURT key warcio.js gives each URL (getSurt, the function its CDXIndexer and ReplayWeb.page use).
// Usage: node surt.mjs FILE  (FILE: a JSON array of URLs) -> prints a JSON array of keys, in the same order.
import { readFileSync } from "node:fs";
import { getSurt } from "warcio";

const urls = JSON.parse(readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify(urls.map((url) => getSurt(url))));
