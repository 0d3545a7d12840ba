using System.Text;

namespace Obliviate.Engine.Data;

/// <summary>
/// An RFC 4180 reader for TSV and CSV text, written out here because the BCL has none and the behaviour must be exact:
/// <list type="bullet">
/// <item>a field that starts with <c>"</c> is quoted: it may hold delimiters, CR/LF and doubled quotes (<c>""</c> → <c>"</c>);</item>
/// <item>after a closing quote only a delimiter, a line end or the end of the file may follow, otherwise the row is rejected;</item>
/// <item>a quote inside an unquoted field is a literal character (as Python's csv module reads it; IMDB-style text has many);</item>
/// <item>records end at LF, CRLF or a lone CR; empty lines between records are skipped;</item>
/// <item>every record carries the physical line it starts on, so errors point at the line an editor shows.</item>
/// </list>
/// </summary>
internal static class DelimitedParser
{
    public static List<RawRecord> Parse(string text, char delimiter, string path, int maxFieldChars, int maxRecords)
    {
        var records = new List<RawRecord>();
        var field = new StringBuilder();
        var i = 0;
        var line = 1;
        var n = text.Length;
        while (i < n)
        {
            if (text[i] is '\r' or '\n')
            {
                // A blank line: not a record (Python csv yields an empty row, pandas skips it; an empty row has no label anyway).
                i = SkipLineEnd(text, i);
                line++;
                continue;
            }
            var recordLine = line;
            var fields = new List<string>();
            var endOfRecord = false;
            while (!endOfRecord)
            {
                field.Clear();
                if (i < n && text[i] == '"')
                {
                    var openedOn = line;
                    i++;
                    while (true)
                    {
                        if (i >= n)
                            throw new DatasetFormatException(path, openedOn, "a quoted field opened on this line is never closed (missing closing \").");
                        var c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < n && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (c == '\n' || (c == '\r' && (i + 1 >= n || text[i + 1] != '\n'))) line++;
                        field.Append(c);
                        i++;
                        if (field.Length > maxFieldChars)
                            throw new DatasetFormatException(path, openedOn,
                                $"a quoted field is longer than {maxFieldChars} characters (an unterminated quote?).");
                    }
                    if (i < n && text[i] != delimiter && text[i] is not ('\r' or '\n'))
                    {
                        throw new DatasetFormatException(path, line,
                            $"unexpected character '{Printable(text[i])}' after a closing quote; a quote inside a quoted field must be doubled (\"\").");
                    }
                }
                else
                {
                    while (i < n && text[i] != delimiter && text[i] is not ('\r' or '\n'))
                    {
                        field.Append(text[i]);
                        i++;
                    }
                    if (field.Length > maxFieldChars)
                        throw new DatasetFormatException(path, recordLine, $"a field is longer than {maxFieldChars} characters.");
                }
                fields.Add(field.ToString());
                if (i >= n)
                {
                    endOfRecord = true;
                }
                else if (text[i] == delimiter)
                {
                    // A delimiter at the very end of the file still opens one (empty) last field, handled by the next pass.
                    i++;
                }
                else
                {
                    i = SkipLineEnd(text, i);
                    line++;
                    endOfRecord = true;
                }
            }
            if (records.Count >= maxRecords)
                throw new DatasetFormatException(path, recordLine, $"more than {maxRecords} rows; the file is too large to load.");
            records.Add(new RawRecord(fields, recordLine));
        }
        return records;
    }

    private static int SkipLineEnd(string text, int i) =>
        text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
