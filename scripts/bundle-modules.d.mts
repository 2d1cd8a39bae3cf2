export function bundleModules(exports: string[]): Promise<string>;
