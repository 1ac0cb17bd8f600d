package org.quanli.kernel.identity;

/** The roles a user of the ledger can hold. The token's {@code roles} claim carries these names. */
public enum Role {
    BODY_CLERK("实施主体经办人"),
    LEGAL_REVIEWER("法制审核人员"),
    REFORM_OFFICE("审改办(编办)"),
    WINDOW_OFFICER("窗口工作人员"),
    AUDITOR("审计监察人员"),
    ADMINISTRATOR("系统管理员"),
    PERSONAL_INFORMATION_OFFICER("个人信息保护负责人"),
    /** The unified complaint reception (12345 platform, service centre): registers, transfers, records ratings. */
    COMPLAINT_RECEPTION("投诉受理人员"),
    /** A body's complaint handler: accepts, investigates, concludes and answers the complaints transferred to it. */
    COMPLAINT_HANDLER("投诉承办人员"),
    /** The efficiency supervision office (效能督查): transfers, escalates and reviews complaints in its jurisdiction. */
    SUPERVISION_OFFICE("效能督查人员");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
