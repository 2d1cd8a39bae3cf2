import schemaJson from '../../schema/cluster.schema.json' with { type: 'json' };
import type { SpecPath } from './source.js';

type SchemaNode = { [key: string]: unknown };

/** The public contract (also printed by `cto schema`). */
export const clusterSchema = schemaJson as SchemaNode;

/** The schema node describing the value at `path`, following `$ref`s into `$defs`. */
export function schemaAt(path: SpecPath): SchemaNode | undefined {
  let node: SchemaNode | undefined = clusterSchema;
  for (const seg of path) {
    node = deref(node);
    if (!node) return undefined;
    const props = node.properties as Record<string, SchemaNode> | undefined;
    node = typeof seg === 'number' ? (node.items as SchemaNode | undefined) : props?.[seg];
  }
  return deref(node);
}

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref;
  if (typeof ref !== 'string') return node;
  const name = ref.replace('#/$defs/', '');
  return { ...(clusterSchema.$defs as Record<string, SchemaNode>)[name], ...node, $ref: undefined };
}

/** `x-sensitive` in the schema; undefined when the schema does not say. */
export function declaredSensitive(path: SpecPath): boolean | undefined {
  const value = schemaAt(path)?.['x-sensitive'];
  return typeof value === 'boolean' ? value : undefined;
}
