/**
 * The iPXE script a server boots: Talos from the Image Factory, which comes up in
 * maintenance mode until a machine config is applied (talos-stack.md §1.1).
 */
export function talosIpxeScript(talosVersion: string, schematic: string): string {
  const version = talosVersion.startsWith('v') ? talosVersion : `v${talosVersion}`;
  return ['#!ipxe', 'dhcp', `chain --replace --autofree https://pxe.factory.talos.dev/pxe/${schematic}/${version}/metal-\${buildarch}`, ''].join('\n');
}
