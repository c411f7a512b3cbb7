package org.onewindow.service.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The canonical JSON form that audit hashes and checkpoint signatures are computed over. One JSON value has exactly
 * one canonical byte sequence:
 * <ul>
 *   <li>UTF-8 without a byte order mark; no whitespace outside strings;</li>
 *   <li>object members sorted by name in ascending order of UTF-16 code units (as RFC 8785); no duplicate names;</li>
 *   <li>strings: {@code "} and {@code \} escaped as {@code \"} and {@code \\}; U+0008, U+0009, U+000A, U+000C,
 *       U+000D as backslash-b, -t, -n, -f, -r; other characters below U+0020 as {@code \}{@code u00xx} (lower-case hex);
 *       every other character, non-ASCII included, written as itself;</li>
 *   <li>numbers: integers only, in plain decimal without leading zeros or plus sign;</li>
 *   <li>{@code true}, {@code false}, {@code null} as themselves; arrays keep their order.</li>
 * </ul>
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of {@code node}. @throws IllegalArgumentException for a non-integer number */
    public static byte[] bytes(JsonNode node) {
        return string(node).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of {@code node}. @throws IllegalArgumentException for a non-integer number */
    public static String string(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    members.add(it.next());
                }
                members.sort(Map.Entry.comparingByKey());
                out.append('{');
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    writeString(members.get(i).getKey(), out);
                    out.append(':');
                    write(members.get(i).getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException("canonical JSON allows integers only, found " + node);
                }
                out.append(node.bigIntegerValue().toString());
            }
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
