import { readFileSync } from 'node:fs';

/** Collects problems by variable name so one start-up error lists them all; never includes file contents. */
export class ProblemList {
  readonly problems: string[] = [];

  add(variable: string, problem: string): void {
    this.problems.push(`${variable}: ${problem}`);
  }

  /** The file's text, trimmed (Secrets often end in a newline); undefined (and a problem) when unusable. */
  readSecret(variable: string, file: string | undefined): string | undefined {
    if (file === undefined) return undefined;
    const text = this.read(variable, file)?.trim();
    if (text === '') {
      this.add(variable, `the file ${file} is empty`);
      return undefined;
    }
    return text;
  }

  /** A PEM bundle of one or more CA certificates. */
  readCertificates(variable: string, file: string | undefined): string | undefined {
    if (file === undefined) return undefined;
    const text = this.read(variable, file);
    if (text === undefined) return undefined;
    if (!text.includes('-----BEGIN CERTIFICATE-----')) {
      this.add(variable, `the file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
      return undefined;
    }
    return text;
  }

  private read(variable: string, file: string): string | undefined {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      this.add(variable, `cannot read the file ${file} (${code})`);
      return undefined;
    }
  }
}
