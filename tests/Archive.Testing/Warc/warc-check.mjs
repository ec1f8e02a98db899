// Reads a WARC with warcio, an independent parser, and checks every record's digests over its raw block.
// warcio validates nothing itself: the digests are recomputed here (sha1 or sha256, base32 or hex).
// Usage: node warc-check.mjs FILE  -> prints one JSON object; exits 1 when any record fails a check.
import { createReadStream, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { WARCParser } from "warcio";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function decodeDigest(value) {
  const [algo, text] = value.split(":", 2);
  const name = { sha1: "sha1", sha256: "sha256", "sha-256": "sha256", "sha-1": "sha1" }[algo.toLowerCase()];
  if (!name || !text) throw new Error(`unknown digest ${value}`);
  const hexLength = name === "sha1" ? 40 : 64;
  if (/^[0-9a-f]+$/i.test(text) && text.length === hexLength) return { name, bytes: Buffer.from(text, "hex") };
  let bits = 0, buffer = 0;
  const out = [];
  for (const c of text.replace(/=+$/, "").toUpperCase()) {
    const v = BASE32.indexOf(c);
    if (v < 0) throw new Error(`bad base32 in ${value}`);
    buffer = (buffer << 5) | v; bits += 5;
    if (bits >= 8) { out.push((buffer >> (bits - 8)) & 255); bits -= 8; }
  }
  return { name, bytes: Buffer.from(out) };
}

function matches(value, bytes) {
  const { name, bytes: expected } = decodeDigest(value);
  return createHash(name).update(bytes).digest().equals(expected);
}

function httpPayload(block) {
  const end = Buffer.from(block).indexOf("\r\n\r\n");
  return end < 0 ? null : Buffer.from(block).subarray(end + 4);
}

const file = process.argv[2];
const parser = new WARCParser(createReadStream(file), { parseHttp: false });
const records = [];
const errors = [];
for await (const record of parser) {
  const block = await record.readFully(false);
  const h = (name) => record.warcHeader(name) ?? null;
  const entry = {
    type: record.warcType, id: h("WARC-Record-ID"), uri: h("WARC-Target-URI"), date: h("WARC-Date"),
    contentType: h("Content-Type"), contentLength: record.warcContentLength, blockLength: block.length,
    refersTo: h("WARC-Refers-To"), concurrentTo: h("WARC-Concurrent-To"), profile: h("WARC-Profile"),
    payloadDigest: h("WARC-Payload-Digest"), blockDigest: h("WARC-Block-Digest"),
    refersToTargetUri: h("WARC-Refers-To-Target-URI"), refersToDate: h("WARC-Refers-To-Date"),
    offset: parser.offset, blockChecked: false, payloadChecked: false,
  };
  const fail = (why) => errors.push(`${entry.type} ${entry.id} at ${entry.offset}: ${why}`);
  if (block.length !== entry.contentLength) fail(`block is ${block.length} bytes, Content-Length says ${entry.contentLength}`);
  if (entry.blockDigest) {
    entry.blockChecked = true;
    if (!matches(entry.blockDigest, block)) fail("WARC-Block-Digest does not match the block");
  } else if (entry.type !== "warcinfo") {
    fail("no WARC-Block-Digest");
  }
  if (entry.type === "response" || entry.type === "request") {
    const payload = httpPayload(block);
    if (payload === null) fail("no end of HTTP headers in the block");
    else if (entry.payloadDigest) {
      entry.payloadChecked = true;
      if (!matches(entry.payloadDigest, payload)) fail("WARC-Payload-Digest does not match the HTTP payload");
    }
    entry.httpHead = Buffer.from(block).subarray(0, block.length - (payload?.length ?? 0)).toString("latin1");
    if (payload !== null) entry.payloadSha256 = createHash("sha256").update(payload).digest("hex");
  }
  entry.blockSha256 = createHash("sha256").update(block).digest("hex");
  if (entry.type === "conversion") entry.text = Buffer.from(block).toString("utf8");
  entry.recordLength = parser.recordLength;
  records.push(entry);
}
// warcio stops quietly at a gzip member cut short: the whole file must also inflate to its end.
const raw = readFileSync(file);
if (raw[0] === 0x1f && raw[1] === 0x8b) {
  try { gunzipSync(raw); } catch (e) { errors.push(`the gzip stream is truncated or corrupt: ${e.message}`); }
}
process.stdout.write(JSON.stringify({ records, errors }));
process.exit(errors.length ? 1 : 0);
