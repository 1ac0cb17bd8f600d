package org.quanli.kernel.cases;

/** Electronic supervision (电子监察): yellow warns before a deadline, red flags a breach. */
public enum SupervisionLevel {
    YELLOW("黄牌预警"),
    RED("红牌警告");

    private final String label;

    SupervisionLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
