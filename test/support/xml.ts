/** A small strict XML reader for tests that check a generated XML file (JUnit reports). */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&([a-z]+);/g, (m, name: string) => {
    if (!(name in ENTITIES)) throw new Error(`unknown entity ${m}`);
    return ENTITIES[name]!;
  });

/**
 * A small strict XML reader, enough to check the JUnit file: one root, tags balanced, attributes
 * quoted and unique, no bare `<` or `&` in text. Throws on anything malformed.
 */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const rest = () => xml.slice(i);
  const decl = /^<\?xml [^?]*\?>\s*/.exec(rest());
  if (decl) i += decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml[i] === '<') {
      const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(rest());
      if (close) {
        const open = stack.pop();
        if (!open || open.name !== close[1]) throw new Error(`unbalanced </${close[1]}> at ${i}`);
        i += close[0].length;
        continue;
      }
      const tag = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/.exec(rest());
      if (!tag) throw new Error(`malformed tag at ${i}: ${rest().slice(0, 40)}`);
      const attrs: Record<string, string> = {};
      for (const [, k, v] of tag[2]!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
        if (k! in attrs) throw new Error(`attribute ${k} twice`);
        attrs[k!] = decode(v!);
      }
      const el: XmlElement = { name: tag[1]!, attrs, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
      else if (root) throw new Error('more than one root element');
      else root = el;
      if (tag[3] !== '/') stack.push(el);
      i += tag[0].length;
    } else {
      const end = xml.indexOf('<', i);
      const text = xml.slice(i, end === -1 ? xml.length : end);
      if (stack.length === 0 && text.trim() !== '') throw new Error('text outside the root element');
      if (/&(?![a-z]+;)/.test(text)) throw new Error('bare & in text');
      if (stack.length > 0) stack[stack.length - 1]!.text += decode(text);
      i += text.length;
    }
  }
  if (!root || stack.length > 0) throw new Error('unclosed elements');
  return root;
}
