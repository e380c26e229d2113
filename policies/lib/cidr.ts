/** Minimal IPv4 CIDR maths for policies (the pack does not import the program's helpers). */
export interface Block {
  readonly start: number;
  readonly end: number;
}

export function parseIpv4Cidr(text: string): Block | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const start = Math.floor(address / size) * size;
  return { start, end: start + size - 1 };
}

export function overlap(a: Block, b: Block): boolean {
  return a.start <= b.end && b.start <= a.end;
}
