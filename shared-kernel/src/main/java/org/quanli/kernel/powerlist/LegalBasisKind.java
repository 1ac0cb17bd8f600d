package org.quanli.kernel.powerlist;

/**
 * The kind of legal source an item rests on (设定依据). A power needs at least one basis of a valid kind, or the body's
 * three-determinations mandate (三定方案); a normative document alone sets no power (Zhaoqing 二(一)).
 */
public enum LegalBasisKind {
    LAW("法律", true),
    ADMINISTRATIVE_REGULATION("行政法规", true),
    LOCAL_REGULATION("地方性法规", true),
    DEPARTMENTAL_RULE("部门规章", true),
    LOCAL_RULE("地方政府规章", true),
    THREE_DETERMINATIONS("三定方案", true),
    NORMATIVE_DOCUMENT("规范性文件", false);

    private final String label;
    private final boolean setsPower;

    LegalBasisKind(String label, boolean setsPower) {
        this.label = label;
        this.setsPower = setsPower;
    }

    public String label() {
        return label;
    }

    /** Whether a basis of this kind can by itself found an administrative power. */
    public boolean setsPower() {
        return setsPower;
    }
}
