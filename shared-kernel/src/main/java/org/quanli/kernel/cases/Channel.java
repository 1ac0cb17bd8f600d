package org.quanli.kernel.cases;

/** Where an application came in: at a service-centre window or online. */
public enum Channel {
    WINDOW("窗口"),
    ONLINE("网上");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
