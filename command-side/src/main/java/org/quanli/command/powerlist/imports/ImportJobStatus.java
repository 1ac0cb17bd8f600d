package org.quanli.command.powerlist.imports;

/** Where an import job stands. A job never resumes: re-running the same file is safe and adds what is missing. */
public enum ImportJobStatus {
    RUNNING("进行中"),
    COMPLETED("已完成"),
    /** Stopped by an unexpected error; the rows sent before it stay recorded. */
    FAILED("失败"),
    /** The process running it stopped (restart, shutdown) before it finished. */
    INTERRUPTED("已中断");

    private final String label;

    ImportJobStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
