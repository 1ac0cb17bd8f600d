package org.quanli.kernel.complaints;

/**
 * The complainant's rating of the answer (群众满意度): three levels. Satisfied and basically satisfied count as
 * satisfied in the satisfaction rate; only 不满意 allows the one reopening.
 */
public enum ComplaintRating {
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    DISSATISFIED("不满意");

    private final String label;

    ComplaintRating(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean satisfied() {
        return this != DISSATISFIED;
    }
}
