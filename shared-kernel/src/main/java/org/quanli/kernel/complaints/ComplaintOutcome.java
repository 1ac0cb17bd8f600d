package org.quanli.kernel.complaints;

/** What the responsible body's investigation found (调查核实结论). */
public enum ComplaintOutcome {
    SUBSTANTIATED("属实"),
    PARTLY_SUBSTANTIATED("部分属实"),
    NOT_SUBSTANTIATED("不属实");

    private final String label;

    ComplaintOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
