package org.quanli.kernel.cases;

/** What raised a supervision flag. */
public enum SupervisionTrigger {
    /** The remaining working days fell to the configured threshold. */
    DEADLINE_NEAR("临近办理时限"),
    /** The case is open past its deadline. */
    OVERDUE("超期未办结"),
    /** A review step took longer than its own limit. */
    REVIEW_STEP_OVER_LIMIT("审查环节超时"),
    /** A non-acceptance or a denial recorded without the reasons the law requires. */
    REFUSAL_WITHOUT_REASONS("不予受理或不予许可未说明理由"),
    /** A bad review was not followed up within the configured working days. */
    BAD_REVIEW_NOT_FOLLOWED_UP("差评未按期整改");

    private final String label;

    SupervisionTrigger(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
