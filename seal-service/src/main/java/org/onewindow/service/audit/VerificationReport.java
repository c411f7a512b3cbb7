package org.onewindow.service.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of walking the audit chain.
 *
 * @param intact             whether no problem was found
 * @param eventsChecked      events whose hash and link were checked before the walk stopped
 * @param lastSeq            seq of the last good event (0 for none)
 * @param lastHash           hash of the last good event
 * @param checkpointsChecked checkpoints whose signature and hash were checked
 * @param lastCheckpointSeq  seq of the newest good checkpoint (0 for none); events after it are not yet sealed
 * @param problem            the FIRST problem found, or {@code null} when intact
 */
public record VerificationReport(boolean intact, long eventsChecked, long lastSeq, String lastHash,
                                 long checkpointsChecked, long lastCheckpointSeq, Problem problem) {

    /** What kind of damage was found. */
    public enum Kind {
        /** An event is absent: a gap in the seq numbers. */
        MISSING,
        /** An event's content does not match its own hash. */
        ALTERED,
        /** An event's prevHash does not match the previous event's hash (inserted, replaced or recomputed). */
        BROKEN_LINK,
        /** An event sits under another seq than it claims (swapped or moved). */
        REORDERED,
        /** An event or checkpoint object is not valid JSON or lacks members. */
        UNREADABLE,
        /** An object under the audit prefix that the log never writes. */
        UNEXPECTED_OBJECT,
        /** A checkpoint's signature does not verify with the checkpoint key. */
        CHECKPOINT_SIGNATURE,
        /** A checkpoint names a hash the chain does not have at that seq (chain rewritten). */
        CHECKPOINT_MISMATCH,
        /** A checkpoint names an earlier checkpoint that is gone. */
        CHECKPOINT_MISSING,
        /** The chain ends before a signed checkpoint: events at its end were removed. */
        TRUNCATED
    }

    /**
     * @param seq       the seq where the problem is
     * @param objectKey the object concerned
     * @param kind      its kind
     * @param reason    one sentence for people
     */
    public record Problem(long seq, String objectKey, Kind kind, String reason) {
    }

    /** A JSON view for the API. */
    public Map<String, Object> toView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("intact", intact);
        view.put("eventsChecked", eventsChecked);
        view.put("lastSeq", lastSeq);
        view.put("lastHash", lastHash);
        view.put("checkpointsChecked", checkpointsChecked);
        view.put("lastCheckpointSeq", lastCheckpointSeq);
        if (problem != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("seq", problem.seq());
            p.put("object", problem.objectKey());
            p.put("kind", problem.kind().name());
            p.put("reason", problem.reason());
            view.put("problem", p);
        } else {
            view.put("problem", null);
        }
        return view;
    }
}
