/** A value written as XML the way the Query protocol shapes it. */
export type XmlValue =
  | string
  | number
  | boolean
  | Date
  | undefined
  | XmlValue[]
  | { [element: string]: XmlValue };

/**
 * Writes `value` as the content of an element: objects become child
 * elements, lists `<member>` elements, dates ISO 8601 text. Members left
 * undefined are left out.
 */
export function xmlContent(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    return value.map((item) => element('member', item)).join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([name, child]) => element(name, child))
      .join('');
  }
  return escapeXml(String(value));
}

export function element(name: string, value: XmlValue): string {
  return `<${name}>${xmlContent(value)}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (char) =>
      ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[char] ??
      '&apos;',
  );
}
