/**
 * A strict, small XML well-formedness checker for tests (no dependency): tags must nest and close,
 * attributes must be quoted and unique, `&` must start a known entity, text must not hold `<`.
 * Returns the element tree. Test-only (excluded from the build).
 */
export interface _XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: _XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

function _decode(s: string, where: string): string {
  return s.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & in ${where}`);
    if (body === 'amp') return '&';
    if (body === 'lt') return '<';
    if (body === 'gt') return '>';
    if (body === 'quot') return '"';
    if (body === 'apos') return "'";
    if (/^#[0-9]+$/.test(body)) return String.fromCodePoint(Number(body.slice(1)));
    if (/^#x[0-9a-fA-F]+$/.test(body)) return String.fromCodePoint(parseInt(body.slice(2), 16));
    throw new Error(`unknown entity &${body}; in ${where}`);
  });
}

export function _parseXml(src: string): _XmlElement {
  let i = 0;
  const root: _XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: _XmlElement[] = [root];
  let seenRoot = false;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const text = lt < 0 ? src.slice(i) : src.slice(i, lt);
    if (text.length > 0) {
      if (stack.length === 1) {
        if (text.trim() !== '') throw new Error(`text outside the root element at ${i}`);
      } else {
        if (text.includes('>')) {
          // '>' is allowed in text by XML, but our writer escapes it; flag it to catch bugs.
          throw new Error(`unescaped > in text at ${i}`);
        }
        stack[stack.length - 1].text += _decode(text, `text at ${i}`);
      }
    }
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i);
      if (end < 0 || seenRoot) throw new Error(`bad processing instruction at ${i}`);
      i = end + 2;
      continue;
    }
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i);
      if (end < 0) throw new Error(`unclosed comment at ${i}`);
      i = end + 3;
      continue;
    }
    if (src.startsWith('</', i)) {
      const m = NAME.exec(src.slice(i + 2));
      if (!m) throw new Error(`bad closing tag at ${i}`);
      const j = i + 2 + m[0].length;
      const close = src.indexOf('>', j);
      if (close < 0 || src.slice(j, close).trim() !== '') throw new Error(`bad closing tag at ${i}`);
      const top = stack.pop();
      if (!top || top.name !== m[0]) throw new Error(`</${m[0]}> at ${i} closes <${top?.name}>`);
      i = close + 1;
      continue;
    }
    // Start tag.
    const m = NAME.exec(src.slice(i + 1));
    if (!m) throw new Error(`bad tag name at ${i}`);
    if (stack.length === 1 && seenRoot) throw new Error(`second root element at ${i}`);
    const el: _XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
    let j = i + 1 + m[0].length;
    for (;;) {
      const ws = /^\s*/.exec(src.slice(j))![0].length;
      j += ws;
      if (src.startsWith('/>', j)) {
        j += 2;
        stack[stack.length - 1].children.push(el);
        break;
      }
      if (src[j] === '>') {
        j += 1;
        stack[stack.length - 1].children.push(el);
        stack.push(el);
        break;
      }
      if (ws === 0) throw new Error(`missing space before attribute at ${j}`);
      const a = NAME.exec(src.slice(j));
      if (!a) throw new Error(`bad attribute at ${j}: ${src.slice(j, j + 20)}`);
      j += a[0].length;
      if (src[j] !== '=') throw new Error(`attribute ${a[0]} without = at ${j}`);
      const q = src[j + 1];
      if (q !== '"' && q !== "'") throw new Error(`unquoted attribute ${a[0]} at ${j}`);
      const end = src.indexOf(q, j + 2);
      if (end < 0) throw new Error(`unclosed attribute ${a[0]} at ${j}`);
      const raw = src.slice(j + 2, end);
      if (raw.includes('<')) throw new Error(`< in attribute ${a[0]} at ${j}`);
      if (a[0] in el.attrs) throw new Error(`duplicate attribute ${a[0]} at ${j}`);
      el.attrs[a[0]] = _decode(raw, `attribute ${a[0]}`);
      j = end + 1;
    }
    if (stack.length <= 2) seenRoot = true;
    i = j;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error('expected exactly one root element');
  return root.children[0];
}

/** Every element named `name` under `el`, depth first. */
export function _findAll(el: _XmlElement, name: string): _XmlElement[] {
  const out: _XmlElement[] = [];
  const walk = (e: _XmlElement): void => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}
