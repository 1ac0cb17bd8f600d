package org.quanli.kernel.places;

/** Where an implementing body stands after the institutional reforms (机构改革) decided so far. */
public enum BodyStatus {
    ACTIVE("存续"),
    MERGED("已合并"),
    ABOLISHED("已撤销");

    private final String label;

    BodyStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
