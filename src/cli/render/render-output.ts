/** One file of `cto render`: a node's machine config or a component's objects. */
export interface RenderSection {
  /** `node-cp-0.yaml`, `component-cilium.yaml`: the file `--out` writes. */
  file: string;
  /** `node cp-0 (controlplane, cto-prod-cp-0)`, `component cilium (platform/cilium)`. */
  title: string;
  notes: string[];
  documents: { label: string; yaml: string }[];
}

/** Every document starts with this comment, so `--out` knows which files it wrote before. */
export const HEADER_PREFIX = '# cto render:';

/**
 * YAML documents separated by `---`, each opened by a comment naming its node
 * or component and itself; a section's notes follow its first header.
 */
export function sectionText(section: RenderSection): string {
  return section.documents
    .map((d, i) => {
      const notes = i === 0 ? section.notes.map((n) => `# note: ${n}\n`).join('') : '';
      return `${HEADER_PREFIX} ${section.title}: ${d.label}\n${notes}${d.yaml.endsWith('\n') ? d.yaml : `${d.yaml}\n`}`;
    })
    .join('---\n');
}

export function renderText(sections: RenderSection[]): string {
  return sections.map(sectionText).join('---\n');
}
