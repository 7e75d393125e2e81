import type { ComponentStatus } from './stack-status';

const HEADERS = ['component', 'address', 'pid', 'state', 'log'] as const;

export function formatStatusTable(components: readonly ComponentStatus[]): string {
  const rows = components.map((c) => [c.component, c.address, String(c.pid ?? '-'), c.detail, c.logFile ?? '-']);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(HEADERS), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
