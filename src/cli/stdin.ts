/**
 * What `-f -` becomes on the command line (cac cannot take `-` as a value). A module of its own so the
 * entry point can rewrite argv without loading the spec loader, which `--help` and `--version` never need.
 */
export const STDIN = '/dev/stdin';

export const isStdin = (file: string): boolean => file === '-' || file === STDIN;
