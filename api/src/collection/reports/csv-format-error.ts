/** Where in a CSV export a problem was found. Rows count data rows from 1, after the header. */
export interface CsvErrorLocation {
  readonly row?: number;
  readonly line?: number;
  readonly column?: string;
  readonly value?: string;
}

/** The dashboard sent something that is not the CSV we expect. Never worth retrying. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
  readonly row: number | undefined;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly value: string | undefined;

  constructor(
    readonly reason: string,
    location: CsvErrorLocation = {},
  ) {
    super(describe(reason, location));
    this.row = location.row;
    this.line = location.line;
    this.column = location.column;
    this.value = location.value;
  }
}

function describe(reason: string, { row, line, column, value }: CsvErrorLocation): string {
  const where = [
    row === undefined ? undefined : `row ${row}`,
    line === undefined ? undefined : `line ${line}`,
    column === undefined ? undefined : `column "${column}"`,
  ].filter((part) => part !== undefined);
  const shownValue = value === undefined ? '' : ` (value ${JSON.stringify(truncate(value))})`;
  return `${where.length > 0 ? `${where.join(', ')}: ` : ''}${reason}${shownValue}`;
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
