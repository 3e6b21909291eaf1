/**
 * The XML bbb-web answers, after its FreeMarker templates (bigbluebutton-web
 * WEB-INF/freemarker/*.ftlx): `<response><returncode>SUCCESS|FAILED</returncode>…</response>`.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlNode | XmlNode[];
export interface XmlNode {
  /** Element name → value; arrays repeat the element. `_attrs` and `_text` for attributes and text. */
  [name: string]: XmlValue | Record<string, string>;
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function renderValue(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => renderValue(name, v)).join('');
  if (value === null) return `<${name}/>`;
  if (typeof value === 'object') {
    const attrs = (value._attrs as Record<string, string> | undefined) ?? {};
    const attrText = Object.entries(attrs)
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
      .join('');
    const text = typeof value._text === 'string' ? escapeXml(value._text) : '';
    const children = Object.entries(value)
      .filter(([k]) => k !== '_attrs' && k !== '_text')
      .map(([k, v]) => renderValue(k, v as XmlValue))
      .join('');
    return `<${name}${attrText}>${text}${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function successXml(body: XmlNode): string {
  return `<response>${renderValue('returncode', 'SUCCESS')}${Object.entries(body)
    .map(([k, v]) => renderValue(k, v as XmlValue))
    .join('')}</response>`;
}

export function failedXml(messageKey: string, message: string): string {
  return `<response><returncode>FAILED</returncode><messageKey>${escapeXml(messageKey)}</messageKey><message>${escapeXml(message)}</message></response>`;
}
