import { XmlSyntaxError } from '../errors';
import { parseXmlDocument, writeXmlElement } from './xml-element';

describe('XML elements', () => {
  it('parses nested elements and text, decoding entities', () => {
    expect(parseXmlDocument('<A><B>x &amp; y &lt;1&gt; &#x738B;</B><C/><D></D></A>')).toEqual({
      name: 'A',
      text: '',
      children: [
        { name: 'B', text: 'x & y <1> 王', children: [] },
        { name: 'C', text: '', children: [] },
        { name: 'D', text: '', children: [] },
      ],
    });
  });

  it('accepts a bare > in text, as XML does', () => {
    expect(parseXmlDocument('<A>1 > 0</A>').text).toBe('1 > 0');
  });

  it('writes what it parses', () => {
    const line = '<Document><InAcctInf><AcctBsSgmt><Name>王 &amp; 李 &lt;&gt;</Name></AcctBsSgmt></InAcctInf></Document>';
    expect(writeXmlElement(parseXmlDocument(line))).toBe(line);
  });

  it.each([
    ['<?xml version="1.0"?><A/>', 'declaration'],
    ['<A x="1"></A>', 'attribute'],
    ['<A><B></A>', 'mismatched end tag'],
    ['<A>text<B/></A>', 'mixed content'],
    ['<A>&nbsp;</A>', 'unknown entity'],
    ['<A></A><B></B>', 'two roots'],
    ['<A><!-- c --></A>', 'comment'],
  ])('rejects %s (%s)', (source) => {
    expect(() => parseXmlDocument(source)).toThrow(XmlSyntaxError);
  });
});
