package org.quanli.kernel.complaints;

/** What raised a supervision flag on a complaint; the level is the cases' {@code SupervisionLevel}. */
public enum ComplaintSupervisionTrigger {
    /** The remaining working days to the reply limit fell to the configured threshold (yellow). */
    DEADLINE_NEAR("临近答复时限"),
    /** No reply to the complainant by the end of the limit (red). */
    NOT_ANSWERED_IN_TIME("超期未答复");

    private final String label;

    ComplaintSupervisionTrigger(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
