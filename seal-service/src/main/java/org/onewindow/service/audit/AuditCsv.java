package org.onewindow.service.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes audit events as CSV (RFC 4180: comma separated, CRLF line ends, fields quoted when they hold a comma,
 * quote, CR or LF, quotes doubled), preceded by a UTF-8 byte order mark so that Excel reads Chinese text. Cells
 * starting with {@code = + - @} get a leading apostrophe so that a spreadsheet does not run them as formulas.
 */
public final class AuditCsv {
    public static final List<String> COLUMNS = List.of("seq", "time", "actor", "role", "action", "targetType",
            "targetId", "outcome", "requestId", "details", "prevHash", "hash");
    private final Writer out;

    /** Starts the CSV: writes the byte order mark and the header line. */
    public AuditCsv(Writer out) {
        this.out = out;
        try {
            out.write('\uFEFF');
            writeRow(COLUMNS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(AuditEvent event) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        event.details().forEach(details::put);
        try {
            writeRow(List.of(Long.toString(event.seq()), event.time().toString(), event.actor(),
                    nullToEmpty(event.role()), event.action(),
                    event.target() == null ? "" : event.target().type(),
                    event.target() == null ? "" : event.target().id(), event.outcome().wireName(),
                    nullToEmpty(event.requestId()), event.details().isEmpty() ? "" : CanonicalJson.string(details),
                    event.prevHash(), event.hash()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRow(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(escape(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** One CSV cell, quoted when needed and defused against formula injection. */
    static String escape(String value) {
        String cell = value;
        if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
