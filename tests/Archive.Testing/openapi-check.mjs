// Validates an OpenAPI document against the official OpenAPI JSON schemas, with a validator independent of ours.
// Usage: node openapi-check.mjs FILE  -> prints {"valid": bool, "version": "...", "errors": [...]}; exits 1 when invalid.
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";

const validator = new Validator();
const result = await validator.validate(JSON.parse(readFileSync(process.argv[2], "utf8")));
process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? [] }));
process.exit(result.valid ? 0 : 1);
