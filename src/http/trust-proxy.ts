/** TRUST_PROXY as Express's 'trust proxy' setting takes it: true/false, a hop count, or addresses and names. */
export function trustProxyValue(value: string): string | number | boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
