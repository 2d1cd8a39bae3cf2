import { writeFile } from 'node:fs/promises';
import { CtoError } from '../../diagnostics/error.js';
import { clusterSchema } from '../../spec/schema.js';

/** What `cto init` names the schema it writes beside the spec, for the spec's modeline to point at. */
export const SCHEMA_FILE = 'cluster.schema.json';

const schemaText = () => `${JSON.stringify(clusterSchema, null, 2)}\n`;

/** `cto schema`: the JSON Schema on stdout, or into `--out FILE` for editors to read offline. */
export async function schemaCommand(o: { out?: string }): Promise<number> {
  if (o.out === undefined) {
    process.stdout.write(schemaText());
    return 0;
  }
  await writeSchema(o.out);
  process.stdout.write(`wrote ${o.out}\n`);
  return 0;
}

/** Writes (or refreshes: it is generated from this version of cto) the schema file. */
export async function writeSchema(file: string): Promise<void> {
  try {
    await writeFile(file, schemaText());
  } catch (e) {
    throw new CtoError({ severity: 'error', file, message: `cannot write the schema: ${(e as Error).message}` });
  }
}
