// Validates real API responses against the response schemas of an OpenAPI 3.1 document, with ajv (JSON Schema
// 2020-12, formats checked), a validator independent of ours.
// Usage: node openapi-response-check.mjs OPENAPI.json RESPONSES.json
//   RESPONSES.json: [{"name": "...", "path": "/api/articles/{id}", "method": "get", "status": 200,
//                     "contentType": "application/json", "body": <parsed JSON>}, ...]
// Prints {"results": [{"name", "valid", "schema", "errors"}]}; exits 1 when any response does not match.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const document = JSON.parse(readFileSync(process.argv[2], "utf8"));
const responses = JSON.parse(readFileSync(process.argv[3], "utf8"));

// The components become one schema resource, so "#/components/schemas/X" references resolve inside it. OpenAPI's own
// annotation keywords (example, discriminator...) are not JSON Schema: strict mode is off, every JSON Schema keyword
// (additionalProperties, required, enum, pattern, format...) still applies.
const base = "https://archive.invalid/openapi.json";
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ $id: base, components: document.components ?? {} });

const results = responses.map((r) => {
  const operation = document.paths?.[r.path]?.[r.method];
  if (!operation) {
    return { name: r.name, valid: false, errors: [`${r.method} ${r.path} is not in the document`] };
  }

  const response = operation.responses?.[String(r.status)];
  if (!response) {
    return { name: r.name, valid: false, errors: [`${r.method} ${r.path} does not document status ${r.status}`] };
  }

  const mediaType = (r.contentType ?? "").split(";")[0].trim().toLowerCase();
  const content = response.content ?? {};
  const declared = Object.keys(content);
  if (declared.length === 0) {
    return mediaType === "" || r.body === null
      ? { name: r.name, valid: true, errors: [] }
      : { name: r.name, valid: false, errors: [`status ${r.status} documents no body, but ${mediaType} came`] };
  }

  const key = declared.find((d) => d === mediaType) ?? declared.find((d) => d === "*/*");
  if (!key) {
    return { name: r.name, valid: false, errors: [`${mediaType} is not documented for status ${r.status} (${declared.join(", ")})`] };
  }

  const schema = content[key].schema;
  if (!/json$/.test(key)) {
    // A body that is not JSON (HTML, a WARC, a TimeMap): its media type is what the document can promise.
    return { name: r.name, valid: true, schema: key, errors: [] };
  }

  if (!schema) {
    return { name: r.name, valid: false, errors: [`${key} for status ${r.status} has no schema`] };
  }

  // Resolve the response's schema against the components resource, however it refers to them.
  const validate = ajv.compile(rebase(schema));
  const valid = validate(r.body);
  return {
    name: r.name,
    valid,
    schema: schema.$ref ?? JSON.stringify(schema),
    errors: valid ? [] : validate.errors.map((e) => `${e.instancePath || "(body)"} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ""}`),
  };
});

// References in a response schema point into the document ("#/components/..."): make them absolute, into the resource.
function rebase(schema) {
  return JSON.parse(JSON.stringify(schema), (k, v) => (k === "$ref" && typeof v === "string" && v.startsWith("#/") ? base + v : v));
}

process.stdout.write(JSON.stringify({ results }));
process.exit(results.every((r) => r.valid) ? 0 : 1);
