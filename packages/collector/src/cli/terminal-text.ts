/** Text as a terminal shows it: safe lines, their width in columns, and word wrap. */

// Tabs would break the columns, and escape sequences from a hostile hostname would move the
// cursor or recolour the terminal: tabs become spaces, other control characters their pictures (␛).
const HAS_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const picture = (char: string) => {
  const code = char.charCodeAt(0);
  return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\uFFFD';
};

/** Text as lines safe to print (split at `\n`, `\r\n` and `\r`). */
export function safeLines(text: string): string[] {
  if (HAS_CONTROL.test(text)) text = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, picture);
  return text.includes('\n') ? text.split('\n') : [text];
}

export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Characters one column wide for certain (Latin, punctuation such as • and …, arrows, box lines):
// a line of only these is as wide as it is long. With `\n`: text that needs no other care.
const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u257f]*$/;
const PLAIN = /^[\n\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u257f]*$/;

/**
 * Appends `text`'s lines, made safe and wrapped to `width` columns, to `lines`, and their widths
 * to `widths`: broken at spaces, a word longer than the width cut (nothing is left out). True
 * when the text was printable ASCII (then its lines need no encoding either).
 */
export function wrapInto(text: string, width: number, lines: string[], widths: number[]): boolean {
  if (PRINTABLE_ASCII.test(text)) {
    if (text.length <= width) {
      lines.push(text);
      widths.push(text.length);
    } else {
      wrapLine(text, width, true, lines, widths);
    }
    return true;
  }
  if (PLAIN.test(text)) {
    for (const line of text.split('\n')) wrapLine(line, width, true, lines, widths);
  } else {
    for (const line of safeLines(text)) wrapLine(line, width, false, lines, widths);
  }
  return false;
}

function wrapLine(line: string, width: number, narrow: boolean, lines: string[], widths: number[]): void {
  const widthOf = narrow ? (text: string) => text.length : displayWidth;
  const lineWidth = widthOf(line);
  if (lineWidth <= width) {
    lines.push(line);
    widths.push(lineWidth);
    return;
  }
  let current = '';
  let currentWidth = 0;
  for (const word of line.split(' ')) {
    if (word === '') continue;
    const wordWidth = widthOf(word);
    if (current !== '' && currentWidth + 1 + wordWidth <= width) {
      current += ` ${word}`;
      currentWidth += 1 + wordWidth;
      continue;
    }
    if (current !== '') {
      lines.push(current);
      widths.push(currentWidth);
    }
    current = word;
    currentWidth = wordWidth;
    if (wordWidth <= width) continue;
    const pieces = cut(word, width);
    current = pieces.pop()!;
    currentWidth = displayWidth(current);
    for (const piece of pieces) {
      lines.push(piece);
      widths.push(displayWidth(piece));
    }
  }
  lines.push(current);
  widths.push(currentWidth);
}

/** A word in pieces of at most `width` columns. */
function cut(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let pieceWidth = 0;
  for (const char of word) {
    const w = charWidth(char);
    if (pieceWidth + w > width && piece !== '') {
      pieces.push(piece);
      piece = '';
      pieceWidth = 0;
    }
    piece += char;
    pieceWidth += w;
  }
  pieces.push(piece);
  return pieces;
}

const ZERO_WIDTH = /^[\p{M}\p{Cf}]$/u;
// East Asian wide and fullwidth characters, and emoji: two columns in a terminal.
const WIDE = /^[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{16fe0}-\u{18cff}\u{1b000}-\u{1b2ff}\u{1f004}\u{1f0cf}\u{1f18e}\u{1f191}-\u{1f19a}\u{1f200}-\u{1f251}\u{1f300}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{1f7e0}-\u{1f7eb}\u{1f90c}-\u{1f9ff}\u{1fa70}-\u{1faff}\u{20000}-\u{3fffd}]$/u;
const charWidths = new Map<string, number>();

function charWidth(char: string): number {
  if (char >= ' ' && char <= '~') return 1;
  let width = charWidths.get(char);
  if (width === undefined) {
    width = ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
    charWidths.set(char, width);
  }
  return width;
}

const NOT_ASCII = /[^\x20-\x7e]/gu;

/** Columns a line (without control characters) takes in a terminal. */
export function displayWidth(line: string): number {
  if (NARROW.test(line)) return line.length;
  let width = line.length;
  NOT_ASCII.lastIndex = 0;
  for (let match = NOT_ASCII.exec(line); match !== null; match = NOT_ASCII.exec(line)) width += charWidth(match[0]) - match[0].length;
  return width;
}
