// Values that test/support/global-setup.ts provides to every test file.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin kubeconfig of the run's real control plane. */
    kubeconfigPath: string;
  }
}

export {};
