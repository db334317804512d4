package io.edakit.envelope;

import java.util.List;

/**
 * CloudEvents 1.0 attributes in binary mode: each attribute travels as a header named
 * {@code ce_<attribute>} (the CloudEvents Kafka binding's spelling), on every transport, while the
 * payload stays in the body. Routing, de-duplication and ordering read these headers only.
 */
public final class Envelope {

    public static final String PREFIX = "ce_";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SPECVERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATACONTENTTYPE = "ce_datacontenttype";
    public static final String DATASCHEMA = "ce_dataschema";
    /** Extension: the ordering key. */
    public static final String PARTITIONKEY = "ce_partitionkey";
    /** Extension: the tenant an event belongs to. */
    public static final String TENANT = "ce_tenant";

    public static final String SPEC_VERSION_1_0 = "1.0";

    /** Attributes every event has once it entered edakit. */
    public static final List<String> REQUIRED = List.of(ID, SOURCE, TYPE, SPECVERSION);

    private Envelope() {
    }

    /** {@code ce-id} (CloudEvents HTTP binding) or {@code ce_id}: the header name edakit uses, or null. */
    public static String canonicalName(String header) {
        if (header.length() > 3 && header.regionMatches(true, 0, "ce", 0, 2)
                && (header.charAt(2) == '-' || header.charAt(2) == '_')) {
            return PREFIX + header.substring(3).toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }
}
