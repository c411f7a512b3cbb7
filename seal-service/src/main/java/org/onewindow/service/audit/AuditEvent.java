package org.onewindow.service.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One stored audit event, a link of the hash chain. {@code hash} is the lower-case hex SHA-256 of the
 * {@link CanonicalJson canonical JSON} of the stored object without its {@code hash} member; {@code prevHash} is the
 * previous event's {@code hash} ({@link #GENESIS_HASH} for seq 1).
 */
public record AuditEvent(long seq, Instant time, String actor, String role, String action, AuditTarget target,
                         AuditOutcome outcome, String requestId, Map<String, String> details, String prevHash,
                         String hash) {
    /** The {@code prevHash} of the first event. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        details = Map.copyOf(details);
    }

    /** Makes the event that follows {@code prevHash} at {@code seq}, computing its hash. */
    static AuditEvent create(long seq, Instant time, AuditEntry entry, String prevHash) {
        AuditEvent unhashed = new AuditEvent(seq, time, entry.actor(), entry.role(), entry.action(), entry.target(),
                entry.outcome(), entry.requestId(), entry.details(), prevHash, "");
        return unhashed.withHash(hashOf(unhashed.toJson(false)));
    }

    private AuditEvent withHash(String newHash) {
        return new AuditEvent(seq, time, actor, role, action, target, outcome, requestId, details, prevHash, newHash);
    }

    /** The JSON tree of this event, with or without its {@code hash} member. */
    public ObjectNode toJson(boolean withHash) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        node.put("seq", seq);
        node.put("time", time.toString());
        node.put("actor", actor);
        node.put("role", role);
        node.put("action", action);
        if (target == null) {
            node.putNull("target");
        } else {
            node.putObject("target").put("type", target.type()).put("id", target.id());
        }
        node.put("outcome", outcome.wireName());
        node.put("requestId", requestId);
        ObjectNode detailNode = node.putObject("details");
        new TreeMap<>(details).forEach(detailNode::put);
        node.put("prevHash", prevHash);
        if (withHash) {
            node.put("hash", hash);
        }
        return node;
    }

    /** The bytes stored for this event: its canonical JSON with the hash. */
    public byte[] toBytes() {
        return CanonicalJson.bytes(toJson(true));
    }

    /** A JSON view for API responses (same members as stored). */
    public Map<String, Object> toView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seq", seq);
        view.put("time", time.toString());
        view.put("actor", actor);
        view.put("role", role);
        view.put("action", action);
        view.put("target", target == null ? null : Map.of("type", target.type(), "id", target.id()));
        view.put("outcome", outcome.wireName());
        view.put("requestId", requestId);
        view.put("details", new TreeMap<>(details));
        view.put("prevHash", prevHash);
        view.put("hash", hash);
        return view;
    }

    /** SHA-256 hex of the canonical form of {@code eventWithoutHash}. */
    static String hashOf(JsonNode eventWithoutHash) {
        return sha256Hex(CanonicalJson.bytes(eventWithoutHash));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * Reads an event from its stored JSON tree.
     *
     * @throws IllegalArgumentException naming the member that is missing or malformed
     */
    public static AuditEvent fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode targetNode = node.get("target");
        AuditTarget target = null;
        if (targetNode != null && !targetNode.isNull()) {
            target = new AuditTarget(text(targetNode, "type", true), text(targetNode, "id", true));
        }
        Map<String, String> details = new TreeMap<>();
        JsonNode detailNode = node.get("details");
        if (detailNode != null && !detailNode.isNull()) {
            if (!detailNode.isObject()) {
                throw new IllegalArgumentException("details is not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = detailNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("details." + e.getKey() + " is not a string");
                }
                details.put(e.getKey(), e.getValue().textValue());
            }
        }
        JsonNode seqNode = node.get("seq");
        if (seqNode == null || !seqNode.canConvertToExactIntegral() || !seqNode.canConvertToLong()) {
            throw new IllegalArgumentException("seq is missing or not an integer");
        }
        Instant time;
        try {
            time = Instant.parse(text(node, "time", true));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant");
        }
        return new AuditEvent(seqNode.longValue(), time, text(node, "actor", true), text(node, "role", false),
                text(node, "action", true), target, AuditOutcome.fromWire(text(node, "outcome", true)),
                text(node, "requestId", false), details, text(node, "prevHash", true), text(node, "hash", true));
    }

    private static String text(JsonNode node, String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " is not a string");
        }
        return value.textValue();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
