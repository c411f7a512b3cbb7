package org.onewindow.service.audit;

import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A signed statement "the chain had event {@code seq} with hash {@code hash}", stored at
 * {@code audit/checkpoints/{seq}.json}. The signature covers the canonical JSON of every other member.
 * {@code previous} is the seq of the checkpoint before it (0 for the first), so a deleted checkpoint in the middle
 * is noticed.
 */
public record Checkpoint(long seq, String hash, Instant time, long previous, String keyId, String algorithm,
                         String signature) {
    public Checkpoint {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(signature, "signature");
    }

    static Checkpoint sign(long seq, String hash, Instant time, long previous, CheckpointSigner signer) {
        Checkpoint unsigned = new Checkpoint(seq, hash, time, previous, signer.keyId(), signer.algorithm(), "");
        byte[] signature = signer.sign(CanonicalJson.bytes(unsigned.toJson(false)));
        return new Checkpoint(seq, hash, time, previous, signer.keyId(), signer.algorithm(),
                Base64.getEncoder().encodeToString(signature));
    }

    ObjectNode toJson(boolean withSignature) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("seq", seq);
        node.put("hash", hash);
        node.put("time", time.toString());
        node.put("previous", previous);
        node.put("keyId", keyId);
        node.put("algorithm", algorithm);
        if (withSignature) {
            node.put("signature", signature);
        }
        return node;
    }

    byte[] toBytes() {
        return CanonicalJson.bytes(toJson(true));
    }

    /** @throws IllegalArgumentException when a member is missing or malformed */
    static Checkpoint fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (String name : new String[] {"seq", "hash", "time", "previous", "keyId", "algorithm", "signature"}) {
            if (!node.hasNonNull(name)) {
                throw new IllegalArgumentException(name + " is missing");
            }
        }
        if (!node.get("seq").canConvertToExactIntegral() || !node.get("previous").canConvertToExactIntegral()) {
            throw new IllegalArgumentException("seq or previous is not an integer");
        }
        return new Checkpoint(node.get("seq").longValue(), node.get("hash").asText(),
                Instant.parse(node.get("time").asText()), node.get("previous").longValue(),
                node.get("keyId").asText(), node.get("algorithm").asText(), node.get("signature").asText());
    }

    /** Whether the signature is valid (the other members are taken from {@code stored}, the tree as read). */
    static boolean signatureValid(JsonNode stored, CheckpointSigner signer) {
        ObjectNode withoutSignature = ((ObjectNode) stored).deepCopy();
        withoutSignature.remove("signature");
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(stored.get("signature").asText());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return signer.verify(stored.get("keyId").asText(), stored.get("algorithm").asText(),
                CanonicalJson.bytes(withoutSignature), signature);
    }
}
