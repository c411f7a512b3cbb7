package org.onewindow.service.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void sortsKeysDropsWhitespaceAndKeepsNonAsciiLiteral() throws Exception {
        String input = "{ \"b\" : [1, true, null],\n \"a\": {\"y\": \"住建局\", \"x\": \"tab\\there \\\"q\\\" \\u0001\"} }";
        assertEquals("{\"a\":{\"x\":\"tab\\there \\\"q\\\" \\u0001\",\"y\":\"住建局\"},\"b\":[1,true,null]}",
                CanonicalJson.string(mapper.readTree(input)));
    }

    @Test
    void sameValueDifferentSpellingGivesSameBytes() throws Exception {
        byte[] one = CanonicalJson.bytes(mapper.readTree("{\"z\":\"\\u4f4f\",\"a\":10}"));
        byte[] two = CanonicalJson.bytes(mapper.readTree("{\"a\":10,   \"z\":\"住\"}"));
        assertArrayEquals(one, two);
        assertEquals("{\"a\":10,\"z\":\"住\"}", new String(one, StandardCharsets.UTF_8));
    }

    @Test
    void refusesFractions() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(mapper.readTree("{\"a\":1.5}")));
    }
}
