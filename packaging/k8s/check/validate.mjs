// Validates Kubernetes manifests against the API schemas that kubernetes-models
// compiled from Kubernetes' OpenAPI definitions: every document of every file
// given, by its apiVersion and kind. Prints one line per document and exits 1 on
// the first file with an error. Usage: node validate.mjs FILE.yaml...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const models = {
  "v1/ConfigMap": () => import("kubernetes-models/v1/ConfigMap"),
  "apps/v1/DaemonSet": () => import("kubernetes-models/apps/v1/DaemonSet"),
};

let failed = false;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.log(`${file}: YAML: ${doc.errors[0].message}`);
      failed = true;
      continue;
    }
    const object = doc.toJS();
    const key = `${object.apiVersion}/${object.kind}`;
    const load = models[key];
    if (!load) {
      console.log(`${file}: no schema here for ${key}`);
      failed = true;
      continue;
    }
    const module = await load();
    const Model = module[object.kind];
    try {
      new Model(object).validate();
      console.log(`valid ${file} ${key} ${object.metadata?.name}`);
    } catch (e) {
      console.log(`${file}: ${key} ${object.metadata?.name}: ${e.message}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
