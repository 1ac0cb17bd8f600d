package org.quanli.kernel.identity;

/** The roles a user of the ledger can hold. The token's {@code roles} claim carries these names. */
public enum Role {
    BODY_CLERK("实施主体经办人"),
    LEGAL_REVIEWER("法制审核人员"),
    REFORM_OFFICE("审改办(编办)"),
    WINDOW_OFFICER("窗口工作人员"),
    AUDITOR("审计监察人员"),
    ADMINISTRATOR("系统管理员"),
    PERSONAL_INFORMATION_OFFICER("个人信息保护负责人");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
