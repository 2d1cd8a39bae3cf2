/** IPv4 CIDR arithmetic, just enough to validate pod and service networks. */
export interface Cidr {
  text: string;
  start: number;
  end: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(address / size) * size;
  if (start !== address) return undefined;
  return { text, start, end: start + size - 1 };
}

export const overlaps = (a: Cidr, b: Cidr): boolean => a.start <= b.end && b.start <= a.end;
