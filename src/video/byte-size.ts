/** Sizes as people write and read them (upload limits, refusals, the CLI). */

/** 5000 → "5 kB" (decimal units, as file managers show). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1).replace(/\.0$/, '')} ${units[i]}`;
}

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** "2GB", "500 MB", "1.5GiB", "1073741824" → bytes; "default" → null (the server's VIDEO_MAX_UPLOAD_BYTES). */
export function parseUploadLimit(value: string): number | null | undefined {
  if (value.trim().toLowerCase() === 'default') return null;
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?$/i.exec(value.trim());
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!);
  return bytes >= 1024 ? bytes : undefined;
}

