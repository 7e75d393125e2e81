import { XmlSyntaxError } from '../errors';

/**
 * The little XML the 210 record needs: elements holding either text or child elements, no
 * attributes, declarations, comments, CDATA or mixed content. Strict on purpose: anything else in
 * a record line is an error, not something to be tolerant about.
 */
export interface XmlElement {
  readonly name: string;
  /** Decoded text of a leaf; '' for an element with children. */
  readonly text: string;
  readonly children: readonly XmlElement[];
}

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const MARKUP = /[&<>]/;

export function escapeXmlText(text: string): string {
  // Almost no field holds markup characters: one test instead of three replacements for the others.
  return MARKUP.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

export function writeXmlElement(element: XmlElement): string {
  const content = element.children.length > 0 ? element.children.map(writeXmlElement).join('') : escapeXmlText(element.text);
  return `<${element.name}>${content}</${element.name}>`;
}

export function parseXmlDocument(source: string): XmlElement {
  const parser = new Parser(source);
  const root = parser.element();
  if (parser.offset !== source.length) throw new XmlSyntaxError('content after the root element', parser.offset);
  return root;
}

class Parser {
  offset = 0;

  constructor(private readonly source: string) {}

  element(): XmlElement {
    this.expect('<');
    const name = this.name();
    if (this.source.startsWith('/>', this.offset)) {
      this.offset += 2;
      return { name, text: '', children: [] };
    }
    this.expect('>');
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const next = this.source.indexOf('<', this.offset);
      if (next < 0) throw new XmlSyntaxError(`element ${name} is not closed`, this.offset);
      text += this.decode(this.source.slice(this.offset, next), this.offset);
      this.offset = next;
      if (this.source.startsWith('</', this.offset)) break;
      if (/^<[!?]/.test(this.source.slice(this.offset, this.offset + 2))) throw new XmlSyntaxError('declarations, comments and CDATA are not allowed', this.offset);
      children.push(this.element());
    }
    this.offset += 2;
    if (this.name() !== name) throw new XmlSyntaxError(`end tag does not match ${name}`, this.offset);
    this.expect('>');
    if (children.length > 0 && text.trim() !== '') throw new XmlSyntaxError(`element ${name} mixes text and elements`, this.offset);
    return { name, text: children.length > 0 ? '' : text, children };
  }

  private name(): string {
    NAME.lastIndex = this.offset;
    const match = NAME.exec(this.source);
    if (!match) throw new XmlSyntaxError('expected an element name', this.offset);
    this.offset += match[0].length;
    return match[0];
  }

  private expect(literal: string): void {
    if (!this.source.startsWith(literal, this.offset)) throw new XmlSyntaxError(`expected '${literal}'`, this.offset);
    this.offset += literal.length;
  }

  private decode(raw: string, at: number): string {
    return raw.replace(/&([^;]*);?/g, (whole, entity: string) => {
      if (!whole.endsWith(';')) throw new XmlSyntaxError('unterminated entity', at);
      if (ENTITIES[entity]) return ENTITIES[entity];
      const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(entity);
      if (!numeric) throw new XmlSyntaxError('unknown entity', at);
      return String.fromCodePoint(numeric[1].startsWith('x') ? parseInt(numeric[1].slice(1), 16) : Number(numeric[1]));
    });
  }
}
