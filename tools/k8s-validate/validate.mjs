// Validates every object of a rendered kustomization (a stream of JSON objects, as
// k8s/check.sh writes it) against the OpenAPI schema of its apiVersion and kind: the
// Kubernetes API's (kubernetes-models) and CloudNativePG's. An object of a kind neither
// package knows fails too, so nothing goes unchecked. Unknown fields are not caught here
// (the schemas allow them); k8s/check.sh's own policies cover the fields we rely on.
//   node validate.mjs rendered.json
import { readFileSync } from "node:fs";

const packages = { "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg" };

function* objects(text) {
  // Concatenated JSON objects: split on depth-0 closes, strings and escapes respected.
  let depth = 0, start = -1, inString = false, escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") { if (depth++ === 0) start = i; }
    else if (c === "}" && --depth === 0) yield JSON.parse(text.slice(start, i + 1));
  }
}

const failures = [];
let checked = 0;
for (const parsed of objects(readFileSync(process.argv[2], "utf8"))) {
  for (const object of parsed.kind === "List" ? parsed.items : [parsed]) {
    const name = `${object.kind}/${object.metadata?.name}`;
    const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
    const module = packages[group] ? `${packages[group]}/${group}/${version}/${object.kind}`
                                   : `kubernetes-models/${group ? `${group}/` : ""}${version}/${object.kind}`;
    let Model;
    try {
      Model = (await import(module))[object.kind];
    } catch {
      failures.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      checked++;
    } catch (error) {
      failures.push(`${name}: ${error.message}`);
    }
  }
}
for (const failure of failures) console.error(`k8s schema: FAIL: ${failure}`);
if (failures.length > 0) process.exit(1);
console.log(`k8s schema: OK (${checked} objects)`);
