/** `base` + `accountStatus` → `base.accountStatus`; an empty prefix leaves the name alone. */
export const joinPath = (prefix: string, name: string): string => (prefix === '' ? name : `${prefix}.${name}`);
