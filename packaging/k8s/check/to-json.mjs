// Prints the documents of a YAML file as one JSON array (for the Java tests).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const docs = parseAllDocuments(readFileSync(process.argv[2], "utf8")).map((d) => d.toJS());
console.log(JSON.stringify(docs));
