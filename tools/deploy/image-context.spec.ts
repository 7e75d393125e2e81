import path from 'node:path';
import { imageEntries, isBuiltin, moduleClosure, packageName, requiredSpecifiers } from './image-context';

describe('image context', () => {
  it('reads the requires swc writes, in order', () => {
    const code = 'const a = require("./a");\nconst b = _interop_require_default(require("@nestjs/core"));\nrequire( \'node:fs\' );';
    expect(requiredSpecifiers(code)).toEqual(['./a', '@nestjs/core', 'node:fs']);
  });

  it('names the package of a deep import', () => {
    expect(packageName('@nestjs/core/injector')).toBe('@nestjs/core');
    expect(packageName('typeorm/driver')).toBe('typeorm');
    expect(packageName('zod')).toBe('zod');
  });

  it('tells Node built-ins from packages', () => {
    expect(isBuiltin('node:path')).toBe(true);
    expect(isBuiltin('crypto')).toBe(true);
    expect(isBuiltin('kafkajs')).toBe(false);
  });

  it('collects the compiled closure through relative requires and fails on an unresolvable require', () => {
    const files: Record<string, string> = {
      '/x/main.js': 'require("./lib/index"); require("kafkajs/x"); require("node:fs");',
      '/x/lib/index.js': 'require("../main"); require("zod");',
    };
    const existing = new Set(Object.keys(files));
    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    const spy = jest.spyOn(fs, 'existsSync').mockImplementation((file) => existing.has(String(file)));
    try {
      expect(moduleClosure(['/x/main.js'], (file) => files[file] as string)).toEqual({ files: ['/x/lib/index.js', '/x/main.js'], packages: ['kafkajs', 'zod'] });
      files['/x/lib/index.js'] = 'require("./gone");';
      expect(() => moduleClosure(['/x/main.js'], (file) => files[file] as string)).toThrow('requires ./gone, which resolves to no compiled file');
    } finally {
      spy.mockRestore();
    }
  });

  it('builds every app but the end-to-end suites', () => {
    const entries = imageEntries(path.join(__dirname, '..', '..'));
    expect(entries).toEqual(expect.arrayContaining(['apps/bureau-formatter/src/main.ts', 'apps/consent-filter/src/main.ts', 'apps/consent-ledger/src/main.ts', 'apps/minimiser/src/main.ts']));
    expect(entries.some((entry) => entry.includes('pipeline-e2e'))).toBe(false);
  });
});
