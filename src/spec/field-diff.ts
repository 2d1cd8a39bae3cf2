/** One difference between what the spec wants and what is live, at a path inside the object. */
export interface FieldDiff {
  /** Dotted path inside the object, e.g. `machine.sysctls.vm.nr_hugepages`. */
  path: string;
  before?: unknown;
  after?: unknown;
  /** Rendered as `(sensitive)` everywhere. */
  sensitive?: boolean;
}
