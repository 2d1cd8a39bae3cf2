/** The state folder's files the steps share (names relative to the folder). */
export const SECRETS_FILE = 'talos/secrets.yaml';
export const TALOSCONFIG_FILE = 'talos/talosconfig';
export const KUBECONFIG_FILE = 'kubeconfig';
