// Names and values from config or from the tenant may hold control characters: an escape
// code, a carriage return or a newline in a client's name could paint or forge a line of
// output (a green "No changes" in a CI log). Every output escapes them into visible text.

// C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Kept when the output itself draws them: newline and tab between lines and columns, and
// the colour sequences (SGR, `ESC [ … m`) the text renderer paints with.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_BUT_LAYOUT = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function visible(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line's worth of text (a name, an address): every control character escaped. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, visible);
}

/**
 * Whole output as written to a stream: newlines, tabs and colour sequences are layout;
 * any other control character (a carriage return, an escape that moves the cursor) is escaped.
 */
export function safeOutput(text: string): string {
  return text.replace(CONTROL_BUT_LAYOUT, (match) => (match.length > 1 ? match : visible(match)));
}
