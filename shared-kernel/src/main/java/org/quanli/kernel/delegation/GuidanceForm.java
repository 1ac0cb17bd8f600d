package org.quanli.kernel.delegation;

/** How the devolving side guided the receivers (业务指导、培训、挂职 …). */
public enum GuidanceForm {
    TRAINING("业务培训"),
    ON_SITE_GUIDANCE("现场指导"),
    SECONDMENT("选派人员挂职"),
    WRITTEN_GUIDANCE("印发办事指南"),
    OTHER("其他");

    private final String label;

    GuidanceForm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
