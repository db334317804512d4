package io.edakit.eventstore;

/** What became of one append: appended (perhaps entirely as duplicates), or refused for its expected version. */
public sealed interface AppendResult {

    String streamId();

    /** The stream's version after the append (appended), or as found (conflict). */
    long currentVersion();

    /**
     * The events were appended, or were all stored before (each event id is stored once).
     *
     * @param firstVersion  version of the first event stored by this append (0 when none was new)
     * @param firstPosition global position of the first new event (0 when none was new)
     * @param lastPosition  global position of the last new event (0 when none was new)
     * @param appended      events stored by this append
     * @param duplicates    events skipped because their id was stored already
     */
    record Appended(String streamId, long firstVersion, long currentVersion, long firstPosition, long lastPosition,
                    int appended, int duplicates) implements AppendResult {
    }

    /** The stream was not at the expected version; nothing was written. */
    record Conflict(String streamId, ExpectedVersion expected, long currentVersion) implements AppendResult {
        public String message() {
            return "stream '" + streamId + "' is at version " + currentVersion + ", expected " + expected;
        }
    }
}
