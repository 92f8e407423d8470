import { sql } from 'drizzle-orm';

const NEEDS_ESCAPE = /["\\]/;

/** A string as a quoted element of an array literal. */
function quoted(value: string): string {
  return '"' + (NEEDS_ESCAPE.test(value) ? value.replace(/["\\]/g, '\\$&') : value) + '"';
}

/**
 * A PostgreSQL array literal: its elements formatted as they are added and joined once at the
 * end (joining allocates far less than appending to a string element by element).
 */
export class ArrayLiteral {
  private readonly elements: (string | number)[] = [];

  number(n: number | null | undefined): void {
    this.elements.push(n ?? 'NULL');
  }

  string(value: string): void {
    this.elements.push(quoted(value));
  }

  /** An element that is itself a text[] literal (quoted, so its own quotes are escaped once more). */
  strings(values: readonly string[]): void {
    const plain = values.every((v) => !NEEDS_ESCAPE.test(v));
    this.elements.push(
      values.length === 0 ? '"{}"' : plain ? '"{\\"' + values.join('\\",\\"') + '\\"}"' : quoted('{' + values.map(quoted).join(',') + '}'),
    );
  }

  /** The literal as a parameter cast to `type` (sent as text: the same on postgres.js and PGlite). */
  as(type: 'text[]' | 'int4[]' | 'int8[]' | 'float4[]' | 'float8[]') {
    return sql`${'{' + this.elements.join(',') + '}'}::text::${sql.raw(type)}`;
  }
}
