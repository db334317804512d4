package io.edakit.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON reader for schemas and payloads. */
final class Json {

    /**
     * Decimals as BigDecimal, so that {@code multipleOf} and bounds see the number that was sent,
     * not its double rounding; trailing content after the document is an error, not ignored.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** Jackson's message without its source excerpt, plus where the error is. */
    static String describe(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return e.getOriginalMessage() + (location == null ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
    }
}
