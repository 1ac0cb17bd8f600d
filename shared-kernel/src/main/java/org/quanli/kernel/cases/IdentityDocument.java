package org.quanli.kernel.cases;

/** The kind of document that identifies an applicant. */
public enum IdentityDocument {
    RESIDENT_ID_CARD("居民身份证"),
    PASSPORT("护照"),
    HOME_RETURN_PERMIT("港澳居民来往内地通行证"),
    UNIFIED_SOCIAL_CREDIT_CODE("统一社会信用代码"),
    OTHER("其他");

    private final String label;

    IdentityDocument(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
