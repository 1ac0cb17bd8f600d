package org.quanli.kernel.delegation;

/** What a receiver lacks to exercise a power it was sent (Panjin notice, 一): each is reported, remedied and closed. */
public enum CapacityGapKind {
    LEGAL_ENTITY("无独立法人机构"),
    QUALIFICATION("无专业资质"),
    STAFF("无专业人员"),
    SYSTEM_ACCESS("无专网或系统权限"),
    FUNDING("经费未随事转"),
    OTHER("其他");

    private final String label;

    CapacityGapKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
