import { CtoError } from '../../diagnostics/error.js';

/** `cto sim serve`: the Latitude API simulator on loopback, until Ctrl-C. */
export async function simCommand(action: string, o: { port?: number; timeScale?: number; seed?: number; apiKey?: string }): Promise<number> {
  if (action !== 'serve') throw new CtoError({ severity: 'error', message: `unknown sim action "${action}"`, hint: 'use `cto sim serve --port 8080`' });
  const { startSimulator } = await import('../../sim/index.js');
  const apiKey = o.apiKey ?? 'sim-api-key';
  const sim = await startSimulator({ port: Number(o.port ?? 8080), timeScale: Number(o.timeScale ?? 1), seed: Number(o.seed ?? 1), apiKey });
  // The simulator's key guards nothing real, so saying it is the point: the user needs it in LATITUDE_API_KEY.
  process.stdout.write(`Latitude simulator listening on ${sim.url}\n  export LATITUDE_API_KEY=${apiKey} LATITUDE_PROJECT_ID=cto-sim\n  and set spec.provider.latitude.endpoint: ${sim.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}
