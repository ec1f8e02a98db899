// Indexes a WARC with warcio.js's CDXIndexer (what `warcio indexcdx` runs), the CDXJ another tool would make for it.
// Usage: node cdxj-index.mjs FILE NAME -> prints the CDXJ lines in file order, the records named NAME.
import { createReadStream } from "node:fs";
import { CDXIndexer } from "warcio";

const [file, name] = process.argv.slice(2);
const indexer = new CDXIndexer({ format: "cdxj" });
for await (const entry of indexer.iterIndex([{ filename: name, reader: createReadStream(file) }])) {
  process.stdout.write(indexer.serialize(entry));
}
